/// How well someone speaks a language: the CEFR levels A1–C2, then native.
///
/// Levels are ordered; the raw value is the rank stored in SQLite (1 = A1 … 7 = native).
public enum LanguageLevel: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case a1 = 1
    case a2, b1, b2, c1, c2, native

    /// Parses `A1`…`C2` or `native`, in any case, or one of the usual ``words`` for a level
    /// (`fluent`, `mother tongue`).
    public init?(code: String) {
        switch code.lowercased() {
        case "a1": self = .a1
        case "a2": self = .a2
        case "b1": self = .b1
        case "b2": self = .b2
        case "c1": self = .c1
        case "c2": self = .c2
        case "native": self = .native
        default:
            let key = ReferenceName.key(code)
            guard let level = Self.words.first(where: { $0.word == key })?.level else {
                return nil
            }
            self = level
        }
    }

    /// The usual words for a level, read as the CEFR level they name (its own descriptors:
    /// Basic user A1–A2 read as the lower, Independent B1–B2, Proficient C1–C2), compared as
    /// ``ReferenceName/key(_:)`` makes them; docs/FORMATS.md lists them ("Words").
    package static let words: [(word: String, level: LanguageLevel)] = [
        ("beginner", .a1), ("basic", .a1), ("elementary", .a2), ("pre intermediate", .a2),
        ("intermediate", .b1), ("conversational", .b1), ("upper intermediate", .b2),
        ("advanced", .c1), ("fluent", .c1), ("proficient", .c2), ("mastery", .c2),
        ("mother tongue", .native), ("first language", .native), ("native speaker", .native),
    ]

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
