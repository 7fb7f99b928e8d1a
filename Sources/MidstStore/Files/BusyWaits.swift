import Foundation
import GRDB
import Synchronization

/// SQLite's busy handler for the connections to one database: while another process holds the
/// lock, it tries again every 50 ms, giving each holder its patience (``LockWait``), and says once
/// a wait has lasted a second, and again whenever the holder changes, what it waits for.
///
/// SQLite calls a connection's busy handler on the thread running the statement that waits, and
/// counts each wait's tries from 0; so the handler keeps one ``LockWait`` per thread, started
/// afresh at a wait's first try. At each try it only looks for a bulk import's journal; whether a
/// batch run or another writer holds the database (the same patience) is asked only to say so,
/// since asking takes the batch lock for an instant.
final class BusyWaits: Sendable {
    /// How long the handler sleeps between tries.
    static let step: TimeInterval = 0.05

    private let path: String
    private let waits = Mutex<[ObjectIdentifier: (wait: LockWait, hasSaidWhy: Bool)]>([:])

    /// The busy handler for the database at `path`.
    init(databaseAt path: String) { self.path = path }

    /// The handler, for `Configuration.busyMode`.
    var callback: Database.BusyCallback {
        { [self] tries in goesOn(afterTries: tries) }
    }

    /// Whether a wait that has made `tries` tries on this thread goes on: it sleeps a step if so.
    private func goesOn(afterTries tries: Int) -> Bool {
        let now = Date()
        let thread = ObjectIdentifier(Thread.current)
        let holder: LockHolder =
            LockHolder.isBulkImport(ofDatabaseAt: path) ? .bulkImport : .writer
        let (goesOn, saysWhy) = waits.withLock { waits in
            // A wait's first try starts it afresh.
            let fresh = (wait: LockWait(startingAt: now), hasSaidWhy: false)
            var entry = tries == 0 ? fresh : waits[thread] ?? fresh
            let isNew = entry.wait.isNew(holder)
            let goesOn = entry.wait.goesOn(holder: holder, at: now)
            let saysWhy = tries >= Int(1 / Self.step) && (!entry.hasSaidWhy || isNew)
            if saysWhy { entry.hasSaidWhy = true }
            waits[thread] = entry
            return (goesOn, saysWhy)
        }
        if saysWhy {
            let named = LockHolder.current(ofDatabaseAt: path)
            MidstDatabase.logger.warning("\(named.waitingMessage(path: path))")
        }
        guard goesOn else { return false }
        usleep(useconds_t(Self.step * 1_000_000))
        return true
    }
}
