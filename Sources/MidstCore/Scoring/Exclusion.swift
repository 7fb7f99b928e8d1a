/// A hard constraint that keeps a person off a need's candidate list, in plain words.
package enum Exclusion: Hashable, Sendable, CustomStringConvertible {
    case noConsent
    case inactive
    case profession(staff: SpecialtyCode, need: [SpecialtyCode])
    /// The person's specialties and skills earn nothing for the need: none is related to any it
    /// accepts, or (`skills_required all`) one part is missing. `lacking` says what, after
    /// "has" (``SpecialtyRule/shortfall``).
    case specialty(lacking: String)
    case missingLanguage(LanguageCode, required: LanguageLevel, spoken: LanguageLevel?)
    case noAvailabilityOverlap
    case mode(staff: Staff.WorkModes, need: Need.Mode)
    case seniority(staff: Seniority, minimum: Seniority)
    case atCapacity(commitments: Int, maximum: Int)
    /// The person passes every other constraint but scores below the need's `min_score`.
    case belowMinimumScore(score: Double, minimum: Double)
    /// A recorded outcome keeps the person off the need: placed on it, declined, withdrew, or
    /// did not answer lately (docs/SCORING.md, "Outcomes and the nightly loop").
    case outcome(PairStanding)

    /// A stable name for the constraint (`language`, `availability` …), for JSON and tests.
    package var name: String {
        switch self {
        case .noConsent: "consent"
        case .inactive: "active"
        case .profession: "profession"
        case .specialty: "specialty"
        case .missingLanguage: "language"
        case .noAvailabilityOverlap: "availability"
        case .mode: "mode"
        case .seniority: "seniority"
        case .atCapacity: "capacity"
        case .belowMinimumScore: "min_score"
        case .outcome: "outcome"
        }
    }

    package var description: String {
        switch self {
        case .noConsent: "has not consented to be matched"
        case .inactive: "record is not active"
        case .profession(let staff, let need):
            "profession is \(staff), the need asks for \(need.map(\.rawValue).joined(separator: " or "))"
        case .specialty(let lacking): "has \(lacking)"
        case .missingLanguage(let language, let required, let spoken):
            spoken.map { "speaks \(language) at \($0), the need requires \(required)" }
                ?? "does not speak \(language), which the need requires at \(required)"
        case .noAvailabilityOverlap: "is not available during the need's dates"
        case .mode(let staff, let need): "works \(staff.code), the need is \(need.rawValue)"
        case .seniority(let staff, let minimum):
            "seniority \(staff) is below the need's minimum \(minimum)"
        case .atCapacity(let commitments, let maximum):
            maximum <= 0
                ? "takes no commitments (max_assignments is 0 in their record)"
                : "already holds \(commitments) of \(maximum) commitments (max_assignments), so has no room"
        case .belowMinimumScore(let score, let minimum):
            {
                let shown = ScoreText.apart(score, minimum)
                return "scores \(shown.score), below the need's min_score \(shown.minimum)"
            }()
        case .outcome(let standing): standing.sentence
        }
    }
}
