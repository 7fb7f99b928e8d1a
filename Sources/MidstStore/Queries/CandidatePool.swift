import GRDB
import MidstCore

extension MidstDatabase {
    /// Consenting, active staff who pass the constraints SQL can check for `need`: a compatible
    /// profession (`professions`), every required language at its level, the mode, and
    /// availability overlapping the need's dates. With `specialties`, only people holding one of
    /// them. Each comes with their context (commitments, countries of completed placements).
    ///
    /// The lookup tables' code-first keys answer the specialty and language conditions, so the
    /// query reads only the rows it returns.
    public func candidatePool(
        for need: Need, professions: [SpecialtyCode], specialties: [SpecialtyCode]?
    ) throws -> [(Staff, StaffContext)] {
        var conditions = ["s.consent = 1", "s.active = 1"]
        var arguments: [any DatabaseValueConvertible] = []
        conditions.append("s.profession IN (\(Array(repeating: "?", count: professions.count).joined(separator: ", ")))")
        arguments += professions.map(\.rawValue)
        if let specialties {
            let marks = Array(repeating: "?", count: specialties.count).joined(separator: ", ")
            conditions.append("s.staff_key IN (SELECT staff_key FROM staff_specialty WHERE specialty IN (\(marks)))")
            arguments += specialties.map(\.rawValue)
        }
        for requirement in need.requiredLanguages {
            conditions.append(
                "s.staff_key IN (SELECT staff_key FROM staff_language WHERE language = ? AND level_rank >= ?)")
            arguments += [requirement.language.rawValue, requirement.minimumLevel.rawValue]
        }
        switch need.mode {
        case .remote: conditions.append("s.remote = 1")
        case .inCountry: conditions.append("s.in_country = 1")
        case .either: break
        }
        if let start = need.dates.start, let end = need.dates.end {
            conditions.append("(s.available_to IS NULL OR s.available_to >= ?)")
            conditions.append("(s.available_from IS NULL OR s.available_from <= ?)")
            arguments += [start.description, end.description]
        }
        let sql = """
            SELECT s.*,
              (SELECT count(*) FROM outcome o JOIN need n USING (need_key)
                WHERE o.staff_key = s.staff_key AND o.outcome = 'accepted' AND n.status = 'open'
                  AND NOT EXISTS (SELECT 1 FROM outcome c WHERE c.need_key = o.need_key
                                  AND c.staff_key = o.staff_key AND c.outcome = 'completed')
              ) AS commitments,
              (SELECT group_concat(DISTINCT n.country) FROM outcome o JOIN need n USING (need_key)
                WHERE o.staff_key = s.staff_key AND o.outcome = 'completed') AS completed_countries
            FROM staff s WHERE \(conditions.joined(separator: " AND "))
            """
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                let countries = (row["completed_countries"] as String?)?.split(separator: ",").map {
                    CountryCode(rawValue: String($0))
                }
                return (
                    Self.staff(from: row),
                    StaffContext(commitments: row["commitments"], completedCountries: Set(countries ?? []))
                )
            }
        }
    }
}
