extension LabelledSet {
    /// How many eligible judged pairs a need's `min_score` leaves out under some weights.
    public struct BelowMinimum: Sendable, Equatable {
        public var pairs: Int
        /// Of them, the relevant ones (accepted or completed).
        public var relevant: Int
    }

    /// The eligible judged pairs whose score under `weights` (0–100, rounded as the batch
    /// rounds it) is below their need's `min_score`: the people the ranking leaves out. The
    /// threshold is a score, so the same `min_score` admits other people when the weights
    /// change (docs/TUNING.md, "min_score").
    public func belowMinimumScore(_ weights: ScoreComponent.Vector) -> BelowMinimum {
        let points = weights.points
        var below = BelowMinimum(pairs: 0, relevant: 0)
        for need in needs where need.minimumScore > 0 {
            for position in need.pairs
            where NeedPlan.settled(points.dot(pairs[position].values)) < need.minimumScore {
                below.pairs += 1
                if pairs[position].grade > 0 { below.relevant += 1 }
            }
        }
        return below
    }
}
