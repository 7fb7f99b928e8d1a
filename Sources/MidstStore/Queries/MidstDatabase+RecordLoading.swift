import GRDB
import MidstCore

extension MidstDatabase {
    /// SQL condition on an outcome `o` of a need `n`: the outcome is a commitment, that is an
    /// acceptance for a need still open that is its pair's latest outcome (nothing later:
    /// not completed, not withdrawn). Outcomes of one day follow ``Outcome/Kind``'s order, in
    /// which only `withdrawn` and `completed` come after `accepted`.
    static let isCommitment = """
        o.outcome = 'accepted' AND n.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM outcome c WHERE c.need_key = o.need_key
                          AND c.staff_key = o.staff_key
                          AND (c.date > o.date
                               OR (c.date = o.date AND c.outcome IN ('withdrawn', 'completed'))))
        """

    /// The staff member with `id`, or `nil`.
    package func staff(id: String) throws -> Staff? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id]).map(
                Self.staff(from:))
        }
    }

    /// The need with `id`, or `nil`.
    package func need(id: String) throws -> Need? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM need WHERE id = ?", arguments: [id])
            else {
                return nil
            }
            let languages = try Row.fetchAll(
                db,
                sql:
                    "SELECT language, is_required, min_level_rank FROM need_language WHERE need_key = ?",
                arguments: [row["need_key"] as Int64])
            return Self.need(from: row, languages: languages)
        }
    }

    /// What the scorer needs to know about a person beyond their record: commitments held
    /// (accepted outcomes for needs still open) and countries of completed placements.
    package func context(forStaff id: String) throws -> Staff.Context {
        try pool.read { db in
            let commitments =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM outcome o JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                        WHERE s.id = ? AND \(Self.isCommitment)
                        """,
                    arguments: [id]) ?? 0
            let countries = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT n.country FROM outcome o JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                    WHERE s.id = ? AND o.outcome = 'completed'
                    """,
                arguments: [id])
            let isActive =
                try Bool.fetchOne(db, sql: "SELECT active FROM staff WHERE id = ?", arguments: [id])
                ?? false
            return Staff.Context(
                commitments: commitments,
                completedCountries: Set(countries.map(CountryCode.init(rawValue:))),
                isActive: isActive)
        }
    }

    /// Rebuilds a staff record from its row; the text columns hold the import syntax Midst wrote.
    static func staff(from row: Row) -> Staff {
        let items = LookupRowDeletion.items
        let ties = items(row["countries"]).compactMap { parts -> CountryTie? in
            guard parts.count >= 2, let kind = CountryTie.Kind(rawValue: String(parts[1])) else {
                return nil
            }
            return CountryTie(
                country: CountryCode(rawValue: String(parts[0])), kind: kind,
                years: parts.count > 2 ? Int(parts[2]) : nil)
        }
        let languages = items(row["languages"]).compactMap { parts -> Staff.LanguageSkill? in
            guard parts.count == 2, let level = LanguageLevel(code: String(parts[1])) else {
                return nil
            }
            return Staff.LanguageSkill(language: LanguageCode(rawValue: String(parts[0])), level: level)
        }
        var modes: Staff.WorkModes = []
        if row["remote"] as Bool { modes.insert(.remote) }
        if row["in_country"] as Bool { modes.insert(.inCountry) }
        return Staff(
            id: RecordID(rawValue: row["id"]), name: row["name"], email: row["email"],
            profession: SpecialtyCode(rawValue: row["profession"]),
            specialties: (row["specialties"] as String).split(separator: ";").map {
                SpecialtyCode(rawValue: String($0))
            },
            seniority: Seniority(rawValue: row["seniority"]) ?? .lowest, grade: row["grade"],
            countryTies: ties,
            languages: languages,
            availability: CalendarDate.Window(
                start: (row["available_from"] as String?).flatMap { CalendarDate(iso: $0) },
                end: (row["available_to"] as String?).flatMap { CalendarDate(iso: $0) }),
            modes: modes, maxAssignments: row["max_assignments"], hasConsented: row["consent"],
            employer: row["employer"], pastPlacements: row["placements"],
            updatedAt: Timestamp(parsing: row["updated_at"]) ?? Timestamp(secondsSince1970: 0))
    }

    static func need(from row: Row, languages: [Row]) -> Need {
        func requirements(required: Bool) -> [Need.LanguageRequirement] {
            languages.filter { ($0["is_required"] as Bool) == required }.compactMap { language in
                LanguageLevel(rawValue: language["min_level_rank"]).map {
                    Need.LanguageRequirement(
                        language: LanguageCode(rawValue: language["language"]), minimumLevel: $0)
                }
            }
        }
        return Need(
            id: RecordID(rawValue: row["id"]), partnership: row["partnership"],
            hostInstitution: row["host_institution"],
            country: CountryCode(rawValue: row["country"]),
            professions: (row["profession"] as String).split(separator: ";").map {
                SpecialtyCode(rawValue: String($0))
            },
            specialties: ((row["specialty"] as String?) ?? "").split(separator: ";").map {
                SpecialtyCode(rawValue: String($0))
            },
            minimumSeniority: Seniority(rawValue: row["min_seniority"]) ?? .lowest,
            requiredLanguages: requirements(required: true),
            preferredLanguages: requirements(required: false),
            dates: CalendarDate.Window(
                start: (row["start_date"] as String?).flatMap { CalendarDate(iso: $0) },
                end: (row["end_date"] as String?).flatMap { CalendarDate(iso: $0) }),
            mode: Need.Mode(rawValue: row["mode"]) ?? .either, slots: row["slots"],
            priority: row["priority"],
            status: Need.Status(rawValue: row["status"]) ?? .open, description: row["description"],
            site: row["site"],
            otherCountries: ((row["other_countries"] as String?) ?? "").split(separator: ";").map {
                CountryCode(rawValue: String($0))
            },
            partners: ((row["partners"] as String?) ?? "").split(separator: ";").map(String.init),
            minimumScore: row["min_score"], requiresSpecialty: row["require_specialty"],
            updatedAt: Timestamp(parsing: row["updated_at"]) ?? Timestamp(secondsSince1970: 0))
    }
}
