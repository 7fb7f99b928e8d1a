import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// `staff forget` against a process that read the person before the erasure committed and is
/// about to put a snapshot or overlay in place (issue 23): the erasure is run at that very
/// point (``SnapshotHooks``), and afterwards no file beside the database may hold the person.
@Suite("erasure racing a snapshot's writer")
struct SnapshotErasureRaceTests {
    private static let person = "S0288"

    /// The files beside the database whose bytes hold the person's id, once the next command
    /// has opened it: a snapshot set aside by the erasure while this process still mapped it
    /// is only destroyed then (``ErasureSnapshotTests``).
    private func filesHoldingPerson(in folder: TemporaryFolder, _ database: MidstDatabase) throws
        -> [String]
    {
        _ = try MidstDatabase.open(at: database.path)
        let id = Data(Self.person.utf8)
        return try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.contains("staff-snapshot") || $0.contains("staff-overlay") }
            .filter { name in
                (FileManager.default.contents(atPath: folder.path(name))?.range(of: id)) != nil
            }
    }

    /// Runs `forget` on another connection, as another process would, the next time `database`
    /// is about to put a snapshot or overlay in place.
    private func eraseBeforeNextKeep(_ database: MidstDatabase) throws {
        let eraser = try MidstDatabase.openExisting(at: database.path)
        SnapshotHooks.once(beforeLocking: database.path) {
            _ = try? eraser.forgetStaff(id: Self.person)
        }
    }

    @Test("a query that rebuilt the snapshot before the erasure never puts its copy in place after it")
    func rebuildingReader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // A change made outside Midst: the next query rebuilds the snapshot.
        try database.pool.write {
            try $0.execute(sql: "UPDATE staff SET placements = placements + 1 WHERE id = 'S0001'")
        }
        try eraseBeforeNextKeep(database)
        let table = try database.staffTable(reference: BundledReference.data)
        #expect(table.ids.contains(RecordID(rawValue: Self.person)), "read before the erasure")
        #expect(try database.staff(id: Self.person) == nil, "erased")
        let holding = try filesHoldingPerson(in: folder, database)
        #expect(holding.isEmpty, "\(holding)")
    }

    @Test("a query that folded the overlay before the erasure never puts its snapshot in place after it")
    func foldingReader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        _ = try database.staffTable(reference: BundledReference.data)
        let need = try #require(try database.openNeeds().first)
        try database.recordOutcome(
            Outcome(
                needID: need.id, staffID: RecordID(rawValue: Self.person), kind: .asked,
                date: sampleDay))
        try #require(FileManager.default.fileExists(atPath: database.overlayPath))
        try eraseBeforeNextKeep(database)
        _ = try database.staffTable(reference: BundledReference.data)
        #expect(try database.staff(id: Self.person) == nil, "erased")
        let holding = try filesHoldingPerson(in: folder, database)
        #expect(holding.isEmpty, "\(holding)")
    }

    @Test("a write that committed before the erasure never puts its overlay, holding the person, in place after it")
    func writer() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        _ = try database.staffTable(reference: BundledReference.data)
        let need = try #require(try database.openNeeds().first)
        try eraseBeforeNextKeep(database)
        // The person's row goes into the overlay this write leaves.
        try database.recordOutcome(
            Outcome(
                needID: need.id, staffID: RecordID(rawValue: Self.person), kind: .asked,
                date: sampleDay))
        #expect(try database.staff(id: Self.person) == nil, "erased")
        let holding = try filesHoldingPerson(in: folder, database)
        #expect(holding.isEmpty, "\(holding)")
    }
}
