/// Turns import rows into validated ``Need`` records. Pure and thread-safe.
package struct NeedValidator: Sendable {
    package let reference: ReferenceData
    /// The `updated_at` given to records that carry none.
    package let now: Timestamp
    /// The latest `updated_at` accepted.
    package let horizon: DateHorizon

    /// A validator stamping undated records with `now`, and refusing records dated after the
    /// `horizon` (by default, the one of the day `now` falls on).
    package init(reference: ReferenceData, now: Timestamp, horizon: DateHorizon? = nil) {
        self.reference = reference
        self.now = now
        self.horizon = horizon ?? DateHorizon(now: now)
    }

    /// The need, or every issue found in the row.
    package func validate(_ row: ImportRow<NeedColumn>, file: String) -> Result<Need, ImportFailure>
    {
        var check = FieldChecker(row: row, file: file, reference: reference)
        let id = check.id(.id)
        let partnership = check.text(.partnership)
        let host = check.text(.hostInstitution)
        // One country, or several for a regional programme; the first is the main one.
        let countries = check.countries(.country)
        // One profession, or several separated by `;`: the need accepts any of them.
        let professions = check.professions(.profession)
        // Specialties and skills, each any number separated by `;`: any of them is what the
        // need asks for.
        let specialties = check.specialtiesAndSkills(
            .specialty, skills: .skills, professions: professions)
        let seniority =
            check.text(.minSeniority) == nil
            ? (Seniority.lowest, nil) : check.seniority(.minSeniority)
        let required = check.languageItems(.requiredLanguages, defaultLevel: nil).map {
            Need.LanguageRequirement(language: $0.0, minimumLevel: $0.1)
        }
        let preferred = check.siteLanguageItems(
            .preferredLanguages, countries: countries ?? [], defaultLevel: .b1)
        for language in Set(required.map(\.language)).intersection(preferred.map(\.language)) {
            check.fail(
                .preferredLanguages, "language\(check.shown(language.rawValue)) is already required")
        }
        let dates = check.window(from: .start, to: .end)
        var mode: Need.Mode?
        if let text = check.text(.mode) {
            mode = Need.Mode(word: text)
            if mode == nil {
                check.fail(
                    .mode,
                    "the value\(check.shown(text)) is not remote, in-country or either (or both; docs/FORMATS.md)"
                )
            }
        }
        let slots = check.integer(.slots, in: 1...100, default: 1)
        let priority = check.integer(.priority, in: 1...5, default: 3)
        var status = Need.Status.open
        if let text = check.text(.status) {
            if let value = Need.Status(rawValue: text.lowercased()) {
                status = value
            } else {
                check.fail(.status, "the value\(check.shown(text)) is not open, filled or closed")
            }
        }
        let description = check.text(.description)
        let site = check.text(.site)
        let partners = check.textItems(.partner)
        let minimumScore = check.decimal(.minScore, in: 0...100)
        let requiresSpecialty = check.boolean(.requireSpecialty)
        var skillsRequired = Need.SkillsRule.any
        if let text = check.text(.skillsRequired) {
            if let rule = Need.SkillsRule(rawValue: text.lowercased()) {
                skillsRequired = rule
            } else {
                check.fail(.skillsRequired, "the value\(check.shown(text)) is not any or all")
            }
            if skillsRequired == .all, check.text(.skills) == nil {
                check.fail(.skillsRequired, "is all, but the need names no skills (column skills)")
            }
        }
        let team = check.id(.team)
        let teamLanguages = check.languageItems(.teamLanguages, defaultLevel: .b1).map {
            Need.LanguageRequirement(language: $0.0, minimumLevel: $0.1)
        }
        if !teamLanguages.isEmpty, check.text(.team) == nil {
            check.fail(.teamLanguages, "names languages, but the need names no team (column team)")
        }
        let updatedAt = check.timestamp(.updatedAt, default: now, within: horizon)
        guard check.issues.isEmpty, let id, let partnership, let host, let countries,
            let professions,
            let seniority, let mode
        else { return .failure(ImportFailure(issues: check.issues)) }
        return .success(
            Need(
                id: id, partnership: partnership, hostInstitution: host, country: countries[0],
                professions: professions, specialties: specialties,
                minimumSeniority: seniority.0,
                requiredLanguages: required, preferredLanguages: preferred, dates: dates,
                mode: mode,
                slots: slots, priority: priority, status: status, description: description, site: site,
                otherCountries: Array(countries.dropFirst()), partners: partners,
                minimumScore: minimumScore, requiresSpecialty: requiresSpecialty,
                skillsRequired: skillsRequired, team: team, teamLanguages: teamLanguages,
                updatedAt: updatedAt))
    }
}
