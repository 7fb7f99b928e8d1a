/// A snapshot's bytes could not be opened as a staff table.
package struct StaffTableFormatError: Error, Sendable, CustomStringConvertible {
    package var description: String
}

/// The columns of a ``StaffTable`` while it is being built: an array for each column
/// ``StaffTable/forEachColumn(_:)`` lists, laid out in its order.
///
/// Layout: the 8 bytes `MIDSTSNP`, the format version (UInt32), the checksum of the sums
/// (UInt32, ``StaffTable/checksum(_:)`` of everything from the end of the columns on), the staff
/// generation (Int64), then each column as its element count (Int64) followed by its elements,
/// padded to a multiple of 8 bytes; then the sums of every chunk of the columns (each
/// ``StaffTable/chunkSize`` bytes of the file, the header left out of the first: two UInt64,
/// ``StaffTable/chunkSums(_:base:columnsEnd:)``) and, last, where the columns end (Int64). All in
/// the machine's byte order.
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
        var columnsEnd = StaffTable.headerSize
        forEachColumn { bytes, _ in columnsEnd += 8 + (bytes.count + 7) / 8 * 8 }
        let total = columnsEnd + StaffTable.chunkCount(columnsEnd: columnsEnd) * 16 + 8
        return StaffTableStorage(count: total) { memory in
            StaffTable.magic.withUnsafeBytes {
                memory.copyMemory(from: $0.baseAddress!, byteCount: 8)
            }
            memory.storeBytes(of: StaffTable.formatVersion, toByteOffset: 8, as: UInt32.self)
            memory.storeBytes(of: generation, toByteOffset: 16, as: Int64.self)
            var offset = StaffTable.headerSize
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
            StaffTable.seal(
                UnsafeMutableRawBufferPointer(start: memory, count: total), columnsEnd: columnsEnd)
        }
    }
}

extension StaffTable {
    /// The layout version; a snapshot of another version is rebuilt rather than read.
    /// Version 3 orders the rows for blocking (``clusterKey(ofRow:)``); version 4 adds the
    /// employer keys; version 5 the checksum; version 6 the staff keys; version 7
    /// the capacities; version 8 employer keys by the UK organisations table (a hospital or
    /// former name keyed as the organisation it stands for); version 9 a sum per chunk, so that
    /// a query checks only the chunks it reads.
    public static let formatVersion: UInt32 = 9
    static let magic: [UInt8] = Array("MIDSTSNP".utf8)
    /// The magic, the version, the checksum and the generation.
    static let headerSize = 24
    /// The bytes of the file each sum covers: a page, so that a query checks (and the system
    /// maps) little more than the pages it reads.
    static let chunkSize = 4096

    /// How a snapshot is checked against its sums when it is opened.
    package enum Checking: Sendable {
        /// Every byte, when opened: for readers of the whole table (the nightly run, merges).
        case whole
        /// The header, the sums and the columns' counts when opened; the people of a
        /// profession, and all their rows point to, before they are read
        /// (``checkBlocks(ofProfessions:)``): for a query of one profession's people, which
        /// then neither reads nor checks the rest of the file.
        case asRead
    }

