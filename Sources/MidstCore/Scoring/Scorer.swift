extension Staff {
    /// What the scorer needs to know about a person beyond their record.
    public struct Context: Hashable, Sendable {
        /// Commitments the person already holds (accepted, not completed).
        public var commitments: Int
        /// Countries where the person completed a partnership placement.
        public var completedCountries: Set<CountryCode>
        public var isActive: Bool

        public init(
            commitments: Int = 0, completedCountries: Set<CountryCode> = [], isActive: Bool = true
        ) {
            self.commitments = commitments
            self.completedCountries = completedCountries
            self.isActive = isActive
        }
    }
}

/// Decides whether a person is eligible for a need and how well they fit, and says why, from
/// their record: what `midst why` and `candidates --explain` show.
///
/// It scores with the batch's own ``NeedPlan`` over a one-person ``StaffTable``, so that an
/// explanation always gives the number the batch gives: there is one formula.
public struct Scorer: Sendable {
    public let reference: ReferenceData
    public let config: ScoringConfig

    public init(reference: ReferenceData, config: ScoringConfig = ScoringConfig()) {
        self.reference = reference
        self.config = config
    }

    /// The hard constraints `staff` fails for `need`, in a fixed order; empty for a candidate.
    package func exclusions(of staff: Staff, for need: Need, context: Staff.Context = Staff.Context())
        -> [Exclusion]
    {
        explain(staff, for: need, context: context).exclusions
    }

    /// The full explanation: exclusions, and every component with its reason. Components are
    /// given for an excluded person too (what the score would be without the constraints).
    ///
    /// `standing` is where the pair stands by its outcomes: one that keeps the person off the
    /// need (placed on it, declined, withdrew, resting) is an exclusion of its own, named first;
    /// the caller leaves an acceptance of this very need out of `context`'s commitments, so that
    /// a person placed on a need is shown as placed, never as at capacity because of it.
    package func explain(
        _ staff: Staff, for need: Need, context: Staff.Context = Staff.Context(),
        standing: PairStanding? = nil
    ) -> Explanation {
        let plan = NeedPlan(need: need, scorer: self)
        let table = Self.table(of: staff, context: context, reference: reference)
        var exclusions: [Exclusion] = []
        if let standing, standing.keepsOff { exclusions.append(.outcome(standing)) }
        if !staff.hasConsented { exclusions.append(.noConsent) }
        if !context.isActive { exclusions.append(.inactive) }
        guard table.count == 1 else {
            // A profession outside the reference data (never stored by an import).
            exclusions.append(.profession(staff: staff.profession, need: need.professions))
            return Explanation(
                staffID: staff.id, needID: need.id, exclusions: exclusions, components: [],
                score: 0, standing: standing)
        }
        exclusions += plan.exclusions(0, in: table)
        if context.commitments >= staff.maxAssignments {
            exclusions.append(
                .atCapacity(commitments: context.commitments, maximum: staff.maxAssignments))
        }
        let score = plan.score(0, in: table)
        if exclusions.isEmpty, score < plan.minimumScore {
            exclusions.append(.belowMinimumScore(score: score, minimum: plan.minimumScore))
        }
        return Explanation(
            staffID: staff.id, needID: need.id, exclusions: exclusions,
            components: plan.explain(0, in: table, weights: config.weights), score: score,
            standing: standing)
    }

    /// The score (0–100) of an eligible person, or `nil` when a hard constraint excludes them;
    /// the same number as ``explain(_:for:context:)`` and the batch give.
    public func score(_ staff: Staff, for need: Need, context: Staff.Context = Staff.Context())
        -> Double?
    {
        let explanation = explain(staff, for: need, context: context)
        return explanation.isEligible ? explanation.score : nil
    }

    /// A table of `staff` alone, whatever their consent, activity and commitments, so that
    /// their components can be computed; those three are checked from the record instead.
    private static func table(of staff: Staff, context: Staff.Context, reference: ReferenceData)
        -> StaffTable
    {
        var person = staff
        person.hasConsented = true
        var state = context
        state.isActive = true
        state.commitments = 0
        return StaffTable(staff: [person], contexts: [state], reference: reference)
    }
}
