import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Schema and migrations")
struct MigrationTests {
    @Test("a new database gets every migration, in WAL mode with foreign keys on")
    func newDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("new.sqlite"))
        #expect(try database.appliedMigrations() == MidstDatabase.knownMigrations)
        let (journal, foreignKeys) = try database.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        // Readers keep SQLite's default cache; the writer has its own (MidstDatabase.connectOnce).
        let readerCache = try database.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        let writerCache = try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        #expect(readerCache != MidstDatabase.writerCacheSize)
        #expect(writerCache == MidstDatabase.writerCacheSize)
    }

    @Test(
        "every older schema is brought up to date and keeps its data",
        arguments: MidstDatabase.knownMigrations.dropLast())
    func olderDatabase(upTo migration: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("old.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: migration)
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO staff (id, profession, specialties, seniority, countries, languages,
                            remote, in_country, max_assignments, consent, updated_at)
                        VALUES ('S1', 'doctor', 'paediatrics', 3, 'UG:nationality', 'lg:native', 1, 1, 1, 1,
                            '2026-01-01T00:00:00Z')
                        """)
            }
        }
        let database = try MidstDatabase.open(at: path)
        #expect(try database.appliedMigrations() == MidstDatabase.knownMigrations)
        let ids = try database.pool.read { try String.fetchAll($0, sql: "SELECT id FROM staff") }
        #expect(ids == ["S1"])
        // Backed up first, as it was.
        let count = MidstDatabase.knownMigrations.firstIndex(of: migration)! + 1
        let backup = try DatabaseQueue(
            path: MidstDatabase.migrationBackupPath(path, schemaCount: count))
        let backedUp = try backup.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").count,
                try String.fetchAll(db, sql: "SELECT id FROM staff")
            )
        }
        #expect(backedUp.0 == count)
        #expect(backedUp.1 == ["S1"])
    }

    @Test("v7 rebuilds the run tables, keeping every shortlist and assignment row")
    func runRowsSurviveV7() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("runs.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v6-decisions")
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO staff (staff_key, id, profession, specialties, seniority, countries,
                            languages, remote, in_country, max_assignments, consent, updated_at)
                        VALUES (7, 'S7', 'doctor', 'paediatrics', 3, '', '', 1, 1, 1, 1, '2026-01-01T00:00:00Z');
                        INSERT INTO need (need_key, id, partnership, host_institution, country, profession,
                            min_seniority, mode, slots, priority, status, updated_at)
                        VALUES (3, 'N3', 'P', 'H', 'UG', 'doctor', 1, 'either', 1, 3, 'open',
                            '2026-01-01T00:00:00Z');
                        INSERT INTO run (run_key, started_at, status, config_hash, config, solver, top_k)
                        VALUES (1, '2026-01-01T00:00:00Z', 'completed', 'h', '{}', 'optimal', 20);
                        INSERT INTO shortlist VALUES (1, 3, 1, 7, 88.5, 1, 0.5, 0.25, 1, 1, 0);
                        INSERT INTO assignment VALUES (1, 3, 7, 88.5);
                        """)
            }
        }
        let database = try MidstDatabase.open(at: path)
        let (shortlist, assignment, indexes) = try database.pool.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM shortlist"),
                try Row.fetchAll(db, sql: "SELECT * FROM assignment"),
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'index'
                        AND name IN ('shortlist_by_staff', 'assignment_by_staff') ORDER BY name
                        """)
            )
        }
        #expect(shortlist.count == 1)
        #expect(shortlist.first?["staff_key"] == 7)
        #expect(shortlist.first?["score"] == 88.5)
        #expect(shortlist.first?["language"] == 0.25)
        #expect(assignment.count == 1)
        #expect(assignment.first?["need_key"] == 3)
        #expect(indexes == ["assignment_by_staff", "shortlist_by_staff"])
    }

    @Test("v8 keeps every country tie and still refuses an unknown kind")
    func tiesSurviveV8() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("ties.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v7-run-rows-by-run")
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO staff (staff_key, id, profession, specialties, seniority, countries,
                            languages, remote, in_country, max_assignments, consent, updated_at)
                        VALUES (7, 'S7', 'doctor', 'paediatrics', 3, 'UG:nationality;KE:worked:4', '',
                            1, 1, 1, 1, '2026-01-01T00:00:00Z');
                        INSERT INTO staff_country_tie VALUES ('UG', 'nationality', 7, NULL);
                        INSERT INTO staff_country_tie VALUES ('KE', 'worked', 7, 4);
                        """)
            }
        }
        let database = try MidstDatabase.open(at: path)
        let ties = try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT country, kind, staff_key, years FROM staff_country_tie ORDER BY country"
            )
        }
        #expect(ties.map { $0["country"] as String } == ["KE", "UG"])
        #expect(ties.map { $0["kind"] as String } == ["worked", "nationality"])
        #expect(ties.map { $0["years"] as Int? } == [4, nil])
        for kind in ["nationality", "birth", "trained", "worked", "heritage"] {
            try database.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO staff_country_tie VALUES ('GH', ?, 7, NULL)",
                    arguments: [kind])
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO staff_country_tie VALUES ('NG', 'cousin', 7, NULL)")
            }
        }
    }

    @Test(
        "v9 drops the profession index; a search by profession still finds its people in id order")
    func professionSearchAfterV9() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("profession.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v8-tie-kind-check")
            try pool.write { db in
                for (id, profession) in [("S3", "nurse"), ("S1", "doctor"), ("S2", "nurse")] {
                    try db.execute(
                        sql: """
                            INSERT INTO staff (id, profession, specialties, seniority, countries,
                                languages, remote, in_country, max_assignments, consent, updated_at)
                            VALUES (?, ?, '', 3, '', '', 1, 1, 1, 1, '2026-01-01T00:00:00Z')
                            """,
                        arguments: [id, profession])
                }
            }
            let before = try pool.read { db in
                try db.indexes(on: "staff").map(\.name)
            }
            #expect(before.contains("staff_by_profession"))
        }
        let database = try MidstDatabase.open(at: path)
        let after = try database.pool.read { db in try db.indexes(on: "staff").map(\.name) }
        #expect(!after.contains("staff_by_profession"))
        var filter = StaffFilter()
        filter.profession = SpecialtyCode(rawValue: "nurse")
        #expect(try database.searchStaff(filter).map(\.id.rawValue) == ["S2", "S3"])
    }

    @Test("a database from a newer Midst is refused with a clear message")
    func newerDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("newer.sqlite")
        let database = try MidstDatabase.open(at: path)
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect {
            _ = try MidstDatabase.open(at: path)
        } throws: { error in
            guard case StoreError.newerSchema(_, let unknown) = error else { return false }
            return unknown == ["v99-from-the-future"]
                && (error as? LocalizedError)?.errorDescription?.contains("newer version of Midst")
                    == true
        }
    }

    @Test("a file that is not SQLite is refused, not overwritten")
    func notADatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("notes.sqlite")
        let text = Data(String(repeating: "this is not a database\n", count: 200).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try MidstDatabase.open(at: path)
        } throws: { error in
            if case StoreError.notAMidstDatabase = error { return true }
            return false
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test("reading a missing database says so instead of creating one")
    func missingDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("absent.sqlite")
        #expect(throws: StoreError.self) { _ = try MidstDatabase.openExisting(at: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
