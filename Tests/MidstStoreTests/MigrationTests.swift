import Foundation
import GRDB
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
