import Foundation
import MidstCore
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
        let table = try database.staffTable(reference: BundledReference.data)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: database.snapshotPath))
        let again = try database.staffTable(reference: BundledReference.data)
        #expect(again.ids == table.ids)
    }
}
