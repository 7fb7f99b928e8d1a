import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files that hold personal data (the database, its snapshot, exports, rejects, backups, the
/// pseudonym key) are created readable and writable by their owner only (0600).
package enum OwnerOnlyFile {
    /// The permissions every such file is created with.
    package static let mode: mode_t = 0o600

    /// Writes `bytes` to `path` whole or not at all: into a new owner-only file beside it, then
    /// renamed over it. A file already at `path` is replaced, never written in place. The
    /// temporaries of `path` that killed processes left are removed first (``LeftoverFiles``).
    package static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write(raw: $0, to: path) }
    }

    /// Writes `bytes` to `path` whole or not at all, owner-only (see ``write(_:to:)``).
    /// A file that is only a cache, checked whenever it is read (the staff snapshot), need not be
    /// `durable`: a crash may leave it damaged, never half-trusted.
    package static func write(raw bytes: UnsafeRawBufferPointer, to path: String, durable: Bool = true)
        throws
    {
        try write(to: path, durable: durable) { descriptor in append(bytes, to: descriptor) }
    }

    /// Writes `pieces`, one after the other, to `path` whole or not at all (see
    /// ``write(_:to:)``): a large file as it was made, in pieces, without copying them into one
    /// array first (the run report).
    package static func write(pieces: [ArraySlice<UInt8>], to path: String) throws {
        try write(to: path, durable: true) { descriptor in
            pieces.allSatisfy { piece in piece.withUnsafeBytes { append($0, to: descriptor) } }
        }
    }

    /// Creates a new owner-only temporary beside `path`, lets `body` write to it (false when
    /// a write failed, `errno` saying why), then renames it over `path`: whole or not at all.
    private static func write(to path: String, durable: Bool, _ body: (Int32) -> Bool) throws {
        let temporary = LeftoverFiles.temporary(for: path)
        LeftoverFiles.removeStaleTemporaries(of: path)
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(path) }
        var isWritten = false
        defer {
            close(descriptor)
            if !isWritten { unlink(temporary) }
        }
        guard body(descriptor), !durable || fsync(descriptor) == 0, rename(temporary, path) == 0 else {
            throw failure(path)
        }
        isWritten = true
    }

    /// Writes all of `bytes` at the end of the file open as `descriptor`; false when a write
    /// failed (`errno` says why).
    private static func append(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Why writing `path` failed, from `errno`.
    private static func failure(_ path: String) -> StoreError {
        .unwritable(path: path, reason: String(cString: strerror(errno)))
    }

    /// Overwrites the file at `path` with zeros, so that its blocks no longer hold what it held,
    /// then removes it; a missing file is left missing. Only for a file no process maps: a
    /// mapping would see the zeros (a snapshot goes through ``LeftoverFiles``).
    static func overwriteAndRemove(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        overwrite(descriptor)
        unlink(path)
    }

    /// Overwrites the whole file open as `descriptor` with zeros, durably.
    static func overwrite(_ descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return }
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < Int(status.st_size) {
            let count = min(zeros.count, Int(status.st_size) - offset)
            let written = zeros.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress, count, off_t(offset))
            }
            guard written > 0 else { break }
            offset += written
        }
        fsync(descriptor)
    }

    /// Creates an empty owner-only file at `path` when there is none; returns whether it did.
    @discardableResult
    static func create(_ path: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw StoreError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        return true
    }
}
