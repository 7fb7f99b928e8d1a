/// A language from ISO 639.
public struct Language: Hashable, Sendable {
    /// 639-1 where it exists, else 639-3.
    public var code: LanguageCode
    /// The ISO 639-3 code.
    public var alpha3: String
    /// The ISO 639-2 bibliographic code where it differs from the 639-3 one (`ger`).
    public var alpha3B: String?
    public var name: String
}

/// CLDR's official status of a language in a country.
public enum OfficialStatus: String, Sendable, Comparable, CaseIterable {
    case none = ""
    case officialRegional = "official_regional"
    case deFactoOfficial = "de_facto_official"
    case official

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A language spoken in a country, from CLDR's `territoryInfo/languagePopulation`.
///
/// The percentage is CLDR's rough estimate of functional speakers; percentages for one country
/// may add up to more than 100 in multilingual countries.
public struct CountryLanguage: Hashable, Sendable {
    public var country: CountryCode
    public var language: LanguageCode
    public var populationPercent: Double
    public var officialStatus: OfficialStatus
}

/// An individual language's membership of an ISO 639-3 macrolanguage (SIL's table).
public struct Macrolanguage: Hashable, Sendable {
    public var macrolanguage: LanguageCode
    public var member: LanguageCode

    public init(macrolanguage: LanguageCode, member: LanguageCode) {
        self.macrolanguage = macrolanguage
        self.member = member
    }
}
