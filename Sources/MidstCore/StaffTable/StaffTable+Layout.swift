/// A snapshot's bytes could not be opened as a staff table.
package struct StaffTableFormatError: Error, Sendable, CustomStringConvertible {
    package var description: String
}

/// The columns of a ``StaffTable`` while it is being built: an array for each column
/// ``StaffTable/forEachColumn(_:)`` lists, laid out in its order.
///
/// Layout: the 8 bytes `MIDSTSNP`, the format version (UInt32), a checksum of everything after
/// the generation (UInt32, ``StaffTable/checksum(_:)``), the staff generation (Int64), then each
/// column as its element count (Int64) followed by its elements, padded to a multiple of 8
/// bytes. All in the machine's byte order.
struct StaffTableColumns {
    var idBytes: [UInt8] = []
    var idStart: [Int32] = [0]
    var idRank: [Int32] = []
    var staffKeys: [Int64] = []
    var profession: [UInt16] = []
    var seniority: [UInt8] = []
    var modes: [UInt8] = []
    var freeCapacity: [UInt8] = []
    var maxAssignments: [UInt8] = []
    var availableFrom: [Int32] = []
    var availableTo: [Int32] = []
    var placements: [UInt16] = []
    var employerKeys: [UInt64] = []
    var specialtyStart: [Int32] = [0]
    var specialtyCodes: [UInt16] = []
    var tieStart: [Int32] = [0]
    var tieCountries: [UInt16] = []
    var tieKinds: [UInt8] = []
    var languageStart: [Int32] = [0]
    var languageCodes: [UInt16] = []
    var languageRanks: [UInt8] = []
    var completedStart: [Int32] = [0]
    var completedCountries: [UInt16] = []
    var professionStart: [Int32] = [0]
    var professionRows: [Int32] = []

    /// Groups the rows by profession code (a counting sort), for the candidate blocks.
    mutating func indexProfessions() {
        let codes = Int(profession.max() ?? 0) + 1
        var start = [Int32](repeating: 0, count: codes + 1)
        for code in profession { start[Int(code) + 1] += 1 }
        for code in 0..<codes { start[code + 1] += start[code] }
        var next = start
        var rows = [Int32](repeating: 0, count: profession.count)
        for (row, code) in profession.enumerated() {
            rows[Int(next[Int(code)])] = Int32(row)
            next[Int(code)] += 1
        }
        professionStart = start
        professionRows = rows
    }

    /// Calls `body` with each column's bytes and element count, in the order of the layout.
    private func forEachColumn(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        struct Bytes: StaffTableColumnVisitor {
            let columns: StaffTableColumns
            let body: (UnsafeRawBufferPointer, Int) -> Void
            func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
                let values = columns[keyPath: column.building]
                values.withUnsafeBytes { body($0, values.count) }
            }
        }
        withoutActuallyEscaping(body) { body in
            var visitor = Bytes(columns: self, body: body)
            StaffTable.forEachColumn(&visitor)
        }
    }

    /// The columns laid out as a snapshot, written straight into memory of their own.
    func storage(generation: Int64) -> StaffTableStorage {
        var total = 24
        forEachColumn { bytes, _ in total += 8 + (bytes.count + 7) / 8 * 8 }
        return StaffTableStorage(count: total) { memory in
            StaffTable.magic.withUnsafeBytes {
                memory.copyMemory(from: $0.baseAddress!, byteCount: 8)
            }
            memory.storeBytes(of: StaffTable.formatVersion, toByteOffset: 8, as: UInt32.self)
            memory.storeBytes(of: generation, toByteOffset: 16, as: Int64.self)
            var offset = 24
            forEachColumn { bytes, count in
                memory.storeBytes(of: Int64(count), toByteOffset: offset, as: Int64.self)
                offset += 8
                if let start = bytes.baseAddress {
                    (memory + offset).copyMemory(from: start, byteCount: bytes.count)
                }
                let padded = (bytes.count + 7) / 8 * 8
                (memory + offset + bytes.count).initializeMemory(
                    as: UInt8.self, repeating: 0, count: padded - bytes.count)
                offset += padded
            }
            let sum = StaffTable.checksum(
                UnsafeRawBufferPointer(start: memory + 24, count: total - 24))
            memory.storeBytes(of: sum, toByteOffset: 12, as: UInt32.self)
        }
    }
}

