/// An import file's bytes, read in place, without copying: the one way the import's plain path
/// reads the file (``PlainStaffValidator``, ``StaffTableRows``, the store's writer). A view of
/// memory kept alive by ``with(_:_:)``, which it must not outlive. Reads are checked in debug
/// builds; a part (``part(_:)``) is a view of its own, indexed from 0.
package struct FileBytes: RandomAccessCollection {
    @usableFromInline let base: UnsafeBufferPointer<UInt8>

    @inlinable init(base: UnsafeBufferPointer<UInt8>) { self.base = base }

    /// Calls `body` with a view of `bytes`, which must not escape it.
    @inlinable
    package static func with<Result>(_ bytes: [UInt8], _ body: (FileBytes) throws -> Result)
        rethrows -> Result
    {
        try bytes.withUnsafeBufferPointer { try body(FileBytes(base: $0)) }
    }

    @inlinable package var startIndex: Int { 0 }
    @inlinable package var endIndex: Int { base.count }

    @inlinable @inline(__always)
    package subscript(position: Int) -> UInt8 {
        assert(position >= 0 && position < base.count, "a read outside the file's bytes")
        return base[position]
    }

    /// The bytes in `range`, as a view indexed from 0.
    @inlinable
    package func part(_ range: Range<Int>) -> FileBytes {
        assert(range.lowerBound >= 0 && range.upperBound <= base.count, "a part outside the file")
        return FileBytes(base: UnsafeBufferPointer(rebasing: base[range]))
    }

    /// The bytes of `span`, as a view indexed from 0.
    @inlinable
    package func part(_ span: TextSpan) -> FileBytes {
        part(Int(span.start)..<Int(span.start) + Int(span.count))
    }

    /// The bytes after `position`, as a view indexed from 0.
    @inlinable
    package func part(from position: Int) -> FileBytes { part(position..<base.count) }

    /// Contiguous, so that `String(decoding:as:)` and `elementsEqual` read it directly.
    @inlinable
    package func withContiguousStorageIfAvailable<R>(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R? {
        try body(base)
    }

    /// The memory itself, for a writer that hands it to SQLite without copying.
    package var memory: UnsafeBufferPointer<UInt8> { base }
}
