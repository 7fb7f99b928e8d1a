import Foundation
import GRDB
import MidstCore

/// Problems with the database file itself.
public enum StoreError: Error, LocalizedError, Sendable {
    /// The database was written by a newer Midst whose migrations this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but is not a Midst database (or not SQLite at all).
    case notAMidstDatabase(path: String, reason: String)
    /// A command that only reads found no database.
    case missing(path: String)
    /// Another process's readers kept a checkpoint (copying the WAL into the database) from
    /// completing for longer than Midst waits.
    case busy(path: String)
    /// An input file could not be read.
    case unreadable(path: String, reason: String)
    /// A file could not be written (a read-only folder, a full disk).
    case unwritable(path: String, reason: String)
    /// The database file could not be read or written as SQLite (damaged, read-only, full disk).
    case failed(path: String, reason: String)
    /// `holder` held the database for longer than Midst waits for it
    /// (``LockHolder/patience``: 10 s, 5 minutes for a bulk import).
    case locked(path: String, holder: LockHolder)
    /// Another `midst run` holds the batch lock of this database.
    case batchRunning(path: String, holder: String)

    public var errorDescription: String? {
        switch self {
        case .newerSchema(let path, let unknown):
            "\(path): the database was written by a newer version of Midst (it has migrations "
                + "\(unknown.joined(separator: ", ")) that this version does not know); "
                + "upgrade Midst rather than use an older one on it"
        case .notAMidstDatabase(let path, let reason):
            "\(path): not a Midst database (\(reason))"
        case .missing(let path):
            "\(path): no database here (nothing was created); create one with `midst init --db \(path)` "
                + "or load data with `midst import staff FILE --db \(path)`, or check --db and MIDST_DB"
        case .busy(let path):
            "\(path): another process reading the database kept it busy for longer than Midst "
                + "waits; try again when it has finished"
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .unwritable(let path, let reason):
            "\(path): cannot be written (\(reason))"
        case .failed(let path, let reason):
            "\(path): \(reason)"
        case .locked(let path, let holder):
            "\(path): locked by \(holder) for over \(holder.patienceText); nothing was changed; "
                + "try again when it has finished"
        case .batchRunning(let path, let holder):
            "\(path): another batch is running on this database (\(holder)); "
                + "pass --wait to wait for it to finish"
        }
    }
}

extension StoreError: MidstError {
    /// The description, for `error: …`.
    public var message: String { errorDescription ?? "\(self)" }
    /// Always a database or file problem (exit 2).
    package var exitStatus: ExitStatus { .databaseProblem }
}

extension StoreError {
    /// The message for any error a store call threw: SQLite's failures are explained as
    /// ``describing(_:path:)`` does for the database at `path`, other errors keep their own.
    public static func message(for error: any Error, path: String) -> String {
        if let error = error as? DatabaseError {
            return describing(error, path: path).errorDescription!
        }
        return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }

    /// Whether `error` is another connection's lock, held for longer than Midst waits.
    package static func isLock(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError {
            return [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode)
        }
        if case .locked? = error as? StoreError { return true }
        return false
    }

    /// A clear error for SQLite's `error` on the database at `path`, by its primary result code.
    static func describing(_ error: DatabaseError, path: String) -> StoreError {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notAMidstDatabase(path: path, reason: "damaged or not SQLite: \(detail)")
        case .SQLITE_FULL:
            return .failed(path: path, reason: "the disk is full; nothing was changed (\(detail))")
        case .SQLITE_READONLY:
            return .failed(
                path: path, reason: "the database is read-only here; check the file's permissions (\(detail))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .failed(path: path, reason: "cannot be opened (\(detail))")
        case .SQLITE_IOERR:
            return .failed(path: path, reason: "input/output error; nothing was changed (\(detail))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, holder: LockHolder.current(ofDatabaseAt: path))
        default:
            return .notAMidstDatabase(path: path, reason: detail)
        }
    }
}
