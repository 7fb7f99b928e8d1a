import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// Bulk loads (``ImportOptions/bulkLoadBytes``) write with a rollback journal when they have the
/// database to themselves.
@Suite("Bulk loads")
struct BulkLoadTests {
    /// Options that make any file a bulk load.
    static func bulkOptions(_ file: String, format: ImportFormat = .csv) -> ImportOptions {
        var bulk = options(file, format: format)
        bulk.bulkLoadBytes = 0
        return bulk
    }

    static func journalMode(_ database: MidstDatabase) throws -> String? {
        try database.pool.write { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }

    @Test("a bulk load stores what a WAL import stores, and leaves the database in WAL mode")
    func sameContent() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let csv = Array(PlainRowImportTests.mutatedStaffCSV(rows: 600, seed: 11).utf8)
        var results: [[String: [[DatabaseValue]]]] = []
        for (name, bulk) in [("wal.sqlite", false), ("bulk.sqlite", true)] {
            let database = try MidstDatabase.open(at: folder.path(name))
            var options = bulk ? Self.bulkOptions("staff.csv") : options("staff.csv")
            options.skipsInvalid = true
            let summary = try database.importStaff(csv, options: options)
            #expect(summary.isBulkLoad == bulk)
            #expect(summary.plainRecords > 300)
            #expect(try Self.journalMode(database) == "wal")
            results.append(try PlainRowImportTests.staffTables(database))
        }
        #expect(results[0]["staff"]!.count > 300)
        #expect(results[0] == results[1])
        #expect(!FileManager.default.fileExists(atPath: folder.path("bulk.sqlite-journal")))
    }

    @Test("an import handed its bytes stores the same, and gives their memory back once written")
    func handedOverBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let csv = Array(PlainRowImportTests.mutatedStaffCSV(rows: 600, seed: 12).utf8)
        var results: [[String: [[DatabaseValue]]]] = []
        var handed: [UInt8] = []
        for handsOver in [false, true] {
            let database = try MidstDatabase.open(at: folder.path("\(handsOver).sqlite"))
            var options = Self.bulkOptions("staff.csv")
            options.skipsInvalid = true
            options.handsOverBytes = handsOver
            // A copy of its own, so that `csv` keeps its bytes.
            handed = csv.map { $0 }
            let summary = try database.importStaff(handed, options: options)
            #expect(summary.plainRecords > 300)
            results.append(try PlainRowImportTests.staffTables(database))
        }
        #expect(results[0]["staff"]!.count > 300)
        #expect(results[0] == results[1])
        #expect(!csv.contains(0))
        #if os(Linux)
            // The whole pages of the handed-over bytes were given back: on Linux they read as
            // zeros now (elsewhere the system may leave them as they were until it needs them).
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            #expect(csv.count > 4 * page)
            #expect(handed.count { $0 == 0 } >= csv.count - 2 * page)
        #endif
    }

    @Test(
        "a failed bulk load changes no page of the file; only SQLite's change counter moves",
        arguments: ["staff-unknown-codes.csv", "staff-duplicate-id.csv", "staff-bad.jsonl"])
    func failedBulkLoad(file: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        let database = try sampleDatabase(in: folder)
        _ = try database.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let before = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: ImportFailure.self) {
            _ = try database.importStaff(
                try bytes(ofSample: "invalid/\(file)"),
                options: Self.bulkOptions(file, format: ImportFormat(fileName: file)!))
        }
        #expect(try Self.journalMode(database) == "wal")
        _ = try database.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let after = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The file change counter (bytes 24–27) and the version-valid-for number (92–95) of the
        // header; everything else is the same.
        let counters = Set(24..<28).union(92..<96)
        #expect(before.count == after.count)
        let changed = before.indices.filter { $0 < after.count && before[$0] != after[$0] }
        #expect(changed.allSatisfy(counters.contains), "changed bytes \(changed.prefix(10))")
        // The counter did move: the import really left WAL mode.
        #expect(!changed.isEmpty)
    }

    @Test("on a database others may read, the rollback journal is owner-only")
    func ownerOnlyJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        let database = try sampleDatabase(in: folder)
        try #require(chmod(path, 0o644) == 0)
        func mode(_ path: String) -> mode_t? {
            var status = stat()
            return stat(path, &status) == 0 ? status.st_mode & 0o777 : nil
        }
        database.pool.releaseMemory()
        try database.pool.writeWithoutTransaction { db in
            let journal = try SingleWriteJournal(db, databasePath: path)
            try #require(journal.isRollback)
            try db.inTransaction(.exclusive) {
                try journal.secureJournal(db)
                #expect(mode(path + "-journal") == 0o600)
                return .rollback
            }
            journal.restore(db)
        }
    }

    @Test("with another connection open, a bulk load keeps WAL mode and still succeeds")
    func sharedDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        let database = try MidstDatabase.open(at: path)
        // Another process's connection, reading while the import runs.
        let other = try DatabaseQueue(path: path)
        let summary = try other.read { _ in
            try database.importStaff(
                try bytes(ofSample: "staff.csv"), options: Self.bulkOptions("staff.csv"))
        }
        #expect(summary.inserted == 300)
        #expect(!summary.isBulkLoad)
        #expect(try Self.journalMode(database) == "wal")
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM staff") } == 300)
    }
}
