import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Staff snapshot beside the database")
struct SnapshotTests {
    @Test("the snapshot is written, reused, and rebuilt after an import changes the staff")
    func rebuiltAfterImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let first = try database.staffTable(reference: BundledReference.data)
        #expect(FileManager.default.fileExists(atPath: database.snapshotPath))
        #expect(!first.ids.contains(RecordID(rawValue: "S0243")))  // has not consented
        #expect(first.ids.contains(RecordID(rawValue: "S0288")))
        let generation = try database.staffGeneration()
        let reused = try database.staffTable(reference: BundledReference.data)
        #expect(reused.ids == first.ids)
        let csv = """
            id,profession,specialties,seniority,consent
            S0288,doctor,paediatrics,consultant,no
            S9000,doctor,paediatrics,ST4,yes
            """
        _ = try database.importStaff(Array(csv.utf8), options: options("change.csv"))
        #expect(try database.staffGeneration() != generation)
        let rebuilt = try database.staffTable(reference: BundledReference.data)
        #expect(!rebuilt.ids.contains(RecordID(rawValue: "S0288")))
        #expect(rebuilt.ids.contains(RecordID(rawValue: "S9000")))
    }

    @Test("a damaged snapshot is rebuilt, not trusted")
    func damagedSnapshot() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let ids = try database.staffTable(reference: BundledReference.data).ids
        // Replaced, as a file mapped by a table in use would be by Midst (never written in place).
        try Data("garbage".utf8).write(
            to: URL(fileURLWithPath: database.snapshotPath), options: .atomic)
        let again = try database.staffTable(reference: BundledReference.data)
        #expect(again.ids == ids)
    }

    @Test("a snapshot with any one bit flipped in its columns is refused and rebuilt")
    func flippedBits() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let table = try database.staffTable(reference: BundledReference.data)
        let good = Array(table.bytes)
        let generation = try database.staffGeneration()
        var generator = SystemRandomNumberGenerator()
        var positions = [24, good.count - 1] + (0..<200).map { _ in Int.random(in: 24..<good.count, using: &generator) }
        positions.sort()
        for position in positions {
            var damaged = good
            damaged[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            let storage = StaffTableStorage(copying: damaged)
            #expect(throws: StaffTableFormatError.self, "bit at byte \(position)") {
                _ = try StaffTable(storage: storage, expectedGeneration: generation)
            }
        }
        // And through the store: a damaged file is rebuilt into the good table.
        var damaged = good
        damaged[good.count / 2] ^= 0x10
        try Data(damaged).write(to: URL(fileURLWithPath: database.snapshotPath))
        let rebuilt = try database.staffTable(reference: BundledReference.data)
        #expect(rebuilt.ids == table.ids)
        // The file was written again, whole.
        let written = try #require(MappedFile.storage(path: database.snapshotPath))
        #expect(throws: Never.self) { _ = try StaffTable(storage: written, expectedGeneration: generation) }
    }

    @Test("a new snapshot, folded or rebuilt, removes the overlay laid on the one it replaces")
    func staleOverlayRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let need = try #require(try database.openNeeds().first)
        func write(_ person: String) throws {
            try database.recordOutcome(
                Outcome(
                    needID: need.id, staffID: RecordID(rawValue: person), kind: .asked,
                    date: sampleDay))
            try #require(FileManager.default.fileExists(atPath: database.overlayPath))
        }
        // Folded by a whole-table reader (the nightly run's way).
        try write("S0288")
        _ = try database.staffTable(reference: BundledReference.data)
        #expect(!FileManager.default.fileExists(atPath: database.overlayPath))
        // Rebuilt after a change made outside Midst.
        try write("S0289")
        try database.pool.write {
            try $0.execute(sql: "UPDATE staff SET placements = placements + 1 WHERE id = 'S0001'")
        }
        let rebuilt = try database.staffTable(reference: BundledReference.data)
        #expect(!FileManager.default.fileExists(atPath: database.overlayPath))
        #expect(rebuilt.generation == (try database.staffGeneration()))
    }
}
