/// The line on which each record id of an import file first appeared, to report the id's
/// repeats: an open-addressing hash table over the ids' bytes.
///
/// It replaced a `[String: Int]` that cost the import's producer thread 0.4 s for 1M staff
/// (a `String` made, hashed with SipHash and compared for every record; issue 23). Ids are
/// compared byte for byte, which for the identities an import builds (validated ids, ASCII:
/// ``RecordID``) is `String` equality. The table keeps its own copy of every id's bytes.
struct FirstLines {
    /// By slot: 0 when empty, else the entry's index plus one (low 32 bits) and the high half of
    /// its hash (high 32 bits), so that most mismatches are told without reading the entry.
    private var slots: [UInt64]
    /// By entry: where its id lies in `idBytes`, its length and its line.
    private var starts: [UInt32] = []
    private var lengths: [UInt32] = []
    private var lines: [Int] = []
    private var idBytes: [UInt8] = []
    /// Mixed into every hash, so that a file cannot be written to make its ids collide.
    private let seed = UInt64.random(in: .min ... .max)

    /// How many ids are held.
    var count: Int { lines.count }

    /// A table with room for `capacity` ids before it grows.
    init(capacity: Int = 1024) {
        slots = Array(repeating: 0, count: Self.slotCount(for: capacity))
    }

    /// Makes room for `capacity` ids in all (the table otherwise doubles as it fills).
    mutating func reserveCapacity(_ capacity: Int) {
        let wanted = Self.slotCount(for: capacity)
        if wanted > slots.count { rehash(slotCount: wanted) }
        starts.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
    }

    /// The line `id` first appeared on, when it appeared before; otherwise `nil`, and `id` is
    /// recorded as first appearing on `line`.
    mutating func firstLine(of id: UnsafeBufferPointer<UInt8>, seenOn line: Int) -> Int? {
        let hash = Self.hash(id, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let held = slots[slot]
            if held & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(held & 0xFFFF_FFFF) - 1
                if matches(entry, id) { return lines[entry] }
            }
            slot = (slot + 1) & mask
        }
        // Entries are numbered from 1 in 32 bits, and their bytes lie at 32-bit offsets.
        precondition(count < UInt32.max - 1 && idBytes.count + id.count <= UInt32.max, "too many ids")
        starts.append(UInt32(idBytes.count))
        lengths.append(UInt32(id.count))
        lines.append(line)
        idBytes.append(contentsOf: id)
        slots[slot] = tag | UInt64(count)
        // At most three quarters full, so that probes stay short.
        if count * 4 > slots.count * 3 { rehash(slotCount: slots.count * 2) }
        return nil
    }

    private func matches(_ entry: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(lengths[entry]) == id.count else { return false }
        return withID(of: entry) { $0.elementsEqual(id) }
    }

    private func withID<Result>(of entry: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
        -> Result
    {
        let start = Int(starts[entry])
        return idBytes.withUnsafeBufferPointer { held in
            body(UnsafeBufferPointer(rebasing: held[start..<start + Int(lengths[entry])]))
        }
    }

    /// Places every entry again in `slotCount` slots, hashing its id anew.
    private mutating func rehash(slotCount: Int) {
        var slots = [UInt64](repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for entry in lines.indices {
            let hash = withID(of: entry) { Self.hash($0, seed: seed) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entry + 1)
        }
        self.slots = slots
    }

    /// A power of two with room for `capacity` entries at most three quarters full.
    private static func slotCount(for capacity: Int) -> Int {
        var count = 16
        while count * 3 < capacity * 4 { count *= 2 }
        return count
    }

    /// The id's bytes read eight at a time, each word mixed in by multiplication; the last
    /// (partial) word padded with zeros and the length mixed in, so that ids differing only in
    /// trailing zero bytes differ.
    static func hash(_ id: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed ^ UInt64(id.count) &* 0x9E37_79B9_7F4A_7C15
        var position = 0
        let raw = UnsafeRawBufferPointer(id)
        while position + 8 <= id.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            position += 8
        }
        if position < id.count {
            var last: UInt64 = 0
            for index in position..<id.count {
                last |= UInt64(id[index]) << (8 * UInt64(index - position))
            }
            hash = mix(hash ^ last)
        }
        return mix(hash)
    }

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
