import MidstCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps a snapshot file read-only into memory, so that a large staff table is used in place
/// rather than read and copied (Benchmarks/scripts/query-latency.sh). The mapping lives as long
/// as the storage that owns it.
///
/// A mapped snapshot is never written in place: writers replace it by rename, and an erasure
/// sets it aside and zeroes it only once no process holds it (``LeftoverFiles``). So a storage
/// keeps the file open with a shared `flock` for as long as it maps it, which the system
/// releases however the process ends.
enum MappedFile {
    /// The file's bytes as table storage, or `nil` when it cannot be opened or mapped.
    static func storage(path: String) -> StaffTableStorage? {
        guard let (descriptor, address, size) = mapShared(path: path) else { return nil }
        nonisolated(unsafe) let mapped = address
        return StaffTableStorage(base: UnsafeRawPointer(address), count: size) {
            munmap(mapped, size)
            close(descriptor)
        }
    }

    /// Runs `body` on the file's bytes, mapped for the call; `nil` when the file cannot be
    /// opened or mapped, or is empty.
    static func withBytes<T>(path: String, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let (address, size) = map(descriptor) else { return nil }
        defer { munmap(address, size) }
        return body(UnsafeRawBufferPointer(start: address, count: size))
    }

    /// The stamp of the snapshot at `path`, from its first bytes alone, read without mapping
    /// it (they are not checked: whoever maps the snapshot checks it whole); `nil` when there
    /// is none.
    static func snapshotStamp(path: String) -> StaffTable.Stamp? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: StaffTable.Stamp.headerSize)
        let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count == header.count else { return nil }
        return header.withUnsafeBytes { StaffTable.Stamp(header: $0) }
    }

    /// Opens the file at `path` with a shared lock and maps it; the caller unmaps it and closes
    /// the descriptor. The lock is taken on the file still at `path` once locked: one an erasure
    /// set aside meanwhile is let go.
    private static func mapShared(path: String) -> (Int32, UnsafeMutableRawPointer, Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var locked = stat()
        var current = stat()
        guard flock(descriptor, LOCK_SH) == 0, fstat(descriptor, &locked) == 0,
            stat(path, &current) == 0, locked.st_ino == current.st_ino,
            locked.st_dev == current.st_dev, let (address, size) = map(descriptor)
        else {
            close(descriptor)
            return nil
        }
        return (descriptor, address, size)
    }

    /// Maps the whole open file read-only; the caller unmaps it.
    private static func map(_ descriptor: Int32) -> (UnsafeMutableRawPointer, Int)? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
            address != MAP_FAILED
        else {
            return nil
        }
        return (address, size)
    }
}
