import GRDB
import MidstCore

/// What a staff import writes after its staff rows, or hands the staff snapshot: every written
/// person's lookup rows (specialties, ties, languages), collected as integers bucketed by code
/// (``LookupRowBuckets``) and written at the end in primary-key order, so that SQLite appends to
/// each B-tree instead of seeking a new place for every row (ImportBenchmarks: this halves the
/// write time); and, when the snapshot is kept current, their snapshot rows
/// (``StaffTableRows``), so that they need not be read back.
struct StagedStaffRows {
    private let file: FileBytes
    private let reference: ReferenceData
    private let codes: LookupCodes
    private var specialtyRows: LookupRowBuckets
    private var tieRows: LookupRowBuckets
    private var languageRows: LookupRowBuckets
    /// The people's rows for the staff snapshot, when it is kept current.
    private(set) var snapshotRows: StaffTableRows?

    /// Rows of records read from `file` (whose bytes must outlive them), validated against
    /// `reference`; snapshot rows only when `keepsSnapshotRows`.
    init(file: FileBytes, reference: ReferenceData, keepsSnapshotRows: Bool) {
        self.file = file
        self.reference = reference
        codes = LookupCodes(reference)
        specialtyRows = LookupRowBuckets(ranks: codes.specialtyRank.count)
        tieRows = LookupRowBuckets(ranks: codes.countryRank.count * CountryTie.Kind.allCases.count)
        languageRows = LookupRowBuckets(ranks: codes.languageRank.count)
        snapshotRows = keepsSnapshotRows ? StaffTableRows(reference: reference) : nil
    }

    /// Whether snapshot rows are kept.
    var keepsSnapshotRows: Bool { snapshotRows != nil }

    /// Hands over the snapshot rows, keeping none.
    mutating func takeSnapshotRows() -> StaffTableRows? {
        defer { snapshotRows = nil }
        return snapshotRows
    }

    /// Adds a new person's rows: their lookup rows, and their snapshot row (no commitments or
    /// placements yet).
    mutating func add(_ record: StaffImportRecord, key: Int) {
        addSnapshotRow(of: record, key: key, context: Staff.Context())
        addLookups(of: record, key: key)
    }

    /// Queues the record's lookup rows, each as (code rank, staff key, value).
    mutating func addLookups(of record: StaffImportRecord, key: Int) {
        let kindCount = CountryTie.Kind.allCases.count
        switch record {
        case .plain(let staff):
            for index in 0..<Int(staff.specialtyCount) {
                let rank = codes.specialtyRank[Int(staff.specialtyNumbers[index])]
                specialtyRows.append(rank: rank, key: key, value: index)
            }
            for index in 0..<Int(staff.tieCount) {
                let rank =
                    codes.countryRank[Int(staff.tieCountries[index])] * kindCount
                    + codes.kindRank[Int(staff.tieKinds[index])]
                tieRows.append(rank: rank, key: key, value: Int(staff.tieYears[index]))
            }
            for index in 0..<Int(staff.languageCount) {
                let rank = codes.languageRank[Int(staff.languageNumbers[index])]
                languageRows.append(rank: rank, key: key, value: Int(staff.languageLevels[index]))
            }
        case .parsed(let staff, _):
            for (position, specialty) in staff.specialties.enumerated() {
                let rank = codes.specialtyRank[reference.number(of: specialty)!]
                specialtyRows.append(rank: rank, key: key, value: position)
            }
            for tie in staff.countryTies {
                let rank =
                    codes.countryRank[reference.number(of: tie.country)!] * kindCount
                    + codes.kindRank[CountryTie.Kind.allCases.firstIndex(of: tie.kind)!]
                tieRows.append(rank: rank, key: key, value: tie.years.map { $0 + 1 } ?? 0)
            }
            for skill in staff.languages {
                let rank = codes.languageRank[reference.number(of: skill.language)!]
                languageRows.append(rank: rank, key: key, value: skill.level.rawValue)
            }
        }
    }

    /// Adds the person's row for the staff snapshot, when it is kept current.
    mutating func addSnapshotRow(of record: StaffImportRecord, key: Int, context: Staff.Context) {
        guard snapshotRows != nil else { return }
        switch record {
        case .plain(let staff):
            snapshotRows!.append(plain: staff, in: file, context: context, key: Int64(key))
        case .parsed(let staff, _):
            snapshotRows!.append(staff, context: context, key: Int64(key))
        }
    }

