import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file SQLite keeps beside the database: the write-ahead log, its shared-memory index, or
/// the rollback journal of a bulk load. Each holds personal data (recent changes, or the
/// pages a load overwrites), so Midst keeps them owner-only (0600) whatever the database
/// file's own mode.
///
/// SQLite creates these files, and sets an empty one it opens, to the database file's mode:
/// with a database readable by others (`chmod 644`, or made by the sqlite3 shell under umask
/// 022) they would be readable by others too. Creating them first does not help, as SQLite
/// re-modes an empty file when it opens it; so Midst narrows them once they hold something and
/// before it writes a record (``secure(forDatabaseAt:)``): the WAL and its index as it connects
/// (a writer has written to an empty WAL by then), the journal as a bulk load starts
/// (``SingleWriteJournal/secureJournal(_:)``). It says once per command that the database itself
/// is readable by others (``MidstDatabase/warnIfReadableByOthers(_:)``).
enum CompanionFile: String, CaseIterable {
    case wal = "-wal"
    case sharedMemory = "-shm"
    case journal = "-journal"

    /// Where this file of the database at `databasePath` is.
    func path(forDatabaseAt databasePath: String) -> String { databasePath + rawValue }

    /// Takes the permissions of group and others off every companion file of the database at
    /// `databasePath` that exists and has any; a file owned by someone else is left as it is
    /// (only its owner may change it).
    static func secure(forDatabaseAt databasePath: String) {
        for file in allCases {
            let path = file.path(forDatabaseAt: databasePath)
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            chmod(path, status.st_mode & 0o700)
        }
    }
}

extension MidstDatabase {
    /// Warns on stderr when the database file at `path` may be read or written by users other
    /// than its owner, naming the file and the fix. Midst does not change the mode of a file it
    /// did not create: a user may have opened it to another account on purpose.
    static func warnIfReadableByOthers(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
        let mode = String(status.st_mode & 0o777, radix: 8)
        logger.warning(
            "\(path) holds personal data and other users may read it (mode \(mode)); Midst keeps its -wal and -shm files owner-only, but not the database itself: chmod 600 \(path)"
        )
    }
}
