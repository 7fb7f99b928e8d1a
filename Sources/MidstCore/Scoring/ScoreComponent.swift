/// The parts of a score, each worth 0 to 1 before weighting: the one list of components.
///
/// Everything that handles components — the configuration's weights, the batch's stored values,
/// explanations, exports, the candidate search's bounds — iterates this enum, so a new component
/// is a new case here (with its default weight), its rule in `Scoring/Components/`, one line in
/// each of ``NeedPlan``'s `components(_:in:)` and `reason(for:_:in:)`, its colour in the report
/// (`ScoreComponent.colour`, MidstReport), and docs/SCORING.md (docs/ARCHITECTURE.md has the
/// checklist). Every component's value must stay within 0…1: the candidate search's score
/// bounds rely on it.
public enum ScoreComponent: String, CaseIterable, Sendable, Codable {
    case specialty, country, language, seniority, availability, experience, partnership

    /// The shipped weight (docs/scoring-defaults.json); weights are relative.
    public var defaultWeight: Double {
        switch self {
        case .specialty: 30
        case .country: 20
        case .language: 25
        case .seniority: 10
        case .availability: 10
        case .experience: 5
        case .partnership: 10
        }
    }

    /// Position in ``allCases``: the component's slot in a ``ScoreComponent/Vector``.
    @inline(__always)
    public var slot: Int {
        switch self {
        case .specialty: 0
        case .country: 1
        case .language: 2
        case .seniority: 3
        case .availability: 4
        case .experience: 5
        case .partnership: 6
        }
    }
}

extension ScoreComponent {
    /// One number per ``ScoreComponent``, held inline (no allocation): a pair's component values,
    /// a configuration's weights, or a plan's points per unit of each component.
    ///
    /// Encoded as an object keyed by component name (`{"specialty": 30, …}`).
    public struct Vector: Hashable, Sendable {
        private var storage = SIMD8<Double>()
        /// How many components a vector can hold (tested against ``ScoreComponent/allCases``).
        public static let lanes = SIMD8<Double>.scalarCount

        /// All zero.
        public init() {}

        /// Each component's value from `value`.
        public init(_ value: (ScoreComponent) -> Double) {
            for component in ScoreComponent.allCases { self[component] = value(component) }
        }

        public subscript(component: ScoreComponent) -> Double {
            @inline(__always) get { storage[component.slot] }
            @inline(__always) set { storage[component.slot] = newValue }
        }

        /// Σ self[c] × other[c], added up in ``ScoreComponent/allCases`` order from 0: the one
        /// formula of a score (`points.dot(values)`), so every path gives the same bits.
        @inline(__always)
        public func dot(_ other: ScoreComponent.Vector) -> Double {
            // The lanes past the last component are always 0 in both vectors, and adding 0 changes
            // no sum, so all lanes are added: a loop of fixed length the compiler unrolls.
            var sum = 0.0
            for slot in 0..<Self.lanes { sum += storage[slot] * other.storage[slot] }
            return sum
        }

        /// The sum of the components, in ``ScoreComponent/allCases`` order.
        public var sum: Double {
            var total = 0.0
            for slot in 0..<Self.lanes { total += storage[slot] }
            return total
        }

        /// The sum of every component but `skipped`, in order: a bound on what they can add when
        /// each value is at most 1.
        public func sum(excluding skipped: Set<ScoreComponent>) -> Double {
            ScoreComponent.allCases.reduce(0) { skipped.contains($1) ? $0 : $0 + self[$1] }
        }

        /// These weights as points: each component's share of 100, so that `points.dot(values)`
        /// is a score from 0 to 100 when every value is within 0…1. All zero when the weights
        /// sum to zero. The one normalisation of weights: ``NeedPlan/points``, the labelled
        /// set's rankings and the tuner's reported weights all come from it.
        public var points: ScoreComponent.Vector {
            let total = sum
            return ScoreComponent.Vector { total > 0 ? 100 * self[$0] / total : 0 }
        }
    }
}

extension ScoreComponent.Vector: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        for key in container.allKeys where ScoreComponent(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "unknown component")
        }
        for component in ScoreComponent.allCases {
            self[component] =
                try container.decodeIfPresent(Double.self, forKey: Key(stringValue: component.rawValue))
                ?? 0
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for component in ScoreComponent.allCases {
            try container.encode(self[component], forKey: Key(stringValue: component.rawValue))
        }
    }
}

extension Explanation {
    /// One component's value with its reason in plain words.
    public struct Component: Hashable, Sendable {
        public var component: ScoreComponent
        /// The raw value, 0 to 1.
        public var value: Double
        public var weight: Double
        /// Points this component adds to the 0–100 score.
        public var contribution: Double
        public var reason: String
    }
}

/// A person's fit for a need: the score and every component behind it, or the hard constraints
/// that exclude them. Staff have a right to this explanation (UK GDPR Art. 22).
public struct Explanation: Hashable, Sendable {
    public var staffID: RecordID
    public var needID: RecordID
    /// Empty when the person is a candidate.
    package var exclusions: [Exclusion]
    public var components: [Explanation.Component]
    /// The score, 0–100: the plan's points dotted with the component values (the batch's sum).
    public var score: Double
    /// Where the pair stands by its recorded outcomes (asked and awaited, placed, declined …);
    /// nil when none counts.
    package var standing: PairStanding?

    public var isEligible: Bool { exclusions.isEmpty }
}