    /// Writes every lookup row, in primary-key order, letting each table's go once written.
    mutating func writeLookups(_ db: Database) throws {
        var specialties = MultiRowInsert(
            into: "staff_specialty", columns: ["specialty", "staff_key", "position"])
        var rows = specialtyRows.ordered().makeIterator()
        try specialties.insert(count: specialtyRows.count, db) { statement, first, _ in
            let row = rows.next()!
            codes.specialties.bind(row.rank, to: statement, at: first)
            statement.bind(first + 1, row.key)
            statement.bind(first + 2, row.value)
        }
        specialtyRows = LookupRowBuckets(ranks: 0)
        var ties = MultiRowInsert(
            into: "staff_country_tie", columns: ["country", "kind", "staff_key", "years"])
        let kindCount = CountryTie.Kind.allCases.count
        rows = tieRows.ordered().makeIterator()
        try ties.insert(count: tieRows.count, db) { statement, first, _ in
            let row = rows.next()!
            codes.countries.bind(row.rank / kindCount, to: statement, at: first)
            codes.kinds.bind(row.rank % kindCount, to: statement, at: first + 1)
            statement.bind(first + 2, row.key)
            statement.bind(first + 3, row.value == 0 ? nil : row.value - 1)
        }
        tieRows = LookupRowBuckets(ranks: 0)
        var languages = MultiRowInsert(
            into: "staff_language", columns: ["language", "staff_key", "level", "level_rank"])
        rows = languageRows.ordered().makeIterator()
        try languages.insert(count: languageRows.count, db) { statement, first, _ in
            let row = rows.next()!
            codes.languages.bind(row.rank, to: statement, at: first)
            statement.bind(first + 1, row.key)
            codes.levels.bind(codes.levelRank[row.value], to: statement, at: first + 2)
            statement.bind(first + 3, row.value)
        }
    }
}

/// A first load's snapshot rows (``StagedStaffRows``), made on the import's producer thread while
/// the writer inserts staff rows (``RecordWriter/producerStage``). Into an empty table every
/// valid record is a new person, and new people take the next keys in file order, so their rows
/// need nothing from the database. (The writer stages their lookup rows: with them here, the
/// producer was the longer thread by a second at 1M staff.)
final class FirstLoadStaging: @unchecked Sendable {
    // @unchecked: only the producer thread calls `add` while the file is read; the writer takes
    // the rows once the producer has closed its queue, which orders the two (ChunkQueue's lock).
    private(set) var rows: StagedStaffRows
    private var nextKey: Int
    /// How many people were added.
    private(set) var count = 0

    /// Staging into `rows` for people whose keys start at `firstKey`.
    init(_ rows: StagedStaffRows, firstKey: Int) {
        self.rows = rows
        nextKey = firstKey
    }

    /// Adds the next valid record of the file: a new person (no commitments or placements yet).
    func add(_ record: StaffImportRecord) {
        rows.addSnapshotRow(of: record, key: nextKey, context: Staff.Context())
        nextKey += 1
        count += 1
    }

    /// Hands over the snapshot rows, once the producer is done.
    func takeSnapshotRows() -> StaffTableRows? { rows.takeSnapshotRows() }
}

/// The lookup rows of one table, bucketed by their code's rank as they come, so that they come
/// out in primary-key order (rank, staff key) without sorting the whole table: new people's keys
/// arrive in increasing order, and only a bucket that an updated person's key put out of order
/// is sorted.
private struct LookupRowBuckets {
    /// By rank: each row as its staff key (high bits) and a small value (position, years,
    /// level; low 16 bits).
    private var buckets: [[UInt64]]
    private(set) var count = 0

    init(ranks: Int) { buckets = Array(repeating: [], count: ranks) }

    mutating func append(rank: Int, key: Int, value: Int) {
        precondition(value < 1 << 16 && key < 1 << 47, "lookup row out of range")
        buckets[rank].append(UInt64(key) << 16 | UInt64(value))
        count += 1
    }

    /// Every row, in primary-key order.
    mutating func ordered() -> some Sequence<(rank: Int, key: Int, value: Int)> {
        for rank in buckets.indices
        where !zip(buckets[rank], buckets[rank].dropFirst()).allSatisfy({ $0 < $1 }) {
            buckets[rank].sort()
        }
        return buckets.enumerated().lazy.flatMap { rank, rows in
            rows.lazy.map { (rank, Int($0 >> 16), Int($0 & 0xFFFF)) }
        }
    }
}

/// The codes of the lookup tables as C strings ranked in byte order, and each reference
/// number's rank.
private struct LookupCodes {
    let specialties: CodeList
    let countries: CodeList
    let kinds: CodeList
    let languages: CodeList
    let levels: CodeList
    /// By specialty number (``ReferenceData/number(of:)-…``), its rank in ``specialties``.
    let specialtyRank: [Int]
    let countryRank: [Int]
    /// By position in `CountryTie.Kind.allCases`.
    let kindRank: [Int]
    let languageRank: [Int]
    /// By ``LanguageLevel`` raw value.
    let levelRank: [Int]

    init(_ reference: ReferenceData) {
        func ranks(_ codes: [String]) -> (CodeList, [Int]) {
            let list = CodeList(codes)
            return (list, codes.map { list.rank[$0]! })
        }
        (specialties, specialtyRank) = ranks(reference.specialties.map(\.code.rawValue))
        (countries, countryRank) = ranks(reference.countries.map(\.code.rawValue))
        (kinds, kindRank) = ranks(CountryTie.Kind.allCases.map(\.rawValue))
        (languages, languageRank) = ranks(reference.languages.map(\.code.rawValue))
        let levels = CodeList(LanguageLevel.allCases.map(\.code))
        var levelRank = [Int](repeating: 0, count: LanguageLevel.allCases.count + 1)
        for level in LanguageLevel.allCases { levelRank[level.rawValue] = levels.rank[level.code]! }
        self.levels = levels
        self.levelRank = levelRank
    }
}
