import GRDB
import MidstCore

/// Inserts or replaces needs with their languages, keeping each need's key stable.
struct NeedWriter: RecordWriter {
    private var existing: [String: Int64] = [:]
    private let insertNeed: PreparedInsert
    private let updateNeed: PreparedInsert
    private let deleteLanguages: PreparedInsert
    private let insertLanguage: PreparedInsert
    /// Needs that were already here: a change of status or country changes the commitments and
    /// placements of the people with outcomes for them.
    private var updated: [Int64] = []

    private static let columns = """
        id, partnership, host_institution, country, profession, specialty, min_seniority, \
        start_date, end_date, mode, slots, priority, status, description, updated_at, site, \
        other_countries, partners, min_score, require_specialty, skills_required
        """

    init(_ db: Database) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, need_key FROM need")
        while let row = try cursor.next() { existing[row[0]] = row[1] }
        insertNeed = try PreparedInsert(
            db,
            sql:
                "INSERT INTO need (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        updateNeed = try PreparedInsert(
            db,
            sql: """
                UPDATE need SET (\(Self.columns)) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                WHERE need_key = ?
                """)
        deleteLanguages = try PreparedInsert(
            db, sql: "DELETE FROM need_language WHERE need_key = ?")
        insertLanguage = try PreparedInsert(
            db,
            sql: """
                INSERT INTO need_language
                    (need_key, language, is_required, min_level, min_level_rank, country)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
    }

    mutating func write(_ need: Need, _ db: Database) throws -> Bool {
        let key: Int64
        let isNew: Bool
        if let found = existing[need.id.rawValue] {
            key = found
            isNew = false
            bindNeed(need, to: updateNeed)
            updateNeed.bind(22, Int(key))
            try updateNeed.execute(db)
            deleteLanguages.bind(1, Int(key))
            try deleteLanguages.execute(db)
            updated.append(key)
        } else {
            bindNeed(need, to: insertNeed)
            try insertNeed.execute(db)
            key = db.lastInsertedRowID
            isNew = true
            existing[need.id.rawValue] = key
        }
        let languages =
            need.requiredLanguages.map { ($0, true) } + need.preferredLanguages.map { ($0, false) }
        for (requirement, isRequired) in languages {
            insertLanguage.bind(1, Int(key))
            insertLanguage.bind(2, requirement.language.rawValue)
            insertLanguage.bind(3, isRequired)
            insertLanguage.bind(4, requirement.minimumLevel.code)
            insertLanguage.bind(5, requirement.minimumLevel.rawValue)
            insertLanguage.bind(6, requirement.country?.rawValue ?? "")
            try insertLanguage.execute(db)
        }
        return isNew
    }

    func staffChanges(_ db: Database) throws -> StaffChanges {
        try StaffChanges.peopleWithOutcomes(for: updated, db)
    }

    private func bindNeed(_ need: Need, to statement: PreparedInsert) {
        statement.bind(1, need.id.rawValue)
        statement.bind(2, need.partnership)
        statement.bind(3, need.hostInstitution)
        statement.bind(4, need.country.rawValue)
        statement.bind(5, need.professions.map(\.rawValue).joined(separator: ";"))
        // Several specialties are kept in the import syntax, `;`-separated.
        statement.bind(
            6,
            need.specialties.isEmpty
                ? nil : need.specialties.map(\.rawValue).joined(separator: ";"))
        statement.bind(7, need.minimumSeniority.rawValue)
        statement.bind(8, need.dates.start?.description)
        statement.bind(9, need.dates.end?.description)
        statement.bind(10, need.mode.rawValue)
        statement.bind(11, need.slots)
        statement.bind(12, need.priority)
        statement.bind(13, need.status.rawValue)
        statement.bind(14, need.description)
        statement.bind(15, need.updatedAt.iso)
        statement.bind(16, need.site)
        let others = need.countries.dropFirst().map(\.rawValue)
        statement.bind(17, others.isEmpty ? nil : others.joined(separator: ";"))
        statement.bind(18, need.partners.isEmpty ? nil : need.partners.joined(separator: ";"))
        statement.bind(19, need.minimumScore)
        statement.bind(20, need.requiresSpecialty)
        statement.bind(21, need.skillsRequired == .any ? nil : need.skillsRequired.rawValue)
    }
}
