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
    }
}
