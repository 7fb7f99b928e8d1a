import Foundation

/// What each distinct text of a column codes to, worked out once: a rebuild reads a million
/// rows whose code columns hold a few thousand distinct texts (37k specialty lists, 10k country
/// lists, 4.7k language lists, 209 employers at 1M staff), so splitting, parsing and looking each
/// text up in the reference once, not once a row, takes that work off the rebuild's path.
///
/// Looked up by the text's bytes as SQLite hands them, without making a `String`: an
/// open-addressing table of hashes over a buffer of the texts seen.
struct TextCodes<Value> {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
        var value: Value
    }

    private var entries: [Entry] = []
    /// Index into `entries` + 1 per slot, 0 when empty; a power of two long.
    private var slots = [Int32](repeating: 0, count: 64)
    private var texts: [UInt8] = []
    private let code: (String) -> Value

    /// A table that codes a text it has not seen with `code`, which gets the text as
    /// `String(cString:)` would read it from SQLite (up to a NUL, invalid UTF-8 repaired).
    init(_ code: @escaping (String) -> Value) { self.code = code }

    /// The value of the text in `bytes`.
    mutating func value(of bytes: UnsafeRawBufferPointer) -> Value {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash, entry.count == bytes.count,
                texts.withUnsafeBytes({
                    bytes.count == 0
                        || memcmp($0.baseAddress! + entry.start, bytes.baseAddress!, bytes.count)
                            == 0
                })
            {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
        let value = code(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
        entries.append(Entry(hash: hash, start: texts.count, count: bytes.count, value: value))
        texts += bytes
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return value
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < bytes.count {
            tail = tail << 8 | UInt64(bytes[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ hash >> 29
    }
}
