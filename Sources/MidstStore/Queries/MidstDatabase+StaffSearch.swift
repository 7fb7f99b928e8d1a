import GRDB
import MidstCore

extension MidstDatabase {
    /// Consenting, active staff matching every filter, ordered by id.
    ///
    /// A filter that names a profession and otherwise only languages, availability or a mode
    /// is answered from the staff snapshot when it is current (the columns of the profession's
    /// people are scanned, and only the people returned are read), as `midst candidates` reads
    /// it; any other filter, or any filter when the snapshot is not current, from the
    /// database's lookup tables. Both give the same people (StaffSearchTests). Only the
    /// profession's people are checked against the snapshot's sums; when they are damaged the
    /// search is answered from the database.
    package func searchStaff(_ filter: StaffFilter) throws -> [Staff] {
        try read { db in
            if filter.isAnsweredByStaffTable,
                let kept = keptStaff(generation: try Self.staffGeneration(db), checking: .asRead),
                let keys = try? kept.staffKeys(matching: filter, reference: BundledReference.data)
            {
                return try Self.matchableStaff(keys: keys, db)
            }
            return try Self.searchStaffWithSQL(filter, db)
        }
    }

    /// The consenting, active people among `keys`, in that order.
    private static func matchableStaff(keys: [Int64], _ db: Database) throws -> [Staff] {
        var found: [Int64: Staff] = [:]
        try db.forEachRow(
            "SELECT * FROM staff WHERE consent = 1 AND active = 1 AND staff_key", in: keys
        ) { row in
            found[row["staff_key"]] = staff(from: row)
        }
        return keys.compactMap { found[$0] }
    }

    /// ``searchStaff(_:)`` with SQL alone: each filter on a specialty, tie or language is
    /// answered from its lookup table's primary key (code first), so a search touches only the
    /// people it can return.
    static func searchStaffWithSQL(_ filter: StaffFilter, _ db: Database) throws -> [Staff] {
        var conditions = ["s.consent = 1", "s.active = 1"]
        var arguments: [any DatabaseValueConvertible] = []
        if let profession = filter.profession {
            conditions.append("s.profession = ?")
            arguments.append(profession.rawValue)
        }
        if !filter.specialties.isEmpty {
            let marks = Array(repeating: "?", count: filter.specialties.count).joined(
                separator: ", ")
            conditions.append(
                "s.staff_key IN (SELECT staff_key FROM staff_specialty WHERE specialty IN (\(marks)))"
            )
            arguments += filter.specialties.map(\.rawValue)
        }
        if let country = filter.country {
            if let kind = filter.tieKind {
                conditions.append(
                    "s.staff_key IN (SELECT staff_key FROM staff_country_tie WHERE country = ? AND kind = ?)"
                )
                arguments += [country.rawValue, kind.rawValue]
            } else {
                conditions.append(
                    "s.staff_key IN (SELECT staff_key FROM staff_country_tie WHERE country = ?)")
                arguments.append(country.rawValue)
            }
        }
        for requirement in filter.languages {
            conditions.append(
                "s.staff_key IN (SELECT staff_key FROM staff_language WHERE language = ? AND level_rank >= ?)"
            )
            arguments += [requirement.language.rawValue, requirement.minimumLevel.rawValue]
        }
        if let from = filter.availableFrom {
            conditions.append("(s.available_to IS NULL OR s.available_to >= ?)")
            arguments.append(from.description)
        }
        if let to = filter.availableTo {
            conditions.append("(s.available_from IS NULL OR s.available_from <= ?)")
            arguments.append(to.description)
        }
        if let mode = filter.mode {
            if mode.contains(.remote) { conditions.append("s.remote = 1") }
            if mode.contains(.inCountry) { conditions.append("s.in_country = 1") }
        }
        arguments.append(filter.limit)
        let sql =
            "SELECT s.* FROM staff s WHERE \(conditions.joined(separator: " AND ")) ORDER BY s.id LIMIT ?"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(
            Self.staff(from:))
    }
}
