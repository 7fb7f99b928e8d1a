import MidstCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps a snapshot file read-only into memory, so that a large staff table is used in place
/// rather than read and copied (Benchmarks/scripts/query-latency.sh). The mapping lives as long
/// as the storage that owns it.
enum MappedFile {
    /// The file's bytes as table storage, or `nil` when it cannot be opened or mapped.
    static func storage(path: String) -> StaffTableStorage? {
        guard let (address, size) = map(path: path) else { return nil }
        nonisolated(unsafe) let mapped = address
        return StaffTableStorage(base: UnsafeRawPointer(address), count: size) {
            munmap(mapped, size)
        }
    }

    /// Runs `body` on the file's bytes, mapped for the call; `nil` when the file cannot be
    /// opened or mapped, or is empty.
    static func withBytes<T>(path: String, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        guard let (address, size) = map(path: path) else { return nil }
        defer { munmap(address, size) }
        return body(UnsafeRawBufferPointer(start: address, count: size))
    }

    /// Maps the whole file read-only; the caller unmaps it.
    private static func map(path: String) -> (UnsafeMutableRawPointer, Int)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
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
