import Foundation

extension Outcome.Kind {
    /// The graded relevance of an outcome (docs/TUNING.md): `completed` 3, `accepted` 2,
    /// `declined`, `no_response` and `withdrawn` 0. A pair with several outcomes takes the
    /// highest. An `asked` is not an answer: nil, it judges nobody.
    public var relevance: Int? {
        switch self {
        case .completed: 3
        case .accepted: 2
        case .declined, .noResponse, .withdrawn: 0
        case .asked: nil
        }
    }
}

/// Ranking quality for one need (docs/TUNING.md, "Metrics"): trec_eval's NDCG@k with linear
/// gain (the grade) and a log2(rank + 1) discount, reciprocal rank, precision@k, recall@k and
/// average precision; and precision and recall averaged over the cut-offs 1…k, which, unlike
/// the classic two, depend on the order within the top k. A person is relevant when their grade
/// is above 0.
public struct RankingMetrics: Hashable, Sendable {
    public var ndcg: Double
    public var reciprocalRank: Double
    /// Relevant people in the top k ÷ k: the same for any order of the top k.
    public var precision: Double
    /// Relevant people in the top k ÷ all relevant judged people: the same for any order of the
    /// top k.
    public var recall: Double
    public var averagePrecision: Double
    /// The mean of precision@i over i = 1…k: a relevant person at rank r adds
    /// (1/r + … + 1/k) ÷ k, so moving them up raises it.
    public var orderedPrecision: Double
    /// The mean of recall@i over i = 1…k: a relevant person at rank r adds (k − r + 1) ÷ k ÷ all
    /// relevant judged people, a linear discount by rank.
    public var orderedRecall: Double

    init(
        ndcg: Double, reciprocalRank: Double, precision: Double, recall: Double,
        averagePrecision: Double, orderedPrecision: Double, orderedRecall: Double
    ) {
        self.ndcg = ndcg
        self.reciprocalRank = reciprocalRank
        self.precision = precision
        self.recall = recall
        self.averagePrecision = averagePrecision
        self.orderedPrecision = orderedPrecision
        self.orderedRecall = orderedRecall
    }

    /// The metrics of a ranking, or nil when nobody is relevant (the need then says nothing
    /// about ranking quality and is left out of the means).
    ///
    /// - Parameters:
    ///   - ranked: the grades of the ranked people, best first.
    ///   - judged: the grades of everyone judged for the need, ranked or not: a relevant person
    ///     the ranking leaves out (not eligible) still counts in the ideal ranking and recall.
    ///   - k: the cut-off of NDCG, precision and recall (both kinds); reciprocal rank and
    ///     average precision have none.
    public init?(ranked: [Int], judged: [Int], k: Int) {
        let relevantCount = judged.count { $0 > 0 }
        guard relevantCount > 0, k > 0 else { return nil }
        var dcg = 0.0
        var hitsAtK = 0
        var hits = 0
        var precisionSum = 0.0
        // Over the cut-offs i ≤ k: Σ precision@i, and Σ the hits in the top i (recall@i times
        // the relevant count).
        var precisionAtCutOffs = 0.0
        var hitsAtCutOffs = 0
        var firstHit: Int?
        for (index, grade) in ranked.enumerated() {
            let rank = index + 1
            if rank <= k {
                dcg += Double(grade) / log2(Double(rank + 1))
                if grade > 0 { hitsAtK += 1 }
                precisionAtCutOffs += Double(hitsAtK) / Double(rank)
                hitsAtCutOffs += hitsAtK
            }
            if grade > 0 {
                hits += 1
                precisionSum += Double(hits) / Double(rank)
                if firstHit == nil { firstHit = rank }
            }
        }
        var idcg = 0.0
        for (index, grade) in judged.sorted(by: >).prefix(k).enumerated() {
            idcg += Double(grade) / log2(Double(index + 2))
        }
        ndcg = dcg / idcg
        reciprocalRank = firstHit.map { 1 / Double($0) } ?? 0
        precision = Double(hitsAtK) / Double(k)
        recall = Double(hitsAtK) / Double(relevantCount)
        averagePrecision = precisionSum / Double(relevantCount)
        // The cut-offs past the end of a short ranking add no one.
        if ranked.count < k {
            for rank in (ranked.count + 1)...k { precisionAtCutOffs += Double(hitsAtK) / Double(rank) }
            hitsAtCutOffs += hitsAtK * (k - ranked.count)
        }
        orderedPrecision = precisionAtCutOffs / Double(k)
        orderedRecall = Double(hitsAtCutOffs) / Double(k) / Double(relevantCount)
    }
}
