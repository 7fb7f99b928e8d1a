import GRDB
import MidstCore

/// Inserts or replaces staff records and their lookup rows (specialties, ties, languages).
///
/// Existing ids are loaded once and new people get the next free staff keys, so staff rows are
/// written in multi-row batches (``BatchedInsert``). Lookup rows are collected and written at the
/// end sorted by their primary key, so that SQLite appends to each B-tree instead of seeking a
/// new place for every row (ImportBenchmarks: this halves the write time). A re-imported person
/// keeps their staff key (rowid), so outcomes and run history keep pointing at them; their old
/// lookup rows are found from the readable copies in the staff row and deleted by primary key.
struct StaffWriter: RecordWriter {
    private var existing: [String: Int64] = [:]
    private var nextKey: Int
    private var newStaff = BatchedInsert(
        table: "staff", columns: ["staff_key"] + StaffWriter.columnNames, rowsPerStatement: 50)
    private var specialtyRows: [(specialty: String, key: Int, position: Int)] = []
    private var tieRows: [(country: String, kind: String, key: Int, years: Int?)] = []
    private var languageRows: [(language: String, key: Int, level: LanguageLevel)] = []
    private let updateStaff: PreparedInsert
    private let previousCodes: Statement
    private let deleteSpecialty: PreparedInsert
    private let deleteTie: PreparedInsert
    private let deleteLanguage: PreparedInsert

    private static let columnNames = [
        "id", "name", "email", "profession", "specialties", "seniority", "grade", "countries",
        "languages", "available_from", "available_to", "remote", "in_country", "max_assignments",
        "consent", "employer", "placements", "updated_at",
    ]

