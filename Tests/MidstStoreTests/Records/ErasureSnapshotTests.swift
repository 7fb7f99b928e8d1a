import Foundation
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("erasure beside processes that map the staff snapshot (issue 22, item 1)")
struct ErasureSnapshotTests {
    @Test("a snapshot another reader maps keeps its bytes while forget puts a new one without the person in its place; the old one goes once unmapped")
    func mappedSnapshotStaysIntact() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let person = RecordID(rawValue: "S0288")
        do {
            // The snapshot file itself (the sample's later imports left an overlay over it).
            let mapped = try #require(
                database.keptStaff(generation: try database.staffGeneration())?.base)
            try #require(mapped.ids.contains(person))
            let before = Array(mapped.bytes)

            _ = try database.forgetStaff(id: "S0288")

            let isIntact = Array(mapped.bytes) == before
            #expect(isIntact, "the mapped snapshot was written in place")
            let now = try #require(
                MidstDatabase.snapshot(
                    at: database.snapshotPath, generation: try database.staffGeneration()))
            #expect(!now.ids.contains(person))
            #expect(try Self.setAside(in: folder).count == 1, "kept while mapped")
        }
        // Unmapped now: the next process to open the database zeroes and removes it.
        _ = try MidstDatabase.open(at: database.path)
        #expect(try Self.setAside(in: folder).isEmpty)
    }

    @Test("with no reader left, forget removes the old snapshot at once")
    func unmappedSnapshotRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        _ = try database.staffTable(reference: BundledReference.data)
        _ = try database.forgetStaff(id: "S0288")
        #expect(try Self.setAside(in: folder).isEmpty)
        #expect(FileManager.default.fileExists(atPath: database.snapshotPath))
    }

    /// The snapshots an erasure set aside in `folder`.
    static func setAside(in folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.contains("-staff-snapshot.erased") }
    }
}