extension StaffTable {
    /// The layout version; a snapshot of another version is rebuilt rather than read.
    /// Version 3 orders the rows for blocking (``clusterKey(ofRow:)``); version 4 adds the
    /// employer keys; version 5 the checksum; version 6 the staff keys; version 7
    /// the capacities; version 8 employer keys by the UK organisations table (a hospital or
    /// former name keyed as the organisation it stands for).
    public static let formatVersion: UInt32 = 8
    static let magic: [UInt8] = Array("MIDSTSNP".utf8)

    /// The snapshot bytes of the table, to be written to a file and opened again with
    /// ``init(storage:expectedGeneration:)``.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.base, count: storage.count)
    }

    /// A checksum of a snapshot's columns, so that a damaged snapshot (a flipped bit, a stray
    /// write) is rebuilt, never trusted: the wrapping sum of its 64-bit words, each turned by its
    /// position, folded to 32 bits. Summing is what the processor does fastest (a few
    /// milliseconds for a 1M-staff snapshot); any single changed bit changes the sum. The length
    /// is a multiple of 8 (every column is padded to one).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var sum: UInt64 = 0
        var turned: UInt64 = 0
        let words = bytes.count / 8
        for index in 0..<words {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            sum &+= word
            turned &+= word &* UInt64(truncatingIfNeeded: index | 1)
        }
        let mixed = sum ^ (turned &<< 1 | turned &>> 63)
        return UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }

    /// Opens a table in `storage`, checking the layout, the generation and every offset, so that
    /// the unchecked reads of scoring stay within the columns.
    package init(storage: StaffTableStorage, expectedGeneration: Int64) throws(StaffTableFormatError)
    {
        try self.init(storage: storage, expectedGeneration: expectedGeneration, isTrusted: false)
    }

    /// Opens a table laid out by this process (``StaffTableColumns/storage(generation:)``):
    /// its checksum and offsets are right by construction, so only the layout is read.
    init(trusting storage: StaffTableStorage, generation: Int64) {
        // The layout was just written, so opening it cannot fail.
        try! self.init(storage: storage, expectedGeneration: generation, isTrusted: true)
    }

    private init(storage: StaffTableStorage, expectedGeneration: Int64, isTrusted: Bool)
        throws(StaffTableFormatError)
    {
        var reader = ColumnReader(base: storage.base, count: storage.count)
        let damaged = StaffTableFormatError(description: "damaged snapshot")
        guard storage.count >= 24,
            Array(UnsafeRawBufferPointer(start: storage.base, count: 8)) == Self.magic
        else {
            throw StaffTableFormatError(description: "not a Midst staff snapshot")
        }
        reader.offset = 8
        guard try reader.value(UInt32.self) == Self.formatVersion else {
            throw StaffTableFormatError(description: "snapshot of another format version")
        }
        let storedSum = try reader.value(UInt32.self)
        let generation = try reader.value(Int64.self)
        guard generation == expectedGeneration else {
            throw StaffTableFormatError(description: "snapshot of older data")
        }
        guard storage.count % 8 == 0,
            isTrusted
                || Self.checksum(
                    UnsafeRawBufferPointer(start: storage.base + 24, count: storage.count - 24))
                    == storedSum
        else { throw damaged }
        struct Reading: StaffTableColumnVisitor {
            var reader: ColumnReader
            var table: StaffTable
            mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>)
                throws(StaffTableFormatError)
            {
                table[keyPath: column.table] = try reader.column()
            }
        }
        var reading = Reading(
            reader: reader, table: StaffTable(storage: storage, generation: generation))
        try Self.forEachColumn(&reading)
        self = reading.table
        reader = reading.reader
        let people = idRank.count
        guard reader.offset == storage.count else { throw damaged }
        if isTrusted { return }
        // Whether every column of people has one value a person and every list its offsets.
        struct Counts: StaffTableColumnVisitor {
            let table: StaffTable
            let people: Int
            var areRight = true
            mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
                let count = table[keyPath: column.table].count
                switch column.kind {
                case .person, .rank:
                    areRight = areRight && count == people
                case .items(let offsets):
                    areRight =
                        areRight
                        && StaffTable.isOffsets(
                            table[keyPath: offsets], people: people, into: count)
                case .offsets, .professionIndex:
                    break
                }
            }
        }
        var counts = Counts(table: self, people: people)
        Self.forEachColumn(&counts)
        guard counts.areRight, professionRows.count == people,
            Self.isOffsets(professionStart, people: professionStart.count - 1, into: people),
            professionRows.allSatisfy({ $0 >= 0 && Int($0) < people }),
            tieKinds.allSatisfy({ Int($0) < CountryTie.Kind.allCases.count })
        else { throw damaged }
    }

    /// A table of no columns yet over `storage`.
    private init(storage: StaffTableStorage, generation: Int64) {
        self.storage = storage
        self.generation = generation
    }

    /// Whether `starts` has `people + 1` non-decreasing offsets from 0 to `end`.
    private static func isOffsets(_ starts: Column<Int32>, people: Int, into end: Int)
        -> Bool
    {
        guard people >= 0, starts.count == people + 1, starts.first == 0, Int(starts.last!) == end
        else { return false }
        // Without a branch per offset, so that the loop is vectorised (a query checks a
        // million offsets per list).
        var drops: UInt8 = 0
        for index in 1..<starts.count { drops |= starts[index] < starts[index - 1] ? 1 : 0 }
        return drops == 0
    }
}

