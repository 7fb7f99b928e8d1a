import Foundation
import GRDB
import Logging

/// A Midst database: one SQLite file in WAL mode, migrated to the current schema on open.
///
/// Writers are serialised by SQLite; readers (recruiters' queries) keep working while a batch or an
/// import writes, thanks to WAL.
public final class MidstDatabase: Sendable {
    /// The file's path as given.
    public let path: String
    let pool: DatabasePool
    static let logger = Logger(label: "midst.store")
    /// The writer connection's page cache, as `PRAGMA cache_size` takes it: 64 MB.
    static let writerCacheSize = -65536

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created owner-only (0600), and its WAL and shared-memory files are kept so
    /// whatever the database's mode (``CompanionFile``). An existing database with migrations to
    /// apply is backed up first (``migrationBackupPath``).
    ///
    /// - Throws: ``StoreError/newerSchema(path:unknownMigrations:)`` for a database written by a
    ///   newer Midst, ``StoreError/notAMidstDatabase(path:reason:)`` for a file that is not one.
    public static func open(at path: String) throws -> MidstDatabase {
        if try !OwnerOnlyFile.create(path) { try FileHeader.check(path, allowsEmpty: true) }
        warnIfReadableByOthers(path)
        let database = try connect(path: path, readOnly: false)
        try database.migrate()
        database.removeLeftovers()
        return database
    }

    /// Opens an existing database, refusing a missing file; an out-of-date schema is migrated
    /// (after a backup). Read-only, the file is opened without a writer: it stays byte-for-byte
    /// as it was (SQLite may create empty `-wal` and `-shm` files beside it).
    public static func openExisting(at path: String, readOnly: Bool = false) throws
        -> MidstDatabase
    {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StoreError.missing(path: path)
        }
        guard !isFolder.boolValue else {
            throw StoreError.notAMidstDatabase(path: path, reason: "a folder, not a file")
        }
        try FileHeader.check(path)
        warnIfReadableByOthers(path)
        if readOnly, FileManager.default.fileExists(atPath: path + "-journal") {
            // A killed bulk load left a rollback journal: only a writer can roll it back.
            _ = try connect(path: path, readOnly: false)
        }
        let database = try connect(path: path, readOnly: readOnly)
        let isCurrent = try database.read { db in
            try Migrations.migrator.completedMigrations(db).count
                == Migrations.migrator.migrations.count
        }
        if !isCurrent {
            try (readOnly ? try connect(path: path, readOnly: false) : database).migrate()
        }
        database.removeLeftovers()
        return database
    }

    /// Applies the migrations this database lacks, backing it up first when it already has a
    /// schema.
    private func migrate() throws {
        let applied = try read { try Migrations.migrator.appliedIdentifiers($0) }
        let pending = Migrations.migrator.migrations.filter { !applied.contains($0) }
        if !applied.isEmpty, !pending.isEmpty {
            let backup = Self.migrationBackupPath(path, schemaCount: applied.count)
            try self.backup(to: backup)
            Self.logger.notice("backed up before migrating", metadata: ["backup": "\(backup)"])
        }
        try describingFailures { try Migrations.migrator.migrate(pool) }
    }

    /// Where the copy taken before migrating a database with `schemaCount` migrations goes:
    /// beside it, named after the schema it holds.
    public static func migrationBackupPath(_ path: String, schemaCount: Int) -> String {
        "\(path).before-migration-\(schemaCount).sqlite"
    }

    /// Runs `body`, turning SQLite's failures (a full disk, a damaged file, an I/O error) into
    /// ``StoreError`` naming the database.
    func describingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.describing(error, path: path)
        }
    }

    /// Runs `body` with a read-only view of the database, turning SQLite's failures (a damaged
    /// or truncated file, an I/O error) into ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try describingFailures { try pool.read(body) }
    }

    /// The names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Migrations.migrator.completedMigrations($0) }
    }

    /// The identifiers of every migration this version of Midst knows, oldest first.
    public static var knownMigrations: [String] { Migrations.migrator.migrations }

    /// Connects and checks the schema is not from a newer Midst, waiting while another process
    /// holds the database, up to its holder's patience (``LockHolder``): opening in WAL mode
    /// while a bulk load holds the database fails at once as busy, without SQLite's busy handler.
    /// Then makes the WAL and shared-memory files owner-only (``CompanionFile``).
    ///
    /// - Throws: ``StoreError/locked(path:holder:)`` once the holder has kept it too long.
    private static func connect(path: String, readOnly: Bool) throws -> MidstDatabase {
        var wait = LockWait(startingAt: Date())
        while true {
            do {
                let database = try connectOnce(path: path, readOnly: readOnly)
                try database.checkNotSuperseded()
                CompanionFile.secure(forDatabaseAt: path)
                return database
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                let holder = LockHolder.current(ofDatabaseAt: path)
                let isNew = wait.isNew(holder)
                guard wait.goesOn(holder: holder, at: Date()) else {
                    throw StoreError.locked(path: path, holder: holder)
                }
                // A wait that the busy handler gave up has run out, and says so above.
                if isNew { logger.warning("\(holder.waitingMessage(path: path))") }
                usleep(100_000)
            }
        }
    }

    private static func connectOnce(path: String, readOnly: Bool) throws -> MidstDatabase {
        var configuration = Configuration()
        // A read-only pool has no writer, so GRDB does not set up WAL mode: that setup writes
        // (creates and drops a table) whenever the WAL file is missing, as after every clean close.
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(BusyWaits(databaseAt: path).callback)
        configuration.prepareDatabase { db in
            // 16 KiB pages for a new database (an existing one keeps its own): a bulk import
            // writes a quarter as many pages, and builds each lookup table in about half the
            // time (measured with the sqlite3 shell, BENCHMARKS.md). Must come before WAL mode.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // NORMAL is durable enough in WAL mode (a crash can lose the last commit, never
            // corrupt the file) and makes imports and batch writes much faster than FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Readers keep SQLite's default 2 MB cache. A query reads most pages once, and each
            // page a bigger cache keeps is newly allocated memory: with 64 MB, a 10,000-row
            // search at 1M staff took 18,000 page faults, 100 ms of system time (BENCHMARKS.md).
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = \(writerCacheSize)")
                // Deleted and overwritten content is zeroed, so that a corrected or erased
                // field leaves no copy in the file's free space (`midst staff forget`).
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return MidstDatabase(path: path, pool: pool)
        } catch let error as DatabaseError where error.resultCode != .SQLITE_BUSY {
            throw StoreError.describing(error, path: path)
        }
    }

    private func checkNotSuperseded() throws {
        let unknown: [String]
        do {
            unknown = try pool.read { db in
                let known = Set(Migrations.migrator.migrations)
                return try Migrations.migrator.appliedIdentifiers(db).filter { !known.contains($0) }
                    .sorted()
            }
        } catch let error as DatabaseError where error.resultCode != .SQLITE_BUSY {
            throw StoreError.describing(error, path: path)
        }
        guard unknown.isEmpty else {
            throw StoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
    }
}
