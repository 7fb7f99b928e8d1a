import Synchronization

/// Which chunks of a snapshot opened to be checked as it is read (``StaffTable/Checking/asRead``)
/// have been checked against their sums so far. A query of one need reads one profession's
/// people, a third of the file or less: it checks those chunks, once each, before it reads them
/// (``StaffTable/checkBlocks(ofProfessions:)``), instead of the whole file at every open.
///
/// Debug builds ask it about every read of such a table's columns (``StaffTable/Column``), so
/// that a read of a chunk nobody checked fails the tests.
final class StaffTableChecks: @unchecked Sendable {
    // @unchecked: `base` points into the storage the table keeps alive, which is never written;
    // the set of checked chunks is behind a mutex.
    private let base: UnsafeRawPointer
    private let columnsEnd: Int
    /// One bit a chunk, set once the chunk's sums have been found right.
    private let checked: Mutex<[UInt64]>

    /// The checks of the snapshot at `base` whose columns end at `columnsEnd`, its sums intact
    /// (``StaffTable/areSumsIntact``); no chunk checked yet.
    init(base: UnsafeRawPointer, columnsEnd: Int) {
        self.base = base
        self.columnsEnd = columnsEnd
        let chunks = StaffTable.chunkCount(columnsEnd: columnsEnd)
        checked = Mutex([UInt64](repeating: 0, count: (chunks + 63) / 64))
    }

    /// Checks every chunk that holds a byte of `bytes` (memory of the snapshot's columns) and
    /// has not been checked yet.
    ///
    /// - Throws: ``StaffTableFormatError`` when a chunk's bytes do not give its sums.
    func check(_ bytes: UnsafeRawBufferPointer) throws(StaffTableFormatError) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        let offset = start - base
        precondition(offset >= 0 && offset + bytes.count <= columnsEnd, "bytes outside the columns")
        let chunks =
            offset / StaffTable.chunkSize...(offset + bytes.count - 1) / StaffTable.chunkSize
        let base = base
        let columnsEnd = columnsEnd
        try checked.withLock { bits throws(StaffTableFormatError) in
            for chunk in chunks where bits[chunk >> 6] & (1 << (chunk & 63)) == 0 {
                guard StaffTable.isChunkIntact(chunk, base: base, columnsEnd: columnsEnd) else {
                    throw StaffTableFormatError(description: "damaged snapshot")
                }
                bits[chunk >> 6] |= 1 << (chunk & 63)
            }
        }
    }

    /// Whether every byte of `bytes` is in a chunk already checked (for debug builds' asserts).
    func isChecked(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return true }
        let chunks =
            (start - base) / StaffTable.chunkSize...(start - base + bytes.count - 1)
            / StaffTable.chunkSize
        return checked.withLock { bits in
            chunks.allSatisfy { bits[$0 >> 6] & (1 << ($0 & 63)) != 0 }
        }
    }
}

extension StaffTable {
    /// Checks, in a table checked as it is read (``Checking/asRead``), the people of the
    /// professions `codes` against the snapshot's sums before they are read: their rows in every
    /// column, the items their offsets point to, and that those offsets stay within their
    /// columns. Rows already checked are not summed again. A table checked whole has nothing
    /// left to check.
    ///
    /// After it, reading those people (``block(ofProfession:)``, their cells, ids and keys) is
    /// what a table checked whole allows; reading anyone else is not (debug builds assert it).
    ///
    /// - Throws: ``StaffTableFormatError`` when a part read is damaged.
    /// - Complexity: O(bytes of the people's rows) the first time, O(people) after.
    package func checkBlocks(ofProfessions codes: [UInt16]) throws(StaffTableFormatError) {
        guard let checks else { return }
        for code in codes where Int(code) + 1 < professionStart.count {
            let positions = Int(professionStart[Int(code)])..<Int(professionStart[Int(code) + 1])
            guard !positions.isEmpty else { continue }
            try checks.check(professionRows.bytes(positions))
            // The block's rows are consecutive (rows are ordered by profession first); checked
            // from its first to its last whatever the order says.
            var lowest = Int32.max
            var highest = Int32.min
            for position in positions {
                lowest = min(lowest, professionRows[position])
                highest = max(highest, professionRows[position])
            }
            guard lowest >= 0, Int(highest) < count else {
                throw StaffTableFormatError(description: "damaged snapshot")
            }
            try checkRows(Int(lowest)..<Int(highest) + 1, checks)
        }
    }

    /// Checks rows `rows` of every column and the items their offsets point to.
    private func checkRows(_ rows: Range<Int>, _ checks: StaffTableChecks)
        throws(StaffTableFormatError)
    {
        // The offsets first (a list's items come before its offsets in the layout), then the
        // items they point to.
        struct Rows: StaffTableColumnVisitor {
            let table: StaffTable
            let rows: Range<Int>
            let checks: StaffTableChecks
            var isItemsPass = false
            mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>)
                throws(StaffTableFormatError)
            {
                let values = table[keyPath: column.table]
                switch column.kind {
                case .person, .rank:
                    if !isItemsPass { try checks.check(values.bytes(rows)) }
                case .offsets:
                    guard !isItemsPass else { return }
                    let starts = rows.lowerBound..<rows.upperBound + 1
                    try checks.check(values.bytes(starts))
                    guard StaffTable.isNonDecreasing(values.extracting(starts)) else {
                        throw StaffTableFormatError(description: "damaged snapshot")
                    }
                case .items(let offsets):
                    guard isItemsPass else { return }
                    let starts = table[keyPath: offsets]
                    let items = Int(starts[rows.lowerBound])..<Int(starts[rows.upperBound])
                    guard items.lowerBound >= 0, items.upperBound <= values.count else {
                        throw StaffTableFormatError(description: "damaged snapshot")
                    }
                    try checks.check(values.bytes(items))
                case .professionIndex:
                    break
                }
            }
        }
        var visitor = Rows(table: self, rows: rows, checks: checks)
        try Self.forEachColumn(&visitor)
        visitor.isItemsPass = true
        try Self.forEachColumn(&visitor)
        let ties = Int(tieStart[rows.lowerBound])..<Int(tieStart[rows.upperBound])
        guard tieKinds.extracting(ties).allSatisfy({ Int($0) < CountryTie.Kind.allCases.count })
        else { throw StaffTableFormatError(description: "damaged snapshot") }
    }
}
