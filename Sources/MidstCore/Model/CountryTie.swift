extension CountryTie {
    /// How a person is connected to a country. Ordered from the strongest tie to the weakest by
    /// default; the scorer's configuration may value them differently.
    public enum Kind: String, CaseIterable, Sendable, Comparable {
        case nationality, birth, trained, worked, heritage

        /// Position in the declaration order, for stable sorting.
        public var order: Int { Self.allCases.firstIndex(of: self)! }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
    }
}

/// A tie between a person and a country, optionally with the number of years it lasted.
///
/// Ties can reveal ethnic origin (UK GDPR Art. 9): treat them as sensitive data.
public struct CountryTie: Hashable, Sendable {
    public var country: CountryCode
    public var kind: CountryTie.Kind
    public var years: Int?
    public init(country: CountryCode, kind: CountryTie.Kind, years: Int? = nil) {
        self.country = country
        self.kind = kind
        self.years = years
    }
}
