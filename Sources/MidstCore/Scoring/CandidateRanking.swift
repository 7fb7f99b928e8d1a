/// An eligible person with their score for a need, from the reference scorer (the batch and
/// `midst candidates` use ``NeedPlan/topCandidates(among:in:top:)``, tested against it).
public struct RankedCandidate: Hashable, Sendable {
    public var staff: Staff
    public var context: StaffContext
    public var score: Double
    /// 1 for the best.
    public var rank: Int
}

extension Scorer {
    /// Scores `people` for `need` and keeps the `top` eligible ones, best first, ties by id.
    public func rank(_ people: [(Staff, StaffContext)], for need: Need, top: Int)
        -> [RankedCandidate]
    {
        var scored: [(score: Double, index: Int)] = []
        for (index, (staff, context)) in people.enumerated() {
            if let score = score(staff, for: need, context: context) {
                scored.append((score, index))
            }
        }
        scored.sort { lhs, rhs in
            lhs.score != rhs.score
                ? lhs.score > rhs.score : people[lhs.index].0.id < people[rhs.index].0.id
        }
        return scored.prefix(max(0, top)).enumerated().map { rank, entry in
            RankedCandidate(
                staff: people[entry.index].0, context: people[entry.index].1, score: entry.score,
                rank: rank + 1)
        }
    }
}
