import GRDB
import MidstCore

/// A need read from an import file, with the line it starts on (for the team rules' messages).
struct ImportedNeed: Sendable {
    var need: Need
    var line: Int
}

/// Inserts or replaces needs with their languages, keeping each need's key stable; at the end,
/// gives each team named in the file its languages and its undated members its dates
/// (``TeamLedger``).
struct NeedWriter: RecordWriter {
    /// The file's teams, filled in while records are checked (``problem(with:_:)``, which
    /// cannot mutate the writer) and read when they are written.
    private final class Teams {
        var ledger: TeamLedger
        init(file: String) { ledger = TeamLedger(file: file) }
    }

    private let teams: Teams
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
        other_countries, partners, min_score, require_specialty, skills_required, team, \
        team_languages
        """

    init(_ db: Database, file: String) throws {
        teams = Teams(file: file)
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, need_key FROM need")
        while let row = try cursor.next() { existing[row[0]] = row[1] }
        insertNeed = try PreparedInsert(
            db,
            sql:
                "INSERT INTO need (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        updateNeed = try PreparedInsert(
            db,
            sql: """
                UPDATE need SET (\(Self.columns)) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

    var warnings: [ImportIssue] { teams.ledger.warnings }

    func problem(with record: ImportedNeed, _ db: Database) throws -> (
        field: String, message: String
    )? {
        teams.ledger.admit(record.need, line: record.line)
    }

    mutating func write(_ record: ImportedNeed, _ db: Database) throws -> Bool {
        let need = record.need
        let key: Int64
        let isNew: Bool
        if let found = existing[need.id.rawValue] {
            key = found
            isNew = false
            bindNeed(need, to: updateNeed)
            updateNeed.bind(24, Int(key))
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

    /// Gives each team named in the file its languages (the file's, else a stored member's) and
    /// its members that gave no dates the team's (the file's first, else a stored member's).
    mutating func finish(_ db: Database) throws {
        for (team, described) in teams.ledger.teams.sorted(by: { $0.key < $1.key }) {
            if let languages = described.languages {
                try db.execute(
                    sql: "UPDATE need SET team_languages = ? WHERE team = ?",
                    arguments: [
                        Need.LanguageRequirement.importSyntax(languages.requirements), team.rawValue,
                    ])
            } else {
                try db.execute(
                    sql: """
                        UPDATE need SET team_languages =
                            (SELECT o.team_languages FROM need o
                             WHERE o.team = ?1 AND o.team_languages IS NOT NULL
                             ORDER BY o.need_key LIMIT 1)
                        WHERE team = ?1 AND team_languages IS NULL
                        """, arguments: [team.rawValue])
            }
            guard !described.undated.isEmpty else { continue }
            var dates = described.dates.map { ($0.window.start?.description, $0.window.end?.description) }
            if dates == nil,
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT start_date, end_date FROM need
                        WHERE team = ? AND (start_date IS NOT NULL OR end_date IS NOT NULL)
                        ORDER BY need_key LIMIT 1
                        """, arguments: [team.rawValue])
            {
                dates = (row[0], row[1])
            }
            guard let dates else { continue }
            for id in described.undated {
                try db.execute(
                    sql: "UPDATE need SET start_date = ?, end_date = ? WHERE id = ?",
                    arguments: [dates.0, dates.1, id.rawValue])
            }
        }
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
        statement.bind(22, need.team?.rawValue)
        statement.bind(
            23,
            need.teamLanguages.isEmpty
                ? nil : Need.LanguageRequirement.importSyntax(need.teamLanguages))
    }
}
