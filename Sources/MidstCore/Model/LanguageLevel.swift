/// How well someone speaks a language: the CEFR levels A1–C2, then native.
///
/// Levels are ordered; the raw value is the rank stored in SQLite (1 = A1 … 7 = native).
public enum LanguageLevel: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case a1 = 1
    case a2, b1, b2, c1, c2, native

    /// Parses `A1`…`C2` or `native`, in any case.
    public init?(code: String) {
        switch code.lowercased() {
        case "a1": self = .a1
        case "a2": self = .a2
        case "b1": self = .b1
        case "b2": self = .b2
        case "c1": self = .c1
        case "c2": self = .c2
        case "native": self = .native
        default: return nil
        }
    }

    /// The canonical spelling: `A1`…`C2` or `native`.
    public var code: String {
        switch self {
        case .a1: "A1"
        case .a2: "A2"
        case .b1: "B1"
        case .b2: "B2"
        case .c1: "C1"
        case .c2: "C2"
        case .native: "native"
        }
    }

    public var description: String { code }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Staff {
    /// A language a person speaks, with their level.
    public struct LanguageSkill: Hashable, Sendable {
        public var language: LanguageCode
        public var level: LanguageLevel
        public init(language: LanguageCode, level: LanguageLevel) {
            self.language = language
            self.level = level
        }
    }
}

extension Need {
    /// A language a need asks for: a required one with a minimum level, or a preferred one (a
    /// language of the need's site) with the level wished for.
    public struct LanguageRequirement: Hashable, Sendable {
        public var language: LanguageCode
        public var minimumLevel: LanguageLevel
        /// For a site language of a regional need: the country whose site speaks it. Nil for a
        /// required language, and for a site language of the need's main country.
        public var country: CountryCode?
        public init(language: LanguageCode, minimumLevel: LanguageLevel, country: CountryCode? = nil) {
            self.language = language
            self.minimumLevel = minimumLevel
            self.country = country
        }
    }
}
