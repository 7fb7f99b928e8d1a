/// The parts of a score, each worth 0 to 1 before weighting.
public enum ScoreComponent: String, CaseIterable, Sendable, Codable {
    case specialty, country, language, seniority, availability, experience

    /// This component's weight in `config`.
    public func weight(in config: ScoringConfig) -> Double {
        switch self {
        case .specialty: config.weights.specialty
        case .country: config.weights.country
        case .language: config.weights.language
        case .seniority: config.weights.seniority
        case .availability: config.weights.availability
        case .experience: config.weights.experience
        }
    }
}

/// One component's value with its reason in plain words.
public struct ComponentScore: Hashable, Sendable {
    public var component: ScoreComponent
    /// The raw value, 0 to 1.
    public var value: Double
    public var weight: Double
    /// Points this component adds to the 0–100 score.
    public var contribution: Double
    public var reason: String
}

/// A person's fit for a need: the score and every component behind it, or the hard constraints
/// that exclude them. Staff have a right to this explanation (UK GDPR Art. 22).
public struct Explanation: Hashable, Sendable {
    public var staffID: RecordID
    public var needID: RecordID
    /// Empty when the person is a candidate.
    public var exclusions: [Exclusion]
    public var components: [ComponentScore]

    public var isEligible: Bool { exclusions.isEmpty }

    /// The score, 0–100: the sum of the contributions.
    public var score: Double { components.reduce(0) { $0 + $1.contribution } }
}

/// The raw values (0–1) of the six components for one pair.
public struct ComponentValues: Hashable, Sendable {
    public var specialty: Double
    public var country: Double
    public var language: Double
    public var seniority: Double
    public var availability: Double
    public var experience: Double

    public init(
        specialty: Double, country: Double, language: Double, seniority: Double,
        availability: Double,
        experience: Double
    ) {
        self.specialty = specialty
        self.country = country
        self.language = language
        self.seniority = seniority
        self.availability = availability
        self.experience = experience
    }
}
