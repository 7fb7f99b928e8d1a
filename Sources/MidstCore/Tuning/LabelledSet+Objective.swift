import Foundation

extension LabelledSet {
    /// Each of `needs`' value of `metric` under `weights` (nil for a need nobody relevant was
    /// asked for): the values of ``metrics(weights:k:needs:)``, bit for bit, made for the
    /// tuner, which asks for thousands of weight vectors (docs/TUNING.md, "Tuning").
    ///
    /// The points are worked out once per call rather than once per need, one buffer serves
    /// every need, and NDCG, the default objective, is computed alone: its ideal DCG from the
    /// need's grades, already sorted, and the discounts from a table of the same `log2` values.
    /// (A profile of `midst tune` spent a third of its time on those three; docs/TUNING.md.)
    func values(of metric: WeightTuner.Metric, weights: ScoreComponent.Vector, needs subset: [Int])
        -> [Double?]
    {
        let points = weights.points
        var scored: [(score: Double, pair: Int)] = []
        var grades: [Int] = []
        return subset.map { index in
            rank(need: index, points: points, scored: &scored, grades: &grades)
            guard case .ndcg = metric.kind else {
                return RankingMetrics(ranked: grades, judged: needs[index].judged, k: metric.k)
                    .map(metric.value)
            }
            return Self.ndcg(ranked: grades, judged: needs[index].judged, k: metric.k)
        }
    }

    /// ``rankedGrades(ofNeed:weights:)`` into `grades`, with the points given and `scored` as
    /// scratch. A need's pairs are stored in staff id order, so the engine's tie-break by staff
    /// id is a tie-break by position (no string compared, nothing retained).
    func rank(
        need index: Int, points: ScoreComponent.Vector, scored: inout [(score: Double, pair: Int)],
        grades: inout [Int]
    ) {
        let minimum = needs[index].minimumScore
        scored.removeAll(keepingCapacity: true)
        for position in needs[index].pairs {
            let score = NeedPlan.settled(points.dot(pairs[position].values))
            if score >= minimum { scored.append((score, position)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.pair < $1.pair }
        grades.removeAll(keepingCapacity: true)
        for entry in scored { grades.append(pairs[entry.pair].grade) }
    }

    /// NDCG@k as ``RankingMetrics`` computes it, for `judged` sorted from high to low; nil when
    /// nobody is relevant. A grade of 0 adds 0.0, which changes no sum: it is skipped.
    private static func ndcg(ranked: [Int], judged: [Int], k: Int) -> Double? {
        guard let best = judged.first, best > 0 else { return nil }
        var dcg = 0.0
        for (index, grade) in ranked.prefix(k).enumerated() where grade > 0 {
            dcg += Double(grade) / discount(rank: index + 1)
        }
        var idcg = 0.0
        for (index, grade) in judged.prefix(k).enumerated() {
            guard grade > 0 else { break }
            idcg += Double(grade) / discount(rank: index + 1)
        }
        return dcg / idcg
    }

    /// log2(rank + 1), from a table for the first ranks.
    private static func discount(rank: Int) -> Double {
        rank < discounts.count ? discounts[rank] : log2(Double(rank + 1))
    }

    private static let discounts = (0..<64).map { log2(Double($0 + 1)) }
}
