extension Staff {
    /// The ways a person can contribute to a partnership.
    public struct WorkModes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Remote work: teaching, advice and mentoring from the UK.
        public static let remote = Staff.WorkModes(rawValue: 1)
        /// Visits to the host country.
        public static let inCountry = Staff.WorkModes(rawValue: 2)
        /// Both.
        public static let both: Staff.WorkModes = [.remote, .inCountry]

        /// The modes an item of the `modes` column names: `remote`, `in-country`, `both` or
        /// one of their usual words (``Need/Mode/words``), or `nil`.
        public init?(word: String) {
            switch Need.Mode(word: word) {
            case .remote: self = .remote
            case .inCountry: self = .inCountry
            case .either: self = .both
            case nil: return nil
            }
        }

        /// The import spelling: `remote`, `in-country`, or both joined by `;`.
        public var code: String {
            switch self {
            case .remote: "remote"
            case .inCountry: "in-country"
            case .both: "remote;in-country"
            default: ""
            }
        }
    }
}

extension Need {
    /// How a need is to be met.
    public enum Mode: String, CaseIterable, Sendable {
        case remote
        case inCountry = "in-country"
        case either

        /// The mode `word` names: `remote`, `in-country`, `either` or one of their ``words``
        /// (`both`, `online`, `in person` …), in any case, or `nil`.
        public init?(word: String) {
            let key = ReferenceName.key(word)
            guard let mode = Self.words.first(where: { $0.words.contains(key) })?.mode else {
                return nil
            }
            self = mode
        }

        /// Each mode with the words read as it, compared as ``ReferenceName/key(_:)`` makes
        /// them (so `in-country`, `In country` and `in_country` are one); for a person,
        /// `either` and its words mean both modes. docs/FORMATS.md lists them ("Words").
        package static let words: [(mode: Mode, words: Set<String>)] = [
            (.remote, ["remote", "remotely", "online", "virtual"]),
            (
                .inCountry,
                ["in country", "incountry", "in person", "visit", "visits"]
            ),
            (.either, ["either", "both", "any", "remote and in country"]),
        ]
    }
}
