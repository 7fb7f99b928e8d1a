/// Every matchable person (consenting and active) in a compact struct-of-arrays form: small
/// integer codes, day numbers, and offsets into flat columns for the multi-valued fields.
///
/// Person `i`'s specialties are `specialtyCodes[specialtyStart[i] ..< specialtyStart[i + 1]]`,
/// primary first; likewise for ties, languages and completed placements. Codes are positions in
/// ``ReferenceData``'s tables.
///
/// The columns live in one block of memory in the snapshot format (``StaffTable+Layout``), so a
/// snapshot file mapped into memory is used as it is, without copying or creating an object per
/// person (Benchmarks/scripts/query-latency.sh), and the scoring loop reads the columns without
/// bounds checks (ScoringBenchmarks). Every offset is checked once, when the block is opened, or,
/// in a snapshot checked as it is read, before the rows that hold it are read
/// (``StaffTable/Checking``).
public struct StaffTable: @unchecked Sendable {
    // @unchecked: the columns point into `storage`, which is immutable and kept alive by it.
    // They are read only through `Column` (StaffTable+Columns.swift).
    let storage: StaffTableStorage
    /// The staff generation of the database the table was built from.
    public let generation: Int64
    /// What is left to check of a snapshot opened to be checked as it is read; nil when
    /// nothing is (checked whole, or built by this process).
    let checks: StaffTableChecks?
    // Each column is listed once more, with what it holds, in `forEachColumn`; the layout,
    // the checks when opening, the gathering of changes and the copying of a row all follow
    // that list.
    private(set) var idBytes = Column<UInt8>()
    private(set) var idStart = Column<Int32>()
    /// Each person's position when all are ordered by id: the deterministic tie-break.
    private(set) var idRank = Column<Int32>()
    /// Each person's staff key (the database's rowid), by which changes name them.
    private(set) var staffKeys = Column<Int64>()
    private(set) var profession = Column<UInt16>()
    private(set) var seniority = Column<UInt8>()
    private(set) var modes = Column<UInt8>()
    /// `max_assignments` minus current commitments, floored at 0.
    private(set) var freeCapacity = Column<UInt8>()
    /// The most commitments the person takes (`max_assignments`), so that a change of their
    /// commitments alone is made without their record.
    private(set) var maxAssignments = Column<UInt8>()
    private(set) var availableFrom = Column<Int32>()
    private(set) var availableTo = Column<Int32>()
    private(set) var placements = Column<UInt16>()
    /// Each person's ``OrganisationKey`` of their employer; 0 for none.
    private(set) var employerKeys = Column<UInt64>()
    private(set) var specialtyStart = Column<Int32>()
    private(set) var specialtyCodes = Column<UInt16>()
    private(set) var tieStart = Column<Int32>()
    private(set) var tieCountries = Column<UInt16>()
    private(set) var tieKinds = Column<UInt8>()
    private(set) var languageStart = Column<Int32>()
    private(set) var languageCodes = Column<UInt16>()
    private(set) var languageRanks = Column<UInt8>()
    private(set) var completedStart = Column<Int32>()
    private(set) var completedCountries = Column<UInt16>()
    /// The people of profession code `p` are `professionRows[professionStart[p] ..< professionStart[p + 1]]`.
    private(set) var professionStart = Column<Int32>()
    private(set) var professionRows = Column<Int32>()

