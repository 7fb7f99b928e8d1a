import Foundation
import GRDB

extension MidstDatabase {
    /// The empty file beside the database that says an erasure's checkpoint is still to be made
    /// (a reader held the old pages): the next process that opens the database to write makes it.
    var pendingCheckpointPath: String { path + "-erasure.pending" }

    /// Checkpoints the WAL into the database file and truncates it, so that neither keeps the
    /// pages an erasure replaced. A reader still on older pages blocks it: when
    /// `waitsForReaders`, this says so and waits up to the busy timeout, else it does not wait.
    /// Returns whether the checkpoint was made.
    func checkpointTruncating(waitsForReaders: Bool) throws -> Bool {
        try pool.writeWithoutTransaction { db in
            if try Self.checkpoint(db, waitingMilliseconds: 0) { return true }
            guard waitsForReaders else { return false }
            Self.logger.warning(
                """
                waiting up to 10 s for another process reading the database (a query, a run, \
                a backup, the sqlite3 shell) to finish, to clear the erased pages
                """)
            return try Self.checkpoint(db, waitingMilliseconds: 10_000)
        }
    }

    /// Records that an erasure's checkpoint is still to be made (``pendingCheckpointPath``).
    func markCheckpointPending() throws { try OwnerOnlyFile.create(pendingCheckpointPath) }

    /// Makes the checkpoint an erasure left for later, when there is one, this connection
    /// writes, and no reader blocks it now.
    func finishPendingCheckpoint() {
        guard !pool.configuration.readonly,
            FileManager.default.fileExists(atPath: pendingCheckpointPath),
            (try? checkpointTruncating(waitsForReaders: false)) == true
        else { return }
        unlink(pendingCheckpointPath)
        Self.logger.notice("an erasure's checkpoint, left for later, is made")
    }

    /// A truncating checkpoint waiting at most `milliseconds` for readers; whether it was made.
    private static func checkpoint(_ db: Database, waitingMilliseconds milliseconds: Int) throws
        -> Bool
    {
        try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)")
        // Back to the connection's own busy timeout (``MidstDatabase``: 10 s).
        defer { try? db.execute(sql: "PRAGMA busy_timeout = 10000") }
        do {
            try db.checkpoint(.truncate)
            return true
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY
        {
            return false
        }
    }
}
