import Foundation

/// What holds the database while a command waits for it, as far as can be told from outside
/// SQLite: a bulk import (its rollback journal is beside the database), a batch run (its batch
/// lock is held), or another writer. A command waits ``patience`` for it from when it first sees
/// it (``LockWait``), then fails with ``StoreError/locked(path:holder:)`` naming it.
public enum LockHolder: Sendable, Equatable, CustomStringConvertible {
    /// Another process's bulk import, which holds the database alone (``SingleWriteJournal``).
    case bulkImport
    /// A batch run (`midst run`), named by its lock file: process id and start time.
    case batchRun(holder: String)
    /// Another connection's write: another Midst command, or a transaction left open in the
    /// sqlite3 shell or another tool.
    case writer

    /// How long an ordinary write waits for a lock held by another writer or a batch run:
    /// SQLite's busy timeout (README, "Waiting for another process"; RELIABILITY.md).
    package static let busyTimeout: TimeInterval = 10

    /// How long a command waits for a bulk import: a load of millions of rows takes minutes, and
    /// a command started during one should run after it rather than fail.
    package static let bulkImportPatience: TimeInterval = 300

    /// What holds the database at `path` now.
    package static func current(ofDatabaseAt path: String) -> LockHolder {
        if isBulkImport(ofDatabaseAt: path) { return .bulkImport }
        if let holder = BatchLock.otherHolder(forDatabaseAt: path) {
            return .batchRun(holder: holder)
        }
        return .writer
    }

    /// Whether a bulk import holds the database at `path`: Midst uses a rollback journal only for
    /// a bulk load, which holds the database alone. One `stat`, cheap enough to ask at every try.
    package static func isBulkImport(ofDatabaseAt path: String) -> Bool {
        FileManager.default.fileExists(atPath: CompanionFile.journal.path(forDatabaseAt: path))
    }

    /// How long a command waits for this holder.
    package var patience: TimeInterval {
        self == .bulkImport ? Self.bulkImportPatience : Self.busyTimeout
    }

    /// The holder in words, for "waiting for …" and "locked by …".
    public var description: String {
        switch self {
        case .bulkImport: "another process's import (a bulk load, which holds the database alone)"
        case .batchRun(let holder): "a batch run (\(holder))"
        case .writer:
            "another process's write (another Midst command, or a transaction left open in the sqlite3 shell or another tool)"
        }
    }

    /// ``patience`` in words: "10 s", "5 minutes".
    package var patienceText: String {
        patience >= 60 ? "\(Int(patience / 60)) minutes" : "\(Int(patience)) s"
    }

    /// What a command says on stderr when it has waited a second for this holder.
    package func waitingMessage(path: String) -> String {
        "\(path): waiting up to \(patienceText) for \(self) to finish…"
    }
}
