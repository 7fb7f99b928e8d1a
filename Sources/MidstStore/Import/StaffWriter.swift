import GRDB
import MidstCore

/// Inserts or replaces staff records with their specialties, ties and languages.
///
/// Existing ids are loaded once, so a new record costs one insert per row and a re-imported one
/// an update plus the replacement of its child rows; the staff key (rowid) of a re-imported
/// person never changes, so outcomes and run history keep pointing at them.
struct StaffWriter: RecordWriter {
    private var existing: [String: Int64] = [:]
    private let insertStaff: PreparedInsert
    private let updateStaff: PreparedInsert
    private let deleteSpecialties: PreparedInsert
    private let deleteTies: PreparedInsert
    private let deleteLanguages: PreparedInsert
    private let insertSpecialty: PreparedInsert
    private let insertTie: PreparedInsert
    private let insertLanguage: PreparedInsert

    private static let columns = """
        id, name, email, profession, seniority, grade, available_from, available_to, remote, \
        in_country, max_assignments, consent, employer, placements, updated_at
        """

    init(_ db: Database) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, staff_key FROM staff")
        while let row = try cursor.next() { existing[row[0]] = row[1] }
        insertStaff = try PreparedInsert(
            db, sql: "INSERT INTO staff (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        updateStaff = try PreparedInsert(
            db,
            sql: """
                UPDATE staff SET (\(Self.columns)) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                WHERE staff_key = ?
                """)
        deleteSpecialties = try PreparedInsert(db, sql: "DELETE FROM staff_specialty WHERE staff_key = ?")
        deleteTies = try PreparedInsert(db, sql: "DELETE FROM staff_country_tie WHERE staff_key = ?")
        deleteLanguages = try PreparedInsert(db, sql: "DELETE FROM staff_language WHERE staff_key = ?")
        insertSpecialty = try PreparedInsert(
            db, sql: "INSERT INTO staff_specialty (staff_key, position, specialty) VALUES (?, ?, ?)")
        insertTie = try PreparedInsert(
            db, sql: "INSERT INTO staff_country_tie (staff_key, country, kind, years) VALUES (?, ?, ?, ?)")
        insertLanguage = try PreparedInsert(
            db, sql: "INSERT INTO staff_language (staff_key, language, level, level_rank) VALUES (?, ?, ?, ?)")
    }

    mutating func write(_ staff: Staff, _ db: Database) throws -> Bool {
        let key: Int64
        let isNew: Bool
        if let found = existing[staff.id.rawValue] {
            key = found
            isNew = false
            bindStaff(staff, to: updateStaff)
            updateStaff.bind(16, Int(key))
            try updateStaff.execute(db)
            for statement in [deleteSpecialties, deleteTies, deleteLanguages] {
                statement.bind(1, Int(key))
                try statement.execute(db)
            }
        } else {
            bindStaff(staff, to: insertStaff)
            try insertStaff.execute(db)
            key = db.lastInsertedRowID
            isNew = true
            existing[staff.id.rawValue] = key
        }
        let staffKey = Int(key)
        for (position, specialty) in staff.specialties.enumerated() {
            insertSpecialty.bind(1, staffKey)
            insertSpecialty.bind(2, position)
            insertSpecialty.bind(3, specialty.rawValue)
            try insertSpecialty.execute(db)
        }
        for tie in staff.countryTies {
            insertTie.bind(1, staffKey)
            insertTie.bind(2, tie.country.rawValue)
            insertTie.bind(3, tie.kind.rawValue)
            insertTie.bind(4, tie.years)
            try insertTie.execute(db)
        }
        for skill in staff.languages {
            insertLanguage.bind(1, staffKey)
            insertLanguage.bind(2, skill.language.rawValue)
            insertLanguage.bind(3, skill.level.code)
            insertLanguage.bind(4, skill.level.rawValue)
            try insertLanguage.execute(db)
        }
        return isNew
    }

    private func bindStaff(_ staff: Staff, to statement: PreparedInsert) {
        statement.bind(1, staff.id.rawValue)
        statement.bind(2, staff.name)
        statement.bind(3, staff.email)
        statement.bind(4, staff.profession.rawValue)
        statement.bind(5, staff.seniority.rawValue)
        statement.bind(6, staff.grade)
        statement.bind(7, staff.availability.start?.description)
        statement.bind(8, staff.availability.end?.description)
        statement.bind(9, staff.modes.contains(.remote))
        statement.bind(10, staff.modes.contains(.inCountry))
        statement.bind(11, staff.maxAssignments)
        statement.bind(12, staff.hasConsented)
        statement.bind(13, staff.employer)
        statement.bind(14, staff.pastPlacements)
        statement.bind(15, staff.updatedAt.iso)
    }
}
