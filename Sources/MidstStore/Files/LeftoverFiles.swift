import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files Midst makes for a while, named so that it can find them again (issue 22, item 5):
/// temporaries, `FILE.tmp-PID` (and SQLite's `FILE.tmp-PID-journal` beside a backup being
/// written), renamed over `FILE` when whole; and staff snapshots an erasure set aside,
/// `DB-staff-snapshot.erased-…`, kept until no process maps them.
///
/// A process killed while writing leaves its temporary, which may hold personal data. The next
/// Midst command that opens the database zeroes and removes those beside it, and writing an
/// output removes its own; a temporary of a process still running is never touched.
enum LeftoverFiles {
    /// The temporary this process writes `path` into before renaming it over `path`.
    static func temporary(for path: String) -> String { "\(path).tmp-\(getpid())" }

    /// Zeroes and removes the temporaries of `path` whose process no longer runs.
    static func removeStaleTemporaries(of path: String) {
        let (folder, name) = split(path)
        for entry in entries(of: folder) where entry.hasPrefix(name + ".tmp-") {
            if let owner = owner(ofTemporary: entry), !isRunning(owner) {
                OwnerOnlyFile.overwriteAndRemove(folder + entry)
            }
        }
    }

    /// Zeroes and removes, beside the database at `path`, what earlier processes left: the
    /// temporaries of processes no longer running (the snapshot's, a migration backup's, the
    /// pseudonym key's) and the snapshots set aside by an erasure that no process maps any more.
    static func removeLeftovers(besideDatabaseAt path: String) {
        let (folder, name) = split(path)
        for entry in entries(of: folder) where entry.hasPrefix(name) {
            if let owner = owner(ofTemporary: entry) {
                if !isRunning(owner) { OwnerOnlyFile.overwriteAndRemove(folder + entry) }
            } else if entry.hasPrefix(name + "-staff-snapshot.erased-") {
                destroyUnlessMapped(folder + entry)
            }
        }
    }

    /// Renames the snapshot at `path` aside, to a name ``removeLeftovers(besideDatabaseAt:)``
    /// finds, so that a new one can take its place while processes that map it keep reading it
    /// intact. Returns the new name, or `nil` when there was no file.
    static func setAside(snapshot path: String) -> String? {
        let aside = "\(path).erased-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return rename(path, aside) == 0 ? aside : nil
    }

    /// Zeroes and removes the file at `path` when no process holds a shared lock on it (as
    /// ``MappedFile`` does while it maps a snapshot); returns whether it is gone.
    @discardableResult
    static func destroyUnlessMapped(_ path: String) -> Bool {
        let descriptor = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        OwnerOnlyFile.overwrite(descriptor)
        return unlink(path) == 0 || errno == ENOENT
    }

    /// The process id in a temporary's name (`….tmp-PID`, perhaps followed by SQLite's
    /// `-journal`, `-wal` or `-shm`), or `nil` when `name` is not a temporary's.
    static func owner(ofTemporary name: String) -> pid_t? {
        guard let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        var rest = name[marker.upperBound...]
        for suffix in ["-journal", "-wal", "-shm"] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
        }
        guard !rest.isEmpty, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) else {
            return nil
        }
        return pid_t(String(rest))
    }

    /// Whether a process with id `pid` runs (as far as this user can tell: one of another
    /// user's counts as running).
    private static func isRunning(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    /// The folder of `path` (ending in `/`) and the file's name.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("./", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func entries(of folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }
}

extension MidstDatabase {
    /// Finishes what earlier processes left beside the database: stale temporaries and
    /// set-aside snapshots (``LeftoverFiles``), and an erasure's checkpoint that a reader held
    /// up. Called whenever the database is opened.
    func removeLeftovers() {
        LeftoverFiles.removeLeftovers(besideDatabaseAt: path)
        finishPendingCheckpoint()
    }
}
