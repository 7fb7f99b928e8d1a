extension Need.LanguageRequirement {
    /// Whether someone who speaks `spoken` meets the requirement: they speak its language, or an
    /// ISO 639-3 equivalent of it (docs/SCORING.md, "Language"), at its level or above.
    public func isMet(by spoken: [Staff.LanguageSkill], reference: ReferenceData) -> Bool {
        let accepted = [language] + reference.equivalents(of: language)
        return spoken.contains { accepted.contains($0.language) && $0.level >= minimumLevel }
    }

    /// Requirements written `LANG:LEVEL;…`, a site language of another country than the need's
    /// main one as `COUNTRY:LANG:LEVEL` (the import syntax of `team_languages` and
    /// `preferred_languages`; `team_languages` is stored so).
    public static func importSyntax(_ requirements: [Self]) -> String {
        requirements.map {
            "\($0.country.map { "\($0.rawValue):" } ?? "")\($0.language.rawValue):\($0.minimumLevel.code)"
        }.joined(separator: ";")
    }

    /// Requirements read back from ``importSyntax(_:)``; items that do not parse are left out.
    public static func parsing(importSyntax text: String) -> [Self] {
        text.split(separator: ";").compactMap { item in
            let parts = item.split(separator: ":")
            guard (2...3).contains(parts.count), let level = LanguageLevel(code: String(parts.last!))
            else { return nil }
            return Self(
                language: LanguageCode(rawValue: String(parts[parts.count - 2])), minimumLevel: level,
                country: parts.count == 3 ? CountryCode(rawValue: String(parts[0])) : nil)
        }
    }
}

extension Need {
    /// A team language and the first of the people who covers it, if any.
    public struct TeamLanguageCoverage: Hashable, Sendable {
        public var language: LanguageRequirement
        /// The first person (in the order given) who speaks it at the level; nil when nobody does.
        public var coveredBy: RecordID?
    }

    /// For each of `languages` (a team's), whether one of `people` (the team's proposed, asked
    /// and placed members, with the languages they speak) covers it (docs/SCORING.md, "Teams").
    public static func teamCoverage(
        of languages: [LanguageRequirement], by people: [(id: RecordID, languages: [Staff.LanguageSkill])],
        reference: ReferenceData
    ) -> [TeamLanguageCoverage] {
        languages.map { requirement in
            TeamLanguageCoverage(
                language: requirement,
                coveredBy: people.first { requirement.isMet(by: $0.languages, reference: reference) }?
                    .id)
        }
    }
}
