import Foundation

/// Work a test runs at a chosen point of a database's snapshot handling, by database path, so
/// that it can put another process's work (an erasure) exactly there.
package enum SnapshotHooks {
    private static let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private static var beforeLocking: [String: @Sendable () -> Void] = [:]

    /// Runs `work` once, the next time a snapshot or overlay of the database at `databasePath`
    /// is about to be put in place, before the lock is taken.
    package static func once(
        beforeLocking databasePath: String, _ work: @escaping @Sendable () -> Void
    ) {
        lock.withLock { beforeLocking[databasePath] = work }
    }

    static func run(beforeLocking databasePath: String) {
        lock.withLock { beforeLocking.removeValue(forKey: databasePath) }?()
    }
}
