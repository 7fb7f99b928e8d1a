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
                    "SELECT language, is_required, min_level_rank, country FROM need_language WHERE need_key = ?",
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
        let ties = countryTies(row["countries"])
        let languages = languageSkills(row["languages"])
        var modes: Staff.WorkModes = []
        if row["remote"] as Bool { modes.insert(.remote) }
        if row["in_country"] as Bool { modes.insert(.inCountry) }
        return Staff(
            id: RecordID(rawValue: row["id"]), name: row["name"], email: row["email"],
            profession: SpecialtyCode(rawValue: row["profession"]),
            specialties: specialties(row["specialties"]),
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

    /// The specialties of a staff row's `specialties` text.
    static func specialties(_ text: String) -> [SpecialtyCode] {
        text.split(separator: ";").map { SpecialtyCode(rawValue: String($0)) }
    }

    /// The country ties of a staff row's `countries` text; malformed items are left out.
    static func countryTies(_ text: String) -> [CountryTie] {
        LookupRowDeletion.items(text).compactMap { parts -> CountryTie? in
            guard parts.count >= 2, let kind = CountryTie.Kind(rawValue: String(parts[1])) else {
                return nil
            }
            return CountryTie(
                country: CountryCode(rawValue: String(parts[0])), kind: kind,
                years: parts.count > 2 ? Int(parts[2]) : nil)
        }
    }

    /// The languages of a staff row's `languages` text; malformed items are left out.
    static func languageSkills(_ text: String) -> [Staff.LanguageSkill] {
        LookupRowDeletion.items(text).compactMap { parts -> Staff.LanguageSkill? in
            guard parts.count == 2, let level = LanguageLevel(code: String(parts[1])) else {
                return nil
            }
            return Staff.LanguageSkill(language: LanguageCode(rawValue: String(parts[0])), level: level)
        }
    }

    static func need(from row: Row, languages: [Row]) -> Need {
        func requirements(required: Bool) -> [Need.LanguageRequirement] {
            languages.filter { ($0["is_required"] as Bool) == required }.compactMap { language in
                LanguageLevel(rawValue: language["min_level_rank"]).map {
                    Need.LanguageRequirement(
                        language: LanguageCode(rawValue: language["language"]), minimumLevel: $0,
                        country: Self.siteCountry(language["country"]))
                }
            }
        }
        return need(
            from: row,
            languages: NeedLanguages(
                required: requirements(required: true), preferred: requirements(required: false)))
    }

    /// The country of a stored site language: nil for '' (the need's main country).
    static func siteCountry(_ stored: String) -> CountryCode? {
        stored.isEmpty ? nil : CountryCode(rawValue: stored)
    }

    /// A need's required and preferred languages, each in the order stored.
    struct NeedLanguages {
        var required: [Need.LanguageRequirement] = []
        var preferred: [Need.LanguageRequirement] = []
    }

    /// Every need's languages by need key, read in one pass by column position: the rows of
    /// `fetchAll` look a column up by name by lower-casing every column's name, which was most
    /// of reading 10,000 needs (notes for issue 23, "The report's gathering").
    static func needLanguages(_ db: Database) throws -> [Int64: NeedLanguages] {
        var languages: [Int64: NeedLanguages] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT need_key, language, is_required, min_level_rank, country FROM need_language")
        while let row = try rows.next() {
            guard let level = LanguageLevel(rawValue: row[3]) else { continue }
            let requirement = Need.LanguageRequirement(
                language: LanguageCode(rawValue: row[1]), minimumLevel: level,
                country: siteCountry(row[4]))
            if row[2] as Bool {
                languages[row[0], default: NeedLanguages()].required.append(requirement)
            } else {
                languages[row[0], default: NeedLanguages()].preferred.append(requirement)
            }
        }
        return languages
    }

    /// The needs `sql` selects (`SELECT * FROM need …`), in its order, with their languages:
    /// each row read from a cursor, whose columns are looked up by name in a dictionary.
    static func needs(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> [Need] {
        let languages = try needLanguages(db)
        var needs: [Need] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            needs.append(need(from: row, languages: languages[row["need_key"]] ?? NeedLanguages()))
        }
        return needs
    }

    /// A need from its row of `need` and its languages.
    static func need(from row: Row, languages: NeedLanguages) -> Need {
        Need(
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
            requiredLanguages: languages.required,
            preferredLanguages: languages.preferred,
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
            skillsRequired: (row["skills_required"] as String?).flatMap(Need.SkillsRule.init) ?? .any,
            team: (row["team"] as String?).map(RecordID.init(rawValue:)),
            teamLanguages: (row["team_languages"] as String?).map {
                Need.LanguageRequirement.parsing(importSyntax: $0)
            } ?? [],
            updatedAt: Timestamp(parsing: row["updated_at"]) ?? Timestamp(secondsSince1970: 0))
    }
}
