import GRDB
import GRDBSQLite

/// Runs a bulk load (``ImportOptions/bulkLoadBytes``) with a rollback journal when no other
/// connection has the database open, so that each new page is written once.
///
/// In WAL mode every page an import writes goes to the WAL at commit and then again into the
/// database file at the checkpoint, and a WAL frame is not aligned to the file system's pages.
/// For a bulk load that doubled the time spent in the kernel (ImportBenchmarks). With a
/// rollback journal, new pages are written straight into the database file and only the few
/// existing pages that change are journalled. The import is still one transaction: if it is
/// killed, the next connection to open the database rolls it back.
///
/// SQLite refuses to leave WAL mode while another connection has the database open; the import
/// then keeps WAL mode and its readers are never blocked. With the rollback journal on, the
/// load holds an exclusive lock from its start, so that no reader can keep its commit waiting;
/// a process that opens the database meanwhile waits for the load to end
/// (``MidstDatabase/open(at:)``).
///
/// Leaving WAL mode and coming back rewrites SQLite's change counter in the file header, even
/// when the import then fails and writes nothing else. That is why only bulk loads take this
/// path: a smaller import that fails leaves the file byte-for-byte as it was (ImportTests).
///
/// SQLite gives the journal the database file's mode: ``secureJournal(_:)`` makes it
/// owner-only (``CompanionFile``).
struct SingleWriteJournal {
    /// Whether the rollback journal is on (the switch succeeded).
    let isRollback: Bool
    /// The database file's path.
    let databasePath: String

    /// Tries to switch `db` (which must not be in a transaction) to a rollback journal; if that
    /// is refused, the database stays in WAL mode.
    init(_ db: Database, databasePath: String) throws {
        self.databasePath = databasePath
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        isRollback = mode == "delete"
        guard isRollback else { return }
        do {
            // NORMAL is safe in WAL mode only; a rollback journal needs FULL to survive a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        } catch {
            restore(db)
            throw error
        }
    }

    /// Creates the rollback journal now, by writing the database's user version as it is, and
    /// makes it owner-only: it will hold the pages the load overwrites. Call it first in the
    /// load's transaction.
    func secureJournal(_ db: Database) throws {
        guard isRollback else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        try db.execute(sql: "PRAGMA user_version = \(version)")
        CompanionFile.secure(forDatabaseAt: databasePath)
    }

    /// Writes the pages of the load so far into the database file (the journal, synced before
    /// the first of them, still undoes them) and keeps the cache small from now on, for the
    /// rest of a load that appends rows in key order: it needs only the pages it is filling,
    /// and the memory goes to the staff snapshot being merged meanwhile.
    func writeOutCache(_ db: Database) throws {
        guard isRollback else { return }
        try db.execute(sql: "PRAGMA cache_size = -\(Self.appendingCacheKiB)")
        guard sqlite3_db_cacheflush(db.sqliteConnection) == SQLITE_OK else {
            throw DatabaseError(resultCode: .SQLITE_IOERR, message: "could not write the load's pages")
        }
        sqlite3_db_release_memory(db.sqliteConnection)
    }

    /// The cache of a load that appends rows in key order, in KiB.
    static let appendingCacheKiB = 4096

    /// Puts the database back in WAL mode. If that fails (another process opened the database
    /// in the meantime and holds it), the rollback journal stays, with its safe `synchronous`
    /// setting, until the next Midst command opens the database in WAL mode.
    func restore(_ db: Database) {
        guard isRollback else { return }
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            MidstDatabase.logger.warning(
                "the database stays in rollback-journal mode until it is next opened",
                metadata: ["mode": "\(mode ?? "unknown")"])
            return
        }
        try? db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
}