    /// Calls `visitor` with every column, once each, in the order of the snapshot layout: the
    /// one list of the columns. A new staff column is added here, as a column above and in
    /// ``StaffTableColumns``, and filled in ``StaffTableRows``.
    static func forEachColumn<Visitor: StaffTableColumnVisitor>(_ visitor: inout Visitor)
        throws(Visitor.Failure)
    {
        try visitor.visit(
            StaffTableColumn(table: \.idBytes, building: \.idBytes, kind: .items(of: \.idStart)))
        try visitor.visit(StaffTableColumn(table: \.idStart, building: \.idStart, kind: .offsets))
        try visitor.visit(StaffTableColumn(table: \.idRank, building: \.idRank, kind: .rank))
        try visitor.visit(
            StaffTableColumn(table: \.staffKeys, building: \.staffKeys, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.profession, building: \.profession, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.seniority, building: \.seniority, kind: .person))
        try visitor.visit(StaffTableColumn(table: \.modes, building: \.modes, kind: .person))
        try visitor.visit(
            StaffTableColumn(
                table: \.freeCapacity, building: \.freeCapacity, kind: .person, isContext: true))
        try visitor.visit(
            StaffTableColumn(table: \.maxAssignments, building: \.maxAssignments, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.availableFrom, building: \.availableFrom, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.availableTo, building: \.availableTo, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.placements, building: \.placements, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.employerKeys, building: \.employerKeys, kind: .person))
        try visitor.visit(
            StaffTableColumn(table: \.specialtyStart, building: \.specialtyStart, kind: .offsets))
        try visitor.visit(
            StaffTableColumn(
                table: \.specialtyCodes, building: \.specialtyCodes,
                kind: .items(of: \.specialtyStart)))
        try visitor.visit(StaffTableColumn(table: \.tieStart, building: \.tieStart, kind: .offsets))
        try visitor.visit(
            StaffTableColumn(
                table: \.tieCountries, building: \.tieCountries, kind: .items(of: \.tieStart)))
        try visitor.visit(
            StaffTableColumn(table: \.tieKinds, building: \.tieKinds, kind: .items(of: \.tieStart)))
        try visitor.visit(
            StaffTableColumn(table: \.languageStart, building: \.languageStart, kind: .offsets))
        try visitor.visit(
            StaffTableColumn(
                table: \.languageCodes, building: \.languageCodes, kind: .items(of: \.languageStart)
            ))
        try visitor.visit(
            StaffTableColumn(
                table: \.languageRanks, building: \.languageRanks, kind: .items(of: \.languageStart)
            ))
        try visitor.visit(
            StaffTableColumn(
                table: \.completedStart, building: \.completedStart, kind: .offsets, isContext: true
            ))
        try visitor.visit(
            StaffTableColumn(
                table: \.completedCountries, building: \.completedCountries,
                kind: .items(of: \.completedStart), isContext: true))
        try visitor.visit(
            StaffTableColumn(
                table: \.professionStart, building: \.professionStart, kind: .professionIndex))
        try visitor.visit(
            StaffTableColumn(
                table: \.professionRows, building: \.professionRows, kind: .professionIndex))
    }

    /// How many people the table holds.
    public var count: Int { idRank.count }

    /// The id of person `row`.
    public func id(at row: Int) -> RecordID {
        RecordID(rawValue: String(decoding: idBytes(of: row), as: UTF8.self))
    }

    /// The rows of the given people (those not in the table are left out), found by search
    /// over the id order. Ids are ASCII, so string order is byte order.
    ///
    /// The people are looked for in id order, each from where the one before was found, by
    /// galloping then halving: consecutive searches read the same few pages of the id order
    /// instead of twenty cold ones each, which was most of looking up the tens of thousands of
    /// people a report shows (notes for issue 23, "The report's gathering").
    ///
    /// - Complexity: O(n) once to invert the ranks, O(m log m) to order the people, then
    ///   O(log gap) per id.
    public func rows(of people: [RecordID]) -> [RecordID: Int32] {
        guard !people.isEmpty else { return [:] }
        var rowByRank = [Int32](repeating: 0, count: count)
        for row in 0..<count { rowByRank[Int(idRank[row])] = Int32(row) }
        let ordered = people.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        var found: [RecordID: Int32] = [:]
        found.reserveCapacity(people.count)
        var start = 0
        for person in ordered {
            var id = person.rawValue
            id.withUTF8 { wanted in
                func precedes(_ rank: Int) -> Bool {
                    idBytes(of: Int(rowByRank[rank])).lexicographicallyPrecedes(wanted)
                }
                // Every rank below `lower` precedes the id; `upper` is the end or a rank that
                // does not.
                var lower = start
                var upper = start
                var step = 1
                while upper < count, precedes(upper) {
                    lower = upper + 1
                    upper = lower + step
                    step *= 2
                }
                upper = min(upper, count)
                while lower < upper {
                    let middle = (lower + upper) / 2
                    if precedes(middle) { lower = middle + 1 } else { upper = middle }
                }
                start = lower
                if lower < count {
                    let row = Int(rowByRank[lower])
                    if idBytes(of: row).elementsEqual(wanted) { found[person] = Int32(row) }
                }
            }
        }
        return found
    }

    /// Every id, in table order (creates a string per person).
    public var ids: [RecordID] { (0..<count).map(id(at:)) }

    /// The people of the given professions, in table order: the candidate block for a need.
    public func rows(ofProfessions professions: [UInt16]) -> [Int32] {
        if professions.count == 1 { return Array(block(ofProfession: professions[0])) }
        return professions.flatMap(block(ofProfession:)).sorted()
    }

    /// Builds the table from records and their contexts; people who have not consented or are
    /// not active are left out, so that they can never be matched. `keys` are the people's
    /// staff keys (by default their positions), which a later ``replacing(_:with:generation:)``
    /// names them by.
    ///
    /// - Complexity: O(n log n) for the order and the id ranks, O(n) otherwise.
    public init(
        staff: [Staff], contexts: [Staff.Context], keys: [Int64]? = nil, reference: ReferenceData,
        generation: Int64 = 0
    ) {
        precondition(staff.count == contexts.count && (keys?.count ?? staff.count) == staff.count)
        var rows = StaffTableRows(reference: reference)
        for position in staff.indices {
            rows.append(
                staff[position], context: contexts[position],
                key: keys?[position] ?? Int64(position))
        }
        self = rows.table(generation: generation)
    }
}
