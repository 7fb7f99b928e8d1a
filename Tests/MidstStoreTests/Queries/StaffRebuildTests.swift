import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// The rebuild after a change made outside Midst (issue 23) reads the staff column by column, in
/// key ranges on several connections: its snapshot must be byte for byte the one made from
/// every person's record, one after the other.
@Suite("Staff snapshot rebuilt from the database")
struct StaffRebuildTests {
    /// The sample database with 3,000 generated people more, and rows changed in SQL as someone
    /// in the `sqlite3` shell might: odd texts, unknown codes, empty and missing employers.
    private func database(in folder: TemporaryFolder) throws -> MidstDatabase {
        let database = try sampleDatabase(in: folder)
        var generator = DataGenerator(reference: BundledReference.data, seed: 11)
        let file = DataGenerator.staffHeader + (1...3000).map { generator.staffLine(index: $0) }.joined()
        _ = try database.importStaff(Array(file.utf8), options: options("more.csv"))
        try database.pool.write { db in
            let changes = [
                "UPDATE staff SET employer = NULL WHERE staff_key % 7 = 1",
                "UPDATE staff SET employer = '' WHERE staff_key % 11 = 2",
                "UPDATE staff SET profession = 'astronaut' WHERE staff_key % 97 = 3",
                "UPDATE staff SET specialties = specialties || ';no_such_specialty;;' WHERE staff_key % 13 = 4",
                "UPDATE staff SET countries = 'XX:nationality;GB;FR:nope;IN:worked:x;;PK:heritage:4' WHERE staff_key % 17 = 5",
                "UPDATE staff SET languages = 'fr:zz;ur;hi:B2:x;xx:C1;ps:native' WHERE staff_key % 19 = 6",
                "UPDATE staff SET available_from = 'soon', available_to = '2027-02-30' WHERE staff_key % 23 = 7",
                "UPDATE staff SET available_to = '2027-01-31' WHERE staff_key % 29 = 8",
                "UPDATE staff SET id = 'S-é' || staff_key WHERE staff_key % 31 = 9",
                "UPDATE staff SET seniority = 5, max_assignments = 300, placements = 70000 WHERE staff_key % 37 = 10",
                "UPDATE staff SET remote = 0, in_country = 0 WHERE staff_key % 41 = 11",
                "UPDATE staff SET active = 0 WHERE staff_key % 43 = 12",
            ]
            for change in changes { try db.execute(sql: change) }
        }
        return database
    }

    /// What the rebuild made before issue 23: every matchable record read whole, then coded.
    private func recordByRecord(_ db: Database, generation: Int64) throws -> StaffTable {
        let contexts = try MidstDatabase.staffContexts(db, of: nil)
        var rows = StaffTableRows(reference: BundledReference.data)
        let records = try Row.fetchCursor(
            db, sql: "SELECT * FROM staff WHERE consent = 1 AND active = 1")
        while let row = try records.next() {
            let key: Int64 = row["staff_key"]
            rows.append(
                MidstDatabase.staff(from: row), context: contexts[key] ?? Staff.Context(), key: key)
        }
        return rows.table(generation: generation)
    }

    @Test("in one key range or several, the snapshot equals the one made record by record")
    func equalsRecordByRecord() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try database(in: folder)
        try database.pool.read { db in
            let generation = try MidstDatabase.staffGeneration(db)
            let expected = try recordByRecord(db, generation: generation)
            // The changes above reached the table: unknown professions left out, odd ids kept.
            #expect(expected.count > 2500)
            #expect(expected.ids.contains { $0.rawValue.hasPrefix("S-é") })
            #expect(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome") ?? 0 > 0,
                "contexts from outcomes are part of the table")
            for parts in [1, 2, 3, 8] {
                let rebuilt = try database.rebuiltStaff(
                    db, generation: generation, reference: BundledReference.data, parts: parts)
                #expect(Array(rebuilt.bytes) == Array(expected.bytes), "\(parts) parts")
            }
        }
    }

    @Test("a range whose connection sees a later write is read again in the rebuild's transaction")
    func laterWriteReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try database(in: folder)
        let other = try MidstDatabase.openExisting(at: database.path)
        try database.pool.read { db in
            let generation = try MidstDatabase.staffGeneration(db)
            let expected = try recordByRecord(db, generation: generation)
            // Committed after this transaction began: the other connections see it, `db` not.
            try other.pool.write { write in
                try write.execute(sql: "UPDATE staff SET consent = 1 - consent WHERE staff_key % 3 = 0")
            }
            let rebuilt = try database.rebuiltStaff(
                db, generation: generation, reference: BundledReference.data, parts: 4)
            #expect(Array(rebuilt.bytes) == Array(expected.bytes))
        }
    }
}
