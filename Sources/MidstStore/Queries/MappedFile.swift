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
        nonisolated(unsafe) let mapped = address
        return StaffTableStorage(base: UnsafeRawPointer(address), count: size) {
            munmap(mapped, size)
        }
    }
}
