import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock one batch holds on a database while it runs, so that two nightly jobs never score
/// and write at once: a lock file beside the database (`-batch.lock`), held with `flock`, which
/// the system releases however the process ends (a killed batch never leaves it held). The file
/// names its holder (process id and start time) for the message another batch prints.
package final class BatchLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock file of the database at `databasePath`.
    package static func path(forDatabaseAt databasePath: String) -> String {
        databasePath + "-batch.lock"
    }

    /// Takes the batch lock of the database at `databasePath`. Another batch holding it fails
    /// at once with ``StoreError/batchRunning(path:holder:)``, or, when `waits`, is waited for
    /// (`onWait` is called once, when the wait starts).
    package static func acquire(
        forDatabaseAt databasePath: String, waits: Bool, onWait: (String) -> Void = { _ in }
    ) throws -> BatchLock {
        let lockPath = path(forDatabaseAt: databasePath)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, OwnerOnlyFile.mode)
        guard descriptor >= 0 else {
            throw StoreError.unwritable(path: lockPath, reason: String(cString: strerror(errno)))
        }
        if !retrying({ flock(descriptor, LOCK_EX | LOCK_NB) == 0 }) {
            let holder = Self.holder(descriptor)
            guard waits else {
                close(descriptor)
                throw StoreError.batchRunning(path: databasePath, holder: holder)
            }
            onWait(holder)
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw StoreError.unwritable(
                        path: lockPath, reason: String(cString: strerror(errno)))
                }
            }
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let text = Array("pid \(getpid()), started \(stamp)".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return BatchLock(descriptor: descriptor)
    }

    /// Whether `take` succeeds within `attempts` tries, `pause` microseconds apart. A command
    /// waiting for the database holds the batch lock shared for an instant to see whether a
    /// batch runs (``otherHolder(forDatabaseAt:)``), so a batch's refusal is tried again for
    /// 20 ms before it counts: a batch holds the lock for seconds.
    static func retrying(attempts: Int = 5, pause: useconds_t = 5_000, _ take: () -> Bool) -> Bool {
        for attempt in 1...attempts {
            if take() { return true }
            if attempt < attempts { usleep(pause) }
        }
        return false
    }

    /// Who holds the batch lock of the database at `databasePath`, as its file says, when
    /// another process holds it; nil when it is free or held by this process.
    ///
    /// The lock is tested by taking it shared without waiting and giving it back at once: a
    /// batch starting in that instant finds it taken and tries again (``acquire(forDatabaseAt:waits:onWait:)``).
    /// It is asked only while a command is already waiting for the database.
    package static func otherHolder(forDatabaseAt databasePath: String) -> String? {
        let descriptor = open(path(forDatabaseAt: databasePath), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        guard errno == EWOULDBLOCK else { return nil }
        let holder = Self.holder(descriptor)
        return holder.hasPrefix("pid \(getpid()),") ? nil : holder
    }

    /// Who holds the lock, as its file says.
    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
        return text.isEmpty ? "a batch that has just started" : text
    }
}
