/// Why a person on a need's shortlist in one run is not on it in a later one, judged from the
/// records as they are now: the first of these that holds.
package enum Departure: Sendable, Equatable {
    /// No longer matchable: withdrew consent, made inactive, or erased (the words say which).
    case notMatchable(String)
    /// A coordinator excluded them from this need.
    case excluded
    /// The need is no longer open with slots to fill.
    case needClosed
    /// The need is not matched on the later run's date: filled or expired (the state says which).
    case needNotMatched(NeedState)
    /// A recorded outcome keeps them off the need: placed on it, declined, withdrew, resting.
    case outcome(PairStanding)
    /// Already committed as much as they can be (accepted outcomes).
    case atCapacity
    /// They now fail the need's hard constraints (by ``Exclusion/name``).
    case constraints([String])
    /// They now score below the need's minimum score.
    case belowMinimumScore(score: Double, minimum: Double)
    /// Still eligible, but the shortlist's last place scores higher.
    case outranked(score: Double, lastPlace: Double)
    /// None of the above holds now: the records changed back since, or the shortlist grew
    /// shorter for another reason.
    case unexplained

    /// In words, for `midst diff`.
    package var text: String {
        switch self {
        case .notMatchable(let why): why
        case .excluded: "excluded by a coordinator"
        case .needClosed: "the need is no longer open"
        case .needNotMatched(let state): "the need is \(state.rawValue)"
        case .outcome(let standing): standing.sentence
        case .atCapacity: "at capacity (committed elsewhere)"
        case .constraints(let names): "now fails \(names.joined(separator: ", "))"
        case .belowMinimumScore(let score, let minimum):
            {
                let shown = ScoreText.apart(score, minimum)
                return "scores \(shown.score), below the need's minimum \(shown.minimum)"
            }()
        case .outranked(let score, let lastPlace):
            "outranked: scores \(ScoreText.points(score)), the last place \(ScoreText.points(lastPlace))"
        case .unexplained: "no reason found in today's records"
        }
    }

    /// Why person `row` of `table` (nil: not matchable, with `unmatchable` saying why) is not
    /// on the shortlist of `plan`'s need (nil: the need is not open), whose last place in the
    /// later run scored `lastPlace` (nil: the shortlist was not full). `needState` is where the
    /// need stands on the later run's date, and `standing` where the pair stands by its
    /// outcomes.
    package static func of(
        row: Int32?, unmatchable: String, isExcluded: Bool, plan: NeedPlan?, table: StaffTable,
        lastPlace: Double?, needState: NeedState? = nil, standing: PairStanding? = nil
    ) -> Departure {
        guard let row else { return .notMatchable(unmatchable) }
        if isExcluded { return .excluded }
        guard let plan else { return .needClosed }
        if let needState, !needState.isMatched { return .needNotMatched(needState) }
        if let standing, standing.keepsOff { return .outcome(standing) }
        let person = Int(row)
        if table.freeCapacity[person] == 0 { return .atCapacity }
        let failed = plan.exclusions(person, in: table)
        if !failed.isEmpty { return .constraints(failed.map(\.name)) }
        let score = plan.score(person, in: table)
        if score < plan.minimumScore { return .belowMinimumScore(score: score, minimum: plan.minimumScore) }
        if let lastPlace, score <= lastPlace { return .outranked(score: score, lastPlace: lastPlace) }
        return .unexplained
    }
}