    init(_ db: Database) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, staff_key FROM staff")
        while let row = try cursor.next() { existing[row[0]] = row[1] }
        nextKey =
            try Int.fetchOne(db, sql: "SELECT coalesce(max(staff_key), 0) + 1 FROM staff") ?? 1
        let columns = Self.columnNames.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: Self.columnNames.count).joined(
            separator: ", ")
        updateStaff = try PreparedInsert(
            db, sql: "UPDATE staff SET (\(columns)) = (\(placeholders)) WHERE staff_key = ?")
        previousCodes = try db.makeStatement(
            sql: "SELECT specialties, countries, languages FROM staff WHERE staff_key = ?")
        deleteSpecialty = try PreparedInsert(
            db, sql: "DELETE FROM staff_specialty WHERE specialty = ? AND staff_key = ?")
        deleteTie = try PreparedInsert(
            db,
            sql: "DELETE FROM staff_country_tie WHERE country = ? AND kind = ? AND staff_key = ?")
        deleteLanguage = try PreparedInsert(
            db, sql: "DELETE FROM staff_language WHERE language = ? AND staff_key = ?")
    }

    mutating func write(_ staff: Staff, _ db: Database) throws -> Bool {
        let key: Int
        let isNew: Bool
        if let found = existing[staff.id.rawValue] {
            key = Int(found)
            isNew = false
            try deleteLookups(of: key, db)
            bindStaff(staff, to: updateStaff)
            updateStaff.bind(19, key)
            try updateStaff.execute(db)
        } else {
            key = nextKey
            nextKey += 1
            isNew = true
            // The producer rejects an id seen earlier in the file, so no need to remember it.
            newStaff.append(
                .integer(key), .text(staff.id.rawValue), text(staff.name), text(staff.email),
                .text(staff.profession.rawValue), .text(staff.specialtiesText),
                .integer(staff.seniority.rawValue), text(staff.grade), .text(staff.countriesText),
                .text(staff.languagesText), text(staff.availability.start?.description),
                text(staff.availability.end?.description),
                .integer(staff.modes.contains(.remote) ? 1 : 0),
                .integer(staff.modes.contains(.inCountry) ? 1 : 0), .integer(staff.maxAssignments),
                .integer(staff.hasConsented ? 1 : 0), text(staff.employer),
                .integer(staff.pastPlacements),
                .text(staff.updatedAt.iso))
        }
        for (position, specialty) in staff.specialties.enumerated() {
            specialtyRows.append((specialty.rawValue, key, position))
        }
        for tie in staff.countryTies {
            tieRows.append((tie.country.rawValue, tie.kind.rawValue, key, tie.years))
        }
        for skill in staff.languages {
            languageRows.append((skill.language.rawValue, key, skill.level))
        }
        if newStaff.pendingRows >= 50 { try newStaff.flush(db, includingPartial: false) }
        return isNew
    }

    /// Writes the remaining staff rows, then every lookup row in primary-key order.
    mutating func finish(_ db: Database) throws {
        try newStaff.flush(db, includingPartial: true)
        let specialties = CodeList(specialtyRows.lazy.map(\.specialty))
        let specialtyOrder = Self.order(specialtyRows, key: \.key) {
            specialties.rank[$0.specialty]!
        }
        try insertRows(
            into: "staff_specialty", columns: ["specialty", "staff_key", "position"],
            count: specialtyOrder.count, db
        ) { statement, first, position in
            let (rank, index) = specialtyOrder[position]
            let row = specialtyRows[index]
            specialties.bind(rank, to: statement, at: first)
            statement.bind(first + 1, row.key)
            statement.bind(first + 2, row.position)
        }
        specialtyRows = []
        // Ties sort by country, then kind: a country's rank times the number of kinds, plus the
        // kind's rank.
        let countries = CodeList(tieRows.lazy.map(\.country))
        let kinds = CodeList(TieKind.allCases.map(\.rawValue))
        let tieOrder = Self.order(tieRows, key: \.key) {
            countries.rank[$0.country]! * TieKind.allCases.count + kinds.rank[$0.kind]!
        }
        try insertRows(
            into: "staff_country_tie", columns: ["country", "kind", "staff_key", "years"],
            count: tieOrder.count, db
        ) { statement, first, position in
            let (rank, index) = tieOrder[position]
            let row = tieRows[index]
            countries.bind(rank / TieKind.allCases.count, to: statement, at: first)
            kinds.bind(rank % TieKind.allCases.count, to: statement, at: first + 1)
            statement.bind(first + 2, row.key)
            statement.bind(first + 3, row.years)
        }
        tieRows = []
        let languages = CodeList(languageRows.lazy.map(\.language))
        let levels = CodeList(LanguageLevel.allCases.map(\.code))
        var levelRank = [Int](repeating: 0, count: LanguageLevel.allCases.count + 1)
        for level in LanguageLevel.allCases { levelRank[level.rawValue] = levels.rank[level.code]! }
        let languageOrder = Self.order(languageRows, key: \.key) {
            languages.rank[$0.language]!
        }
        try insertRows(
            into: "staff_language", columns: ["language", "staff_key", "level", "level_rank"],
            count: languageOrder.count, db
        ) { statement, first, position in
            let (rank, index) = languageOrder[position]
            let row = languageRows[index]
            languages.bind(rank, to: statement, at: first)
            statement.bind(first + 1, row.key)
            levels.bind(levelRank[row.level.rawValue], to: statement, at: first + 2)
            statement.bind(first + 3, row.level.rawValue)
        }
        languageRows = []
    }

    /// The rows in primary-key order, as (code rank, row index): sorted by a packed integer
    /// (rank, staff key) rather than by comparing strings.
    private static func order<Row>(_ rows: [Row], key: (Row) -> Int, rank: (Row) -> Int)
        -> [(rank: Int, index: Int)]
    {
        var packed = rows.indices.map {
            (UInt64(rank(rows[$0])) << 40 | UInt64(key(rows[$0])), $0)
        }
        packed.sort { $0.0 < $1.0 }
        return packed.map { (Int($0.0 >> 40), $0.1) }
    }

    private func text(_ value: String?) -> BatchedInsert.Value {
        value.map { .text($0) } ?? .null
    }

    /// Deletes a person's lookup rows, found from the readable copies in their staff row.
    private func deleteLookups(of key: Int, _ db: Database) throws {
        guard let row = try Row.fetchOne(previousCodes, arguments: [key]) else { return }
        func items(_ text: String) -> [[Substring]] {
            text.split(separator: ";").map {
                $0.split(separator: ":", omittingEmptySubsequences: false)
            }
        }
        for parts in items(row[0]) {
            deleteSpecialty.bind(1, String(parts[0]))
            deleteSpecialty.bind(2, key)
            try deleteSpecialty.execute(db)
        }
        for parts in items(row[1]) where parts.count >= 2 {
            deleteTie.bind(1, String(parts[0]))
            deleteTie.bind(2, String(parts[1]))
            deleteTie.bind(3, key)
            try deleteTie.execute(db)
        }
        for parts in items(row[2]) {
            deleteLanguage.bind(1, String(parts[0]))
            deleteLanguage.bind(2, key)
            try deleteLanguage.execute(db)
        }
    }

    private func bindStaff(_ staff: Staff, to statement: PreparedInsert) {
        statement.bind(1, staff.id.rawValue)
        statement.bind(2, staff.name)
        statement.bind(3, staff.email)
        statement.bind(4, staff.profession.rawValue)
        statement.bind(5, staff.specialtiesText)
        statement.bind(6, staff.seniority.rawValue)
        statement.bind(7, staff.grade)
        statement.bind(8, staff.countriesText)
        statement.bind(9, staff.languagesText)
        statement.bind(10, staff.availability.start?.description)
        statement.bind(11, staff.availability.end?.description)
        statement.bind(12, staff.modes.contains(.remote))
        statement.bind(13, staff.modes.contains(.inCountry))
        statement.bind(14, staff.maxAssignments)
        statement.bind(15, staff.hasConsented)
        statement.bind(16, staff.employer)
        statement.bind(17, staff.pastPlacements)
        statement.bind(18, staff.updatedAt.iso)
    }
}
