/// The people changed since a staff snapshot was written, kept beside it so that a write of a few
/// people need not write the whole snapshot again (issue 23: a one-person write at 1M staff wrote
/// 72 MB). The snapshot (the *base*) stays as it is; the overlay names every person taken out of
/// it (``removedKeys``: everyone changed since) and holds the rows of those of them who are
/// matchable now (``table``), in the snapshot's own compact form.
///
/// The base with the overlay applied (``applied(to:)``) is the table a rebuild from the database
/// makes (StaffOverlayTests). Queries need not apply it: ``OverlaidStaffTable`` ranks the base and
/// the overlay apart and merges the two lists.
///
/// Layout: the 8 bytes `MIDSTOVL`, the format version (UInt32), a checksum of everything after it
/// (UInt32), the base's ``StaffTable/Stamp`` (generation Int64, checksum UInt32, 4 zero bytes),
/// the count of removed keys (Int64) and the keys (Int64 each, ascending), then the table as a
/// snapshot (``StaffTable/bytes``) of the current generation. All in the machine's byte order.
package struct StaffOverlay: Sendable {
    /// The snapshot this overlay applies to.
    package let base: StaffTable.Stamp
    /// The staff keys of everyone changed since the base, ascending: their rows in the base are
    /// out of date (or they are no longer matchable).
    package let removedKeys: [Int64]
    /// The rows of the people of ``removedKeys`` who are matchable now; its generation is the
    /// generation of the data the overlay and the base describe together.
    package let table: StaffTable

    /// The staff generation the base and the overlay describe together.
    package var generation: Int64 { table.generation }

    /// The most people an overlay holds: a write that would change more folds the overlay into a
    /// new snapshot instead (0.3 s at 1M staff), so that queries never rank a large overlay apart.
    package static let mostPeople = 4096

    static let magic: [UInt8] = Array("MIDSTOVL".utf8)
    static let formatVersion: UInt32 = 1
    private static let headerSize = 40

    /// An overlay of nobody on `base`, at its own generation.
    package static func empty(on base: StaffTable.Stamp) -> StaffOverlay {
        StaffOverlay(base: base, removedKeys: [], table: .empty(generation: base.generation))
    }

    package init(base: StaffTable.Stamp, removedKeys: [Int64], table: StaffTable) {
        self.base = base
        self.removedKeys = removedKeys
        self.table = table
    }

    /// This overlay after a write that changed the people of `keys`: they are taken out of the
    /// base (and out of this overlay's rows), and `rows`, their rows now, put in; at
    /// `generation`, the database's after the write. `rows` must hold no one outside `keys`.
    ///
    /// - Complexity: O((k + m) log(k + m)) for k people in the overlay and m in `rows`.
    package func changing(_ keys: Set<Int64>, to rows: StaffTableRows, generation: Int64)
        -> StaffOverlay
    {
        var kept = StaffTableRows(reference: rows.reference)
        for row in 0..<table.count where !keys.contains(table.staffKey(at: row)) {
            kept.append(copyOf: row, of: table)
        }
        kept.append(contentsOf: rows)
        let removed = Set(removedKeys).union(keys).sorted()
        return StaffOverlay(
            base: base, removedKeys: removed, table: kept.table(generation: generation))
    }

    /// The base with this overlay applied: the snapshot of ``generation``.
    ///
    /// - Precondition: `base` is the snapshot of ``base``.
    /// - Complexity: O(n + k log k) for n people in the base and k in the overlay.
    package func applied(to base: StaffTable, reference: ReferenceData) -> StaffTable {
        precondition(base.stamp == self.base, "an overlay applies only to its own base")
        return base.replacing(
            Set(removedKeys), with: table, reference: reference, generation: generation)
    }

    /// The overlay's bytes, to be written to a file and read with ``init(bytes:)``.
    package var bytes: [UInt8] {
        var result =
            Self.magic + [UInt8](repeating: 0, count: Self.headerSize - 8 + removedKeys.count * 8)
        result.withUnsafeMutableBytes { memory in
            memory.storeBytes(of: Self.formatVersion, toByteOffset: 8, as: UInt32.self)
            memory.storeBytes(of: base.generation, toByteOffset: 16, as: Int64.self)
            memory.storeBytes(of: base.checksum, toByteOffset: 24, as: UInt32.self)
            memory.storeBytes(of: Int64(removedKeys.count), toByteOffset: 32, as: Int64.self)
            for (index, key) in removedKeys.enumerated() {
                memory.storeBytes(
                    of: key, toByteOffset: Self.headerSize + index * 8, as: Int64.self)
            }
        }
        result += table.bytes
        let sum = result.withUnsafeBytes {
            StaffTable.checksum(UnsafeRawBufferPointer(rebasing: $0[16...]))
        }
        withUnsafeBytes(of: sum) { result.replaceSubrange(12..<16, with: $0) }
        return result
    }

    /// Opens an overlay from its bytes (``bytes``), checking them as a snapshot is checked, so
    /// that a damaged or foreign file is never trusted; the table must be of `generation`.
    package init(bytes: [UInt8], expectedGeneration generation: Int64) throws(StaffTableFormatError)
    {
        let damaged = StaffTableFormatError(description: "damaged staff overlay")
        guard bytes.count >= Self.headerSize, bytes.count % 8 == 0,
            Array(bytes[0..<8]) == Self.magic
        else { throw StaffTableFormatError(description: "not a Midst staff overlay") }
        func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: type) }
        }
        guard load(8, as: UInt32.self) == Self.formatVersion else {
            throw StaffTableFormatError(description: "staff overlay of another format version")
        }
        let sum = bytes.withUnsafeBytes {
            StaffTable.checksum(UnsafeRawBufferPointer(rebasing: $0[16...]))
        }
        guard load(12, as: UInt32.self) == sum else { throw damaged }
        let count = load(32, as: Int64.self)
        guard count >= 0, count <= Int64(bytes.count - Self.headerSize) / 8 else { throw damaged }
        let keys = (0..<Int(count)).map { load(Self.headerSize + $0 * 8, as: Int64.self) }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else { throw damaged }
        let tableStart = Self.headerSize + Int(count) * 8
        let storage = StaffTableStorage(copying: Array(bytes[tableStart...]))
        self.init(
            base: StaffTable.Stamp(
                generation: load(16, as: Int64.self), checksum: load(24, as: UInt32.self)),
            removedKeys: keys,
            table: try StaffTable(storage: storage, expectedGeneration: generation))
        guard Set(keys).isSuperset(of: (0..<table.count).map(table.staffKey(at:))) else {
            throw damaged
        }
    }
}

extension StaffTable {
    /// What names a snapshot: its generation and its checksum, both in its first 24 bytes, so
    /// that a writer can tell which snapshot is on disk without reading the rest.
    package struct Stamp: Hashable, Sendable {
        package var generation: Int64
        package var checksum: UInt32

        package init(generation: Int64, checksum: UInt32) {
            self.generation = generation
            self.checksum = checksum
        }

        /// How many bytes of a snapshot ``init(header:)`` reads.
        package static let headerSize = 24

        /// The stamp in a snapshot's first bytes, or `nil` when they are not the start of a
        /// snapshot of this format version.
        package init?(header: UnsafeRawBufferPointer) {
            guard header.count >= Self.headerSize,
                header.prefix(8).elementsEqual(StaffTable.magic),
                header.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == StaffTable.formatVersion
            else { return nil }
            checksum = header.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
            generation = header.loadUnaligned(fromByteOffset: 16, as: Int64.self)
        }
    }

    /// The table's stamp.
    package var stamp: Stamp { Stamp(header: bytes)! }
}