    /// The snapshot bytes of the table, to be written to a file and opened again with
    /// ``init(storage:expectedGeneration:)``.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.base, count: storage.count)
    }

    /// A checksum of bytes (a snapshot's sums, an overlay): the wrapping sum of their 64-bit
    /// words, each turned by its position, folded to 32 bits. The length is a multiple of 8.
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

    /// The sums of chunk `chunk` of the columns of the snapshot at `base`: the wrapping sum of
    /// its 64-bit words, and the wrapping sum of each word times its position in the file (odd),
    /// so that any change to one word changes the first, and words moved change the second.
    /// Summing is what the processor does fastest: checking a whole 1M-staff snapshot costs
    /// about what reading it from memory does.
    static func chunkSums(_ chunk: Int, base: UnsafeRawPointer, columnsEnd: Int) -> (
        sum: UInt64, turned: UInt64
    ) {
        let first = max(chunk * chunkSize, headerSize) / 8
        let end = min((chunk + 1) * chunkSize, columnsEnd) / 8
        var sum: UInt64 = 0
        var turned: UInt64 = 0
        for index in first..<end {
            let word = base.load(fromByteOffset: index &* 8, as: UInt64.self)
            sum &+= word
            turned &+= word &* UInt64(truncatingIfNeeded: index | 1)
        }
        return (sum, turned)
    }

    /// How many chunks the columns ending at `columnsEnd` are summed in.
    static func chunkCount(columnsEnd: Int) -> Int { (columnsEnd + chunkSize - 1) / chunkSize }

    /// Whether chunk `chunk` of the snapshot at `base` gives the sums stored for it.
    static func isChunkIntact(_ chunk: Int, base: UnsafeRawPointer, columnsEnd: Int) -> Bool {
        let stored = columnsEnd + chunk * 16
        let sums = chunkSums(chunk, base: base, columnsEnd: columnsEnd)
        return base.load(fromByteOffset: stored, as: UInt64.self) == sums.sum
            && base.load(fromByteOffset: stored + 8, as: UInt64.self) == sums.turned
    }

    /// Writes the sums of a snapshot whose header and columns are laid out in `memory` up to
    /// `columnsEnd` (after which it has room for the sums and the columns' end), and the
    /// checksum of the sums.
    static func seal(_ memory: UnsafeMutableRawBufferPointer, columnsEnd: Int) {
        precondition(memory.count == columnsEnd + chunkCount(columnsEnd: columnsEnd) * 16 + 8)
        let base = UnsafeRawPointer(memory.baseAddress!)
        for chunk in 0..<chunkCount(columnsEnd: columnsEnd) {
            let sums = chunkSums(chunk, base: base, columnsEnd: columnsEnd)
            memory.storeBytes(of: sums.sum, toByteOffset: columnsEnd + chunk * 16, as: UInt64.self)
            memory.storeBytes(
                of: sums.turned, toByteOffset: columnsEnd + chunk * 16 + 8, as: UInt64.self)
        }
        memory.storeBytes(of: Int64(columnsEnd), toByteOffset: memory.count - 8, as: Int64.self)
        let sum = checksum(UnsafeRawBufferPointer(rebasing: memory[columnsEnd...]))
        memory.storeBytes(of: sum, toByteOffset: 12, as: UInt32.self)
    }

    /// Opens a table in `storage`, checking the layout, the generation, the sums and the offsets
    /// (all of them, or each part before it is read: `checking`), so that a damaged snapshot (a
    /// flipped bit, a stray write) is rebuilt, never trusted, and the unchecked reads of scoring
    /// stay within the columns.
    package init(
        storage: StaffTableStorage, expectedGeneration: Int64, checking: Checking = .whole
    ) throws(StaffTableFormatError) {
        try self.init(
            storage: storage, expectedGeneration: expectedGeneration, checking: .some(checking))
    }

    /// Opens a table laid out by this process (``StaffTableColumns/storage(generation:)``):
    /// its sums and offsets are right by construction, so only the layout is read.
    init(trusting storage: StaffTableStorage, generation: Int64) {
        // The layout was just written, so opening it cannot fail.
        try! self.init(storage: storage, expectedGeneration: generation, checking: nil)
    }

    /// `checking` is nil for a table trusted.
    private init(storage: StaffTableStorage, expectedGeneration: Int64, checking: Checking?)
        throws(StaffTableFormatError)
    {
        let damaged = StaffTableFormatError(description: "damaged snapshot")
        let bytes = UnsafeRawBufferPointer(start: storage.base, count: storage.count)
        guard storage.count >= Self.headerSize + 8, bytes.prefix(8).elementsEqual(Self.magic) else {
            throw StaffTableFormatError(description: "not a Midst staff snapshot")
        }
        guard bytes.load(fromByteOffset: 8, as: UInt32.self) == Self.formatVersion else {
            throw StaffTableFormatError(description: "snapshot of another format version")
        }
        let generation = bytes.load(fromByteOffset: 16, as: Int64.self)
        guard generation == expectedGeneration else {
            throw StaffTableFormatError(description: "snapshot of older data")
        }
        // Where the columns end, checked before it is used (a file of another layout, or one
        // made to deceive, must be refused, not read past its end); then the sums, by their
        // checksum.
        guard storage.count % 8 == 0 else { throw damaged }
        let end = bytes.load(fromByteOffset: storage.count - 8, as: Int64.self)
        guard end >= Int64(Self.headerSize), end <= Int64(storage.count - 8), end % 8 == 0,
            Int(end) + Self.chunkCount(columnsEnd: Int(end)) * 16 + 8 == storage.count
        else { throw damaged }
        let columnsEnd = Int(end)
        let checks: StaffTableChecks?
        switch checking {
        case nil:
            checks = nil
        case .some(let checking):
            guard
                Self.checksum(UnsafeRawBufferPointer(rebasing: bytes[columnsEnd...]))
                    == bytes.load(fromByteOffset: 12, as: UInt32.self)
            else { throw damaged }
            if checking == .whole {
                for chunk in 0..<Self.chunkCount(columnsEnd: columnsEnd)
                where !Self.isChunkIntact(chunk, base: storage.base, columnsEnd: columnsEnd) {
                    throw damaged
                }
                checks = nil
            } else {
                checks = StaffTableChecks(base: storage.base, columnsEnd: columnsEnd)
            }
        }
        var reader = ColumnReader(base: storage.base, count: columnsEnd, checks: checks)
        reader.offset = Self.headerSize
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
            reader: reader,
            table: StaffTable(storage: storage, generation: generation, checks: checks))
        try Self.forEachColumn(&reading)
        self = reading.table
        reader = reading.reader
        let people = idRank.count
        guard reader.offset == columnsEnd else { throw damaged }
        if checking == nil { return }
        // Whether every column of people has one value a person and every list its offsets
        // (checked whole here only when the whole table is; else for the rows read).
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
                    let starts = table[keyPath: offsets]
                    areRight =
                        areRight
                        && (table.checks == nil
                            ? StaffTable.isOffsets(starts, people: people, into: count)
                            : starts.count == people + 1)
                case .offsets, .professionIndex:
                    break
                }
            }
        }
        var counts = Counts(table: self, people: people)
        Self.forEachColumn(&counts)
        try checks?.check(professionStart.bytes(0..<professionStart.count))
        guard counts.areRight, professionRows.count == people,
            Self.isOffsets(professionStart, people: professionStart.count - 1, into: people)
        else { throw damaged }
        if checks == nil {
            guard professionRows.allSatisfy({ $0 >= 0 && Int($0) < people }),
                tieKinds.allSatisfy({ Int($0) < CountryTie.Kind.allCases.count })
            else { throw damaged }
        }
    }

    /// A table of no columns yet over `storage`.
    private init(storage: StaffTableStorage, generation: Int64, checks: StaffTableChecks?) {
        self.storage = storage
        self.generation = generation
        self.checks = checks
    }

    /// Whether `starts` has `people + 1` non-decreasing offsets from 0 to `end`.
    private static func isOffsets(_ starts: Column<Int32>, people: Int, into end: Int)
        -> Bool
    {
        guard people >= 0, starts.count == people + 1, starts.first == 0, Int(starts.last!) == end
        else { return false }
        return isNonDecreasing(starts)
    }

    /// Whether no value of `starts` is below the one before it.
    static func isNonDecreasing<Element: FixedWidthInteger>(_ starts: Column<Element>) -> Bool {
        guard starts.count > 1 else { return true }
        // Without a branch per offset, so that the loop is vectorised (a million offsets per
        // list in a whole table).
        var drops: UInt8 = 0
        for index in 1..<starts.count { drops |= starts[index] < starts[index - 1] ? 1 : 0 }
        return drops == 0
    }
}

/// Reads columns out of a snapshot's memory, checking that each lies within it (and, for a
/// table checked as it is read, that each count was checked against its sums).
private struct ColumnReader {
    let base: UnsafeRawPointer
    let count: Int
    let checks: StaffTableChecks?
    var offset = 0

    mutating func column<T: FixedWidthInteger>() throws(StaffTableFormatError)
        -> StaffTable.Column<T>
    {
        guard offset + 8 <= count else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        try checks?.check(UnsafeRawBufferPointer(start: base + offset, count: 8))
        let elements = base.load(fromByteOffset: offset, as: Int64.self)
        offset += 8
        // The count is checked before it is used: a file of another layout whose checksum
        // holds (or one made to deceive) must be refused, not overflow.
        guard elements >= 0, elements < Int64(Int32.max) else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        let size = Int(elements) * MemoryLayout<T>.stride
        guard offset + size <= count, offset % MemoryLayout<T>.alignment == 0 else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        let column = StaffTable.Column<T>(base + offset, count: Int(elements), checks: checks)
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
