import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Records you can trust")
struct RecordsTests {
    @Test("every table of the schema is in the personal-data registry or declared free of it")
    func registryCoversTheSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let tables = try database.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        let personal = Set(PersonalData.tables.map(\.name))
        #expect(personal.isDisjoint(with: PersonalData.tablesWithoutPersonalData))
        for table in tables {
            #expect(
                personal.contains(table) || PersonalData.tablesWithoutPersonalData.contains(table),
                "table \(table) is in neither list: say whether it holds personal data")
        }
        for table in personal {
            #expect(tables.contains(table), "\(table) is registered but not in the schema")
            let columns = try database.pool.read { db in try db.columns(in: table).map(\.name) }
            #expect(columns.contains("staff_key"), "\(table) has no staff_key column")
        }
    }

    @Test("forget removes the person everywhere, keeps past runs' counts, and leaves no byte of their name or e-mail")
    func forget() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try await completedRun(database)
        let runID = try database.recordRun(before)
        let person = try #require(try database.staff(ids: [RecordID(rawValue: "S0288")]).first)
        let name = try #require(person.name)
        let email = try #require(person.email)
        try database.decide(needID: "N001", staffID: "S0288", kind: .exclude, reason: "test")
        try database.changeConsent(
            staffID: "S0288", to: false, reason: "asked",
            at: Timestamp(parsing: "2026-11-26T09:00:00Z")!)
        let shortlistBefore = try database.shortlist(run: runID)
        let assignedBefore = try database.assignments(run: runID)

        let report = try database.forgetStaff(id: "S0288")
        #expect(report.rows["staff"] == 1)
        #expect((report.rows["shortlist"] ?? 0) >= 1)

        let key = try await database.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT staff_key FROM staff WHERE id = 'S0288'")
        }
        #expect(key.isEmpty)
        for table in PersonalData.tables where table.erasure == .deleted {
            let rows = try await database.pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM \(table.name)
                        WHERE staff_key NOT IN (SELECT staff_key FROM staff)
                        """) ?? 0
            }
            #expect(rows == 0, "\(table.name) keeps rows of someone erased")
        }
        let shortlistAfter = try database.shortlist(run: runID)
        #expect(shortlistAfter.count == shortlistBefore.count, "past runs still add up")
        #expect(!shortlistAfter.contains { $0.staffID == "S0288" })
        #expect(shortlistAfter.contains { $0.staffID == MidstDatabase.erasedPlaceholder })
        #expect(try database.assignments(run: runID).count == assignedBefore.count)
        #expect(try database.decisions().allSatisfy { $0.staffID != "S0288" })

        for file in [database.path, database.path + "-wal", database.snapshotPath] {
            #expect(!MidstDatabase.file(at: file, contains: Array(email.utf8)), "\(file)")
            #expect(!MidstDatabase.file(at: file, contains: Array(name.utf8)), "\(file)")
        }
        #expect(throws: UnknownRecord.self) { try database.forgetStaff(id: "S0288") }
    }

    @Test("a staff key is never given again, even after the person holding the highest was erased")
    func keysNeverReused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        func key(_ id: String) throws -> Int64? {
            try database.pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT staff_key FROM staff WHERE id = ?", arguments: [id])
            }
        }
        let highest = try database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM staff ORDER BY staff_key DESC LIMIT 1")!
        }
        let erasedKey = try #require(try key(highest))
        _ = try database.forgetStaff(id: highest)
        let line = "id,profession,specialties,seniority,consent\nNEW1,nurse,nursing_children,band6,yes\n"
        _ = try database.importStaff(Array(line.utf8), options: options("new.csv"))
        #expect(try #require(try key("NEW1")) > erasedKey)
        // Another tool inserting with SQLite's automatic key does not reuse it either.
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO staff (id, profession, specialties, seniority, countries, languages,
                        remote, in_country, max_assignments, consent, updated_at)
                    VALUES ('NEW2', 'nurse', 'nursing_children', 2, '', '', 1, 1, 1, 1, '2026-01-01T00:00:00Z')
                    """)
        }
        #expect(try #require(try key("NEW2")) > erasedKey)
    }

    @Test("a consent change made outside Midst takes effect at the next query: the snapshot is not trusted")
    func changesByAnyRoute() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let reference = BundledReference.data
        let before = try database.staffTable(reference: reference)
        #expect((0..<before.count).contains { before.id(at: $0).rawValue == "S0288" })
        // As the sqlite3 shell would, on its own connection.
        let shell = try DatabaseQueue(path: database.path)
        try shell.write { db in
            try db.execute(sql: "UPDATE staff SET consent = 0 WHERE id = 'S0288'")
        }
        try shell.close()
        let after = try database.staffTable(reference: reference)
        #expect(!(0..<after.count).contains { after.id(at: $0).rawValue == "S0288" })
        #expect(after.count == before.count - 1)
        // An outcome written outside Midst changes the person's commitments too.
        let generation = try database.staffGeneration()
        let outside = try DatabaseQueue(path: database.path)
        try outside.write { db in
            try db.execute(
                sql: """
                    DELETE FROM outcome WHERE (need_key, staff_key, outcome) IN
                        (SELECT need_key, staff_key, outcome FROM outcome LIMIT 1)
                    """)
        }
        try outside.close()
        #expect(try database.staffGeneration() != generation)
    }

    @Test("consent changes are recorded with time, reason and source; giving twice changes nothing")
    func consentHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let withdrawn = Timestamp(parsing: "2026-11-26T09:00:00Z")!
        #expect(try database.changeConsent(staffID: "S0288", to: false, reason: "asked", at: withdrawn))
        #expect(try !database.changeConsent(staffID: "S0288", to: false, reason: nil, at: withdrawn))
        let report = try #require(try database.subjectAccess(staffID: "S0288"))
        #expect(report.consentHistory.count == 1)
        #expect(report.consentHistory.first?.hasConsented == false)
        #expect(report.consentHistory.first?.reason == "asked")
        #expect(report.consentHistory.first?.changedAt == withdrawn.iso)
        #expect(report.fields.contains { $0.name == "consent" && $0.value == "0" })
        #expect(report.fields.contains { $0.name == "email" && $0.value != nil })
    }

    @Test("forgetting someone whose e-mail lies inside another person's succeeds, and keeps the other's")
    func erasureBesideASuffix() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE staff SET email = 'ann.lee@nhs.example' WHERE id = 'S0010'")
            try db.execute(sql: "UPDATE staff SET email = 'joann.lee@nhs.example' WHERE id = 'S0011'")
        }
        _ = try database.forgetStaff(id: "S0010")
        #expect(try database.staff(id: "S0010") == nil)
        #expect(try database.staff(id: "S0011")?.email == "joann.lee@nhs.example")
        // The erased person's own value is gone wherever it stood alone.
        #expect(try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE email = 'ann.lee@nhs.example'")
        } == 0)
    }
}
