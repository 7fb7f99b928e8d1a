/// Turns import rows into validated ``Staff`` records, checking every field against the reference
/// data. Pure and thread-safe: share one validator across concurrent chunks.
package struct StaffValidator: Sendable {
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

    /// The staff record, or every issue found in the row.
    package func validate(_ row: ImportRow<StaffColumn>, file: String) -> Result<
        Staff, ImportFailure
    > {
        var check = FieldChecker(row: row, file: file, reference: reference)
        let id = check.id(.id)
        let name = check.text(.name)
        let email = check.text(.email)
        if let email, !Self.looksLikeEmail(email) {
            // The value is not repeated: messages never carry a personal field.
            check.fail(
                .email, "not an e-mail address (one @, text before it, a dot after it; the value is not shown)")
        }
        let profession = check.profession(.profession)
        let issuesBefore = check.issues.count
        let specialties = check.specialtiesAndSkills(
            .specialties, skills: .skills, professions: profession.map { [$0] })
        if specialties.isEmpty, check.issues.count == issuesBefore, check.text(.specialties) != nil {
            check.fail(.specialties, "at least one specialty or skill is required")
        }
        let seniority = check.seniority(.seniority)
        let ties = countryTies(&check)
        let languages = check.languageItems(.languages, defaultLevel: nil).map {
            Staff.LanguageSkill(language: $0.0, level: $0.1)
        }
        let availability = check.window(from: .availableFrom, to: .availableTo)
        let modes = workModes(&check)
        let maxAssignments = check.integer(.maxAssignments, in: 0...20, default: 1)
        let consent = check.boolean(.consent)
        let employer = check.text(.employer)
        let placements = check.integer(.placements, in: 0...1000, default: 0)
        let updatedAt = check.timestamp(.updatedAt, default: now, within: horizon)
        guard check.issues.isEmpty, let id, let profession, let seniority, let consent else {
            return .failure(ImportFailure(issues: check.issues))
        }
        return .success(
            Staff(
                id: id, name: name, email: email, profession: profession, specialties: specialties,
                seniority: seniority.0, grade: seniority.grade, countryTies: ties,
                languages: languages, availability: availability, modes: modes,
                maxAssignments: maxAssignments, hasConsented: consent, employer: employer,
                pastPlacements: placements, updatedAt: updatedAt))
    }

    private func countryTies(_ check: inout FieldChecker<StaffColumn>) -> [CountryTie] {
        guard let text = check.text(.countries) else { return [] }
        var ties: [CountryTie] = []
        for parts in check.items(text) {
            guard parts.count == 2 || parts.count == 3 else {
                check.fail(
                    .countries,
                    "an item is not CC:KIND[:YEARS], e.g. 'NG:trained:4'")
                continue
            }
            let country = check.country(parts[0], in: .countries)
            let kind = CountryTie.Kind(rawValue: parts[1].lowercased())
            if kind == nil {
                check.fail(
                    .countries,
                    "unknown tie kind (nationality, birth, trained, worked or heritage)"
                )
            }
            var years: Int?
            if parts.count == 3 {
                years = Int(parts[2])
                if years == nil || !(0...80).contains(years!) {
                    check.fail(.countries, "the years of a tie are not a number from 0 to 80")
                }
            }
            guard let country, let kind else { continue }
            if ties.contains(where: { $0.country == country && $0.kind == kind }) {
                check.fail(.countries, "a tie (country and kind) is listed twice")
                continue
            }
            ties.append(CountryTie(country: country, kind: kind, years: years))
        }
        return ties
    }

    private func workModes(_ check: inout FieldChecker<StaffColumn>) -> Staff.WorkModes {
        guard let text = check.text(.modes) else { return .both }
        var modes: Staff.WorkModes = []
        for parts in check.items(text) {
            guard let named = Staff.WorkModes(word: parts.joined(separator: ":")) else {
                check.fail(.modes, "an item is not remote, in-country or both (docs/FORMATS.md)")
                continue
            }
            modes.formUnion(named)
        }
        return modes.isEmpty ? .both : modes
    }

    /// One `@` with text before it, a dot after it, and no spaces. Scans bytes: this runs for
    /// every imported record.
    static func looksLikeEmail(_ text: String) -> Bool { looksLikeEmail(utf8: text.utf8) }

    /// ``looksLikeEmail(_:)`` over UTF-8 bytes.
    static func looksLikeEmail(utf8: some Sequence<UInt8>) -> Bool {
        var atCount = 0
        var charactersBeforeAt = 0
        var hasDotAfterAt = false
        for byte in utf8 {
            switch byte {
            case 0x40: atCount += 1
            case 0x20: return false
            case 0x2E where atCount == 1: hasDotAfterAt = true
            default: if atCount == 0 { charactersBeforeAt += 1 }
            }
        }
        return atCount == 1 && charactersBeforeAt > 0 && hasDotAfterAt
    }
}
