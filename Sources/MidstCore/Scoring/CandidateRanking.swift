/// An eligible person with their score for a need.
public struct RankedCandidate: Hashable, Sendable {
    public var staff: Staff
    public var context: StaffContext
    public var score: Double
    /// 1 for the best.
    public var rank: Int
}

extension Scorer {
    /// The specialties that earn specialty credit for `need` (its own, its parent, its children
    /// and its siblings), or `nil` when the need names none and everyone gets full credit.
    public func creditedSpecialties(for need: Need) -> [SpecialtyCode]? {
        guard let wanted = need.specialty else { return nil }
        let parent = reference.specialty(wanted.rawValue)?.parent
        var codes = [wanted]
        if let parent { codes.append(parent) }
        for entry in reference.specialties where entry.parent == wanted { codes.append(entry.code) }
        if let parent, reference.specialty(parent.rawValue)?.level != .profession {
            for entry in reference.specialties where entry.parent == parent && entry.code != wanted {
                codes.append(entry.code)
            }
        }
        return codes
    }

    /// The highest score anyone without a credited specialty can reach: their specialty
    /// component is 0, so at most `100 × (Σw − w_specialty) / Σw`.
    public var maximumScoreWithoutSpecialty: Double {
        let total = ScoreComponent.allCases.reduce(0) { $0 + $1.weight(in: config) }
        return total > 0 ? 100 * (total - config.weights.specialty) / total : 0
    }

    /// The `top` best eligible people for `need`, best first; equal scores are ordered by staff id.
    ///
    /// `pool(specialties)` returns the people who pass the constraints a database can check
    /// (consent, profession, required languages, mode, dates), restricted to `specialties` when
    /// given. The block of credited specialties is scored first; everyone else is read and scored
    /// only when the block's `top`-th score does not beat ``maximumScoreWithoutSpecialty``, so the
    /// result is exactly what scoring everyone would give.
    public func topCandidates(
        for need: Need, top: Int, pool: ([SpecialtyCode]?) throws -> [(Staff, StaffContext)]
    ) rethrows -> [RankedCandidate] {
        if let block = creditedSpecialties(for: need) {
            let ranked = rank(try pool(block), for: need, top: top)
            if ranked.count == top, let last = ranked.last, last.score > maximumScoreWithoutSpecialty {
                return ranked
            }
        }
        return rank(try pool(nil), for: need, top: top)
    }

    /// Scores `people` for `need` and keeps the `top` eligible ones, best first, ties by id.
    public func rank(_ people: [(Staff, StaffContext)], for need: Need, top: Int) -> [RankedCandidate] {
        var scored: [(score: Double, index: Int)] = []
        for (index, (staff, context)) in people.enumerated() {
            if let score = score(staff, for: need, context: context) { scored.append((score, index)) }
        }
        scored.sort { lhs, rhs in
            lhs.score != rhs.score ? lhs.score > rhs.score : people[lhs.index].0.id < people[rhs.index].0.id
        }
        return scored.prefix(max(0, top)).enumerated().map { rank, entry in
            RankedCandidate(
                staff: people[entry.index].0, context: people[entry.index].1, score: entry.score, rank: rank + 1)
        }
    }
}
