import GRDB

/// Deletes one person's lookup rows (specialties, country ties, languages) by primary key, from
/// the readable copies of their codes in the staff row. The lookup tables are keyed by code
/// first, so a `WHERE staff_key = ?` would read each table whole. Used by a re-import, which
/// replaces a person's rows, and by an erasure.
struct LookupRowDeletion {
    /// The tables it deletes from.
    static let tables: Set<String> = ["staff_specialty", "staff_country_tie", "staff_language"]

    private let specialty: PreparedInsert
    private let tie: PreparedInsert
    private let language: PreparedInsert

    init(_ db: Database) throws {
        specialty = try PreparedInsert(
            db, sql: "DELETE FROM staff_specialty WHERE specialty = ? AND staff_key = ?")
        tie = try PreparedInsert(
            db,
            sql: "DELETE FROM staff_country_tie WHERE country = ? AND kind = ? AND staff_key = ?")
        language = try PreparedInsert(
            db, sql: "DELETE FROM staff_language WHERE language = ? AND staff_key = ?")
    }

    /// The items of one of the staff row's code columns: `;`-separated, each `:`-separated.
    static func items(_ text: String) -> [[Substring]] {
        text.split(separator: ";").map { $0.split(separator: ":", omittingEmptySubsequences: false) }
    }

    /// Deletes the lookup rows of the person with `key`, whose staff row holds `specialties`,
    /// `countries` and `languages`; returns how many rows each table lost.
    @discardableResult
    func delete(
        key: Int, specialties: String, countries: String, languages: String, _ db: Database
    ) throws -> [String: Int] {
        var deleted = ["staff_specialty": 0, "staff_country_tie": 0, "staff_language": 0]
        for parts in Self.items(specialties) {
            specialty.bind(1, String(parts[0]))
            specialty.bind(2, key)
            try specialty.execute(db)
            deleted["staff_specialty"]! += db.changesCount
        }
        for parts in Self.items(countries) where parts.count >= 2 {
            tie.bind(1, String(parts[0]))
            tie.bind(2, String(parts[1]))
            tie.bind(3, key)
            try tie.execute(db)
            deleted["staff_country_tie"]! += db.changesCount
        }
        for parts in Self.items(languages) {
            language.bind(1, String(parts[0]))
            language.bind(2, key)
            try language.execute(db)
            deleted["staff_language"]! += db.changesCount
        }
        return deleted
    }
}
