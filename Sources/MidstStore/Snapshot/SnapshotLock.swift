import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock under which the staff snapshot and its overlay are put in place or removed, by
/// every process: a lock file beside the database (`-staff-snapshot.lock`, empty), held with
/// `flock`, which the system releases however the process ends.
///
/// Whoever writes checks, holding it, that the database is still at the generation its
/// snapshot or overlay was made of, and `staff forget` holds it while it replaces the snapshot
/// that held the person: so a reader that read the person before the erasure committed can
/// never put its copy in place after the erasure has put its own (issue 23).
enum SnapshotLock {
    /// The lock file of the database at `databasePath`.
    static func path(forDatabaseAt databasePath: String) -> String {
        databasePath + "-staff-snapshot.lock"
    }

    /// Runs `body` holding the lock of the database at `databasePath`, waiting for it; `nil`
    /// without running it when the lock file cannot be opened (a read-only folder, where no
    /// snapshot can be written either).
    static func holding<T>(forDatabaseAt databasePath: String, _ body: () throws -> T) rethrows
        -> T?
    {
        SnapshotHooks.run(beforeLocking: databasePath)
        let descriptor = open(
            path(forDatabaseAt: databasePath), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
            OwnerOnlyFile.mode)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return nil }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
