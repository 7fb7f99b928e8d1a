// The one room where a StaffTable's memory is read: every other file reads the columns through
// `Column`, whose reads are checked in debug builds (as swift-collections' `Heap._UnsafeHandle`
// and swift-nio's `ByteBuffer` check theirs) and left unchecked in release, where the offsets
// were checked once, when the table was opened (ScoringBenchmarks).

extension StaffTable {
    /// One column of a table, read in place from the memory its storage owns: a random-access
    /// collection of its values, indexed from 0.
    ///
    /// A column never outlives its table: it is only handed out by a table's members, and the
    /// table keeps its storage alive.
    struct Column<Element: FixedWidthInteger>: RandomAccessCollection {
        private let base: UnsafePointer<Element>?
        /// How many values the column holds.
        let count: Int
        #if DEBUG
            /// The checks of a table checked as it is read, asked about every read.
            private let checks: StaffTableChecks?
        #endif

        /// A column of no values.
        init() {
            self.init(base: nil, count: 0, checks: nil)
        }

        /// The `count` values at `memory`, which the layout has checked to be aligned for them
        /// and to lie within the table's storage; `checks` when the table is checked as read.
        init(_ memory: UnsafeRawPointer, count: Int, checks: StaffTableChecks?) {
            self.init(
                base: memory.assumingMemoryBound(to: Element.self), count: count, checks: checks)
        }

        private init(base: UnsafePointer<Element>?, count: Int, checks: StaffTableChecks?) {
            self.base = base
            self.count = count
            #if DEBUG
                self.checks = checks
            #endif
        }

        var startIndex: Int { 0 }
        var endIndex: Int { count }

        /// The value at `position`, checked to be within the column (and, in a table checked as
        /// it is read, in a part checked) in debug builds only.
        subscript(position: Int) -> Element {
            @inline(__always) get {
                assert(position >= 0 && position < count, "read outside a staff table column")
                #if DEBUG
                    assert(
                        checks?.isChecked(
                            UnsafeRawBufferPointer(
                                start: base.unsafelyUnwrapped + position,
                                count: MemoryLayout<Element>.size)) ?? true,
                        "read of a part of a snapshot not checked against its sums")
                #endif
                return base.unsafelyUnwrapped[position]
            }
        }

        /// The values in `range` as a column of their own, indexed from 0 (no copy).
        @inline(__always)
        func extracting(_ range: Range<Int>) -> Column {
            assert(range.lowerBound >= 0 && range.upperBound <= count, "range outside a column")
            #if DEBUG
                let checks = checks
            #else
                let checks: StaffTableChecks? = nil
            #endif
            return range.isEmpty
                ? Column()
                : Column(
                    base: base.unsafelyUnwrapped + range.lowerBound, count: range.count,
                    checks: checks)
        }

        /// The memory of the values in `range`, for checking it against the snapshot's sums.
        func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
            assert(range.lowerBound >= 0 && range.upperBound <= count, "range outside a column")
            guard let base, !range.isEmpty else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return UnsafeRawBufferPointer(
                start: base + range.lowerBound,
                count: range.count * MemoryLayout<Element>.stride)
        }

        /// Initialises the `count` values at `target` with this column's values from `first` on:
        /// a run of rows copied whole (``StaffTableColumns/init(gathering:from:_:)``).
        @inline(__always)
        func copy(from first: Int, count: Int, to target: UnsafeMutablePointer<Element>) {
            assert(first >= 0 && count >= 0 && first + count <= self.count, "copy outside a column")
            guard count > 0 else { return }
            target.initialize(from: base.unsafelyUnwrapped + first, count: count)
        }

        func withContiguousStorageIfAvailable<Result>(
            _ body: (UnsafeBufferPointer<Element>) throws -> Result
        ) rethrows -> Result? {
            let values = UnsafeBufferPointer(start: base, count: count)
            #if DEBUG
                assert(
                    checks?.isChecked(UnsafeRawBufferPointer(values)) ?? true,
                    "read of a part of a snapshot not checked against its sums")
            #endif
            return try body(values)
        }
    }

    /// Person `row`'s id as bytes.
    func idBytes(of row: Int) -> Column<UInt8> {
        idBytes.extracting(Int(idStart[row])..<Int(idStart[row + 1]))
    }

    /// The people of one profession, in table order, read in place (no copy: the batch scans a
    /// block per need, ScoringBenchmarks).
    func block(ofProfession code: UInt16) -> Column<Int32> {
        guard Int(code) + 1 < professionStart.count else { return Column() }
        return professionRows.extracting(
            Int(professionStart[Int(code)])..<Int(professionStart[Int(code) + 1]))
    }
}

/// What a ``StaffTable`` column holds, which says how it is checked, gathered and copied.
enum StaffTableColumnKind {
    /// One value a person.
    case person
    /// Each person's position in id order, set once the rows are in their final order.
    case rank
    /// `count + 1` non-decreasing offsets from 0, person `i`'s items being those from
    /// `offsets[i]` to `offsets[i + 1]` in the columns of kind `items(of:)` this column.
    case offsets
    /// The items of a multi-valued field, delimited by the given offsets.
    case items(of: WritableKeyPath<StaffTable, StaffTable.Column<Int32>>)
    /// The candidate blocks by profession, derived from the professions
    /// (``StaffTableColumns/indexProfessions()``).
    case professionIndex
}

/// One column of a ``StaffTable``, as ``StaffTable/forEachColumn(_:)`` lists it: where it is in
/// a table and in the columns of a table being built, and what it holds.
struct StaffTableColumn<Element: FixedWidthInteger> {
    let table: WritableKeyPath<StaffTable, StaffTable.Column<Element>>
    let building: WritableKeyPath<StaffTableColumns, [Element]>
    let kind: StaffTableColumnKind
    /// Whether the column comes from the person's context (commitments, completed placements)
    /// rather than their record: worked out again, not copied, when only the context changes.
    var isContext = false
}

/// Does something with each column of a ``StaffTable`` (``StaffTable/forEachColumn(_:)``): a
/// generic method rather than a closure, so that each column's work is specialised for its
/// element type.
protocol StaffTableColumnVisitor {
    associatedtype Failure: Error = Never
    mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>)
        throws(Failure)
}
