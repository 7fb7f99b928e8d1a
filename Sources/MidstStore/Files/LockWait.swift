import Foundation

/// A command's wait for the database, judged holder by holder: each holder (``LockHolder``) gets
/// its whole patience from the moment it is first seen holding the database. A command that
/// waited minutes for a bulk import, and then finds the import's last steps or another writer
/// holding the database, waits the writer's 10 s rather than failing at once because it has
/// already waited longer than that.
package struct LockWait: Sendable {
    /// The longest a command waits in all, however often the holder changes.
    package static let longest = LockHolder.bulkImportPatience + LockHolder.busyTimeout

    private let started: Date
    private var holder: LockHolder?
    private var holderSince: Date

    /// A wait that starts at `started`.
    package init(startingAt started: Date) {
        self.started = started
        holderSince = started
    }

    /// Whether `holder` is a different holder from the one last seen (or the first one seen).
    package func isNew(_ holder: LockHolder) -> Bool { self.holder != holder }

    /// Records that `current` holds the database at `now`, and says whether to go on waiting:
    /// whether `current` has held it for less than its patience since it was first seen (and the
    /// whole wait is shorter than ``longest``).
    package mutating func goesOn(holder current: LockHolder, at now: Date) -> Bool {
        if let holder, holder != current { holderSince = now }
        holder = current
        return now.timeIntervalSince(holderSince) < current.patience
            && now.timeIntervalSince(started) < Self.longest
    }
}
