/// An eligible person with their score for a need, ranked by a plain scan of everyone (the
/// batch and `midst candidates` use the blocked search, tested against this).
package struct RankedCandidate: Hashable, Sendable {
    package var staff: Staff
    package var context: Staff.Context
    package var score: Double
    /// 1 for the best.
    package var rank: Int
}

extension Scorer {
    /// Scores `people` for `need` and keeps the `top` eligible ones, best first, ties by id:
    /// every person is checked, with no blocking and no bound.
    package func rank(_ people: [(Staff, Staff.Context)], for need: Need, top: Int)
        -> [RankedCandidate]
    {
        let table = StaffTable(
            staff: people.map(\.0), contexts: people.map(\.1), reference: reference)
        let plan = NeedPlan(need: need, scorer: self)
        let positionOf = Dictionary(
            people.enumerated().map { ($1.0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var scored: [(score: Double, index: Int)] = []
        for row in 0..<table.count where plan.isEligible(row, in: table) {
            let score = plan.score(row, in: table)
            if score >= plan.minimumScore { scored.append((score, positionOf[table.id(at: row)]!)) }
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
