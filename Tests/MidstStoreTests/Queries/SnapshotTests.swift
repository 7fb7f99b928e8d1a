import Foundation
import GRDB
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

@Suite("Staff snapshot beside the database")
struct SnapshotTests {
    /// The bytes of a file beside the database, or `nil` when it is not there.
    private func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

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

    @Test(
        "candidates find a bit flipped where the need's people lie and rebuild; the run finds one anywhere"
    )
    func damageFoundWhereRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // Enough people that one profession's lie in part of the file only.
        var generator = DataGenerator(reference: BundledReference.data, seed: 4)
        var text = DataGenerator.staffHeader
        for index in 1...3000 { text += generator.staffLine(index: index) }
        _ = try database.importStaff(Array(text.utf8), options: options("more.csv"))
        let table = try database.staffTable(reference: BundledReference.data)
        let generation = try database.staffGeneration()
        let good = Array(table.bytes)
        let scorer = Scorer(reference: BundledReference.data)
        let need = try #require(try database.openNeeds().first)
        func answer() throws -> [String] {
            try database.candidates(for: need, top: 10, config: scorer.config, explaining: false)
                .map { "\($0.staff.id) \($0.score)" }
        }
        let expected = try answer()
        try #require(!expected.isEmpty)
        // The chunks the need's professions lie in, as a query checks them.
        let checking = try StaffTable(
            storage: StaffTableStorage(copying: good), expectedGeneration: generation,
            checking: .asRead)
        try checking.checkBlocks(
            ofProfessions: NeedPlan(need: need, scorer: scorer).professionCodes)
        let checks = try #require(checking.checks)
        let columnsEnd = good.withUnsafeBytes {
            Int($0.load(fromByteOffset: good.count - 8, as: Int64.self))
        }
        let size = StaffTable.chunkSize
        let chunks = (0..<StaffTable.chunkCount(columnsEnd: columnsEnd)).map { chunk in
            (chunk, max(chunk * size, 24)..<min((chunk + 1) * size, columnsEnd))
        }
        let read = chunks.filter { _, bytes in
            checks.isChecked(
                UnsafeRawBufferPointer(start: checking.storage.base + bytes.lowerBound, count: 1))
        }
        let unread = chunks.filter { chunk in !read.contains { $0.0 == chunk.0 } }
        try #require(!read.isEmpty && !unread.isEmpty)
        var random = SeededRandom(seed: 3)
        func damaged(in bytes: Range<Int>) throws -> [UInt8] {
            var damaged = good
            damaged[Int.random(in: bytes, using: &random)] ^=
                1 << UInt8.random(in: 0..<8, using: &random)
            // Replaced, as Midst replaces a snapshot (a mapped file is never written in place).
            try Data(damaged).write(
                to: URL(fileURLWithPath: database.snapshotPath), options: .atomic)
            return damaged
        }
        for (chunk, bytes) in read {
            let written = try damaged(in: bytes)
            #expect(try answer() == expected, "chunk \(chunk)")
            // Found before it was read: the snapshot was rebuilt and written again, whole.
            let again = try #require(contents(database.snapshotPath))
            #expect(again != written, "chunk \(chunk)")
            #expect(throws: Never.self) {
                _ = try StaffTable(
                    storage: StaffTableStorage(copying: again), expectedGeneration: generation)
            }
        }
        // Damage where no one the need could match lies is not read by the query, and not
        // checked by it; the next reader of the whole table finds it and rebuilds.
        for (chunk, bytes) in unread.prefix(5) {
            let written = try damaged(in: bytes)
            #expect(try answer() == expected, "chunk \(chunk)")
            #expect(contents(database.snapshotPath) == written, "chunk \(chunk)")
            #expect(try database.staffTable(reference: BundledReference.data).ids == table.ids)
            #expect(contents(database.snapshotPath) != written, "chunk \(chunk)")
        }
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
