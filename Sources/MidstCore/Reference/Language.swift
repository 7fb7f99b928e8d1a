/// A language from ISO 639.
package struct Language: Hashable, Sendable {
    /// 639-1 where it exists, else 639-3.
    package var code: LanguageCode
    /// The ISO 639-3 code.
    package var alpha3: String
    /// The ISO 639-2 bibliographic code where it differs from the 639-3 one (`ger`).
    package var alpha3B: String?
    package var name: String
}

/// CLDR's official status of a language in a country.
package enum OfficialStatus: String, Sendable, Comparable, CaseIterable {
    case none = ""
    case officialRegional = "official_regional"
    case deFactoOfficial = "de_facto_official"
    case official

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A language spoken in a country, from CLDR's `territoryInfo/languagePopulation`.
///
/// The percentage is CLDR's rough estimate of functional speakers; percentages for one country
/// may add up to more than 100 in multilingual countries.
package struct CountryLanguage: Hashable, Sendable {
    package var country: CountryCode
    package var language: LanguageCode
    package var populationPercent: Double
    package var officialStatus: OfficialStatus
}

/// An individual language's membership of an ISO 639-3 macrolanguage (SIL's table).
package struct Macrolanguage: Hashable, Sendable {
    package var macrolanguage: LanguageCode
    package var member: LanguageCode

    package init(macrolanguage: LanguageCode, member: LanguageCode) {
        self.macrolanguage = macrolanguage
        self.member = member
    }
}