/// Reads columns out of a snapshot's memory, checking that each lies within it.
private struct ColumnReader {
    let base: UnsafeRawPointer
    let count: Int
    var offset = 0

    mutating func value<T: FixedWidthInteger>(_: T.Type) throws(StaffTableFormatError) -> T {
        guard offset + MemoryLayout<T>.size <= count else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        defer { offset += MemoryLayout<T>.size }
        return base.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    mutating func column<T: FixedWidthInteger>() throws(StaffTableFormatError)
        -> StaffTable.Column<T>
    {
        let elements = try value(Int64.self)
        // The count is checked before it is used: a file of another layout whose checksum
        // holds (or one made to deceive) must be refused, not overflow.
        guard elements >= 0, elements < Int64(Int32.max) else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        let size = Int(elements) * MemoryLayout<T>.stride
        guard offset + size <= count, offset % MemoryLayout<T>.alignment == 0 else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        let column = StaffTable.Column<T>(base + offset, count: Int(elements))
        offset += size + (8 - size % 8) % 8
        return column
    }
}

/// Owns the memory a ``StaffTable``'s columns point into: a copy of its own, or a file mapped by
/// the store, released by the closure given.
package final class StaffTableStorage: @unchecked Sendable {
    // @unchecked: the memory is never written after creation.
    let base: UnsafeRawPointer
    let count: Int
    private let release: @Sendable () -> Void

    /// Memory at `base` of `count` bytes, 8-byte aligned, handed back with `release`.
    package init(base: UnsafeRawPointer, count: Int, release: @escaping @Sendable () -> Void) {
        precondition(Int(bitPattern: base) % 8 == 0, "snapshot memory must be 8-byte aligned")
        self.base = base
        self.count = count
        self.release = release
    }

    /// An aligned copy of `bytes`.
    package convenience init(copying bytes: [UInt8]) {
        self.init(count: bytes.count) { memory in
            bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    /// Aligned memory of its own, `count` bytes, written once by `write`.
    convenience init(count: Int, writing write: (UnsafeMutableRawPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        write(memory)
        nonisolated(unsafe) let owned = memory
        self.init(base: UnsafeRawPointer(memory), count: count) { owned.deallocate() }
    }

    deinit { release() }
}
