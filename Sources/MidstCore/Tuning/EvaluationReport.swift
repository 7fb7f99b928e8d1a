/// A metric's mean over the evaluated needs with its bootstrap 95% confidence interval.
package struct MetricSummary: Hashable, Sendable {
    package var mean: Double
    package var low: Double
    package var high: Double
}

/// How well a configuration's weights rank the people the outcome log judged (`midst
/// evaluate`): every metric's mean over the needs with a relevant person, with a bootstrap 95%
/// interval (needs resampled with replacement; percentile interval), and NDCG@k with each
/// component's weight set to zero (docs/TUNING.md).
package struct EvaluationReport: Sendable {
    package var k: Int
    /// Needs with at least one relevant person: the ones the means are over.
    package var needs: Int
    /// Needs with outcomes but no relevant person, left out of the means.
    package var needsWithoutRelevant: Int
    /// Eligible judged pairs ranked.
    package var pairs: Int
    package var ndcg: MetricSummary
    package var reciprocalRank: MetricSummary
    package var precision: MetricSummary
    package var recall: MetricSummary
    package var averagePrecision: MetricSummary
    package var orderedPrecision: MetricSummary
    package var orderedRecall: MetricSummary
    /// NDCG@k with one component's weight set to zero, for each component with a weight.
    package var ablation: [(component: ScoreComponent, ndcg: Double)]
    /// Each metric's mean when the same people are put in a random order.
    package var randomOrder: RankingMetrics
    /// Each evaluated need: its position in the labelled set, id, metrics and random baseline.
    package var perNeed: [(index: Int, needID: RecordID, metrics: RankingMetrics, random: RankingMetrics)]
    /// The seed of the bootstrap resamples and the random orders.
    package var seed: UInt64

    /// Bootstrap resamples for the intervals.
    package static let resamples = 1000

    package init(set: LabelledSet, weights: ScoreComponent.Vector, k: Int, seed: UInt64 = 1) {
        let all = set.metrics(weights: weights, k: k)
        let metrics = all.compactMap { $0 }
        let randomOrders = Self.randomBaseline(set: set, weights: weights, k: k, seed: seed)
        perNeed = all.indices.compactMap { index in
            all[index].map { (index, set.needs[index].id, $0, randomOrders[index]!) }
        }
        var randomSum = RankingMetrics.zero
        for need in perNeed { randomSum.add(need.random) }
        randomOrder = randomSum.scaled(by: perNeed.isEmpty ? 0 : 1 / Double(perNeed.count))
        self.seed = seed
        self.k = k
        needs = metrics.count
        needsWithoutRelevant = all.count - metrics.count
        pairs = set.pairs.count
        var random = SeededRandom(seed: seed)
        // One set of resampled needs for every metric, so that their intervals agree.
        let draws = (0..<Self.resamples).map { _ in
            (0..<metrics.count).map { _ in random.index(below: metrics.count) }
        }
        func summary(_ value: (RankingMetrics) -> Double) -> MetricSummary {
            let values = metrics.map(value)
            return Self.summary(values, draws: draws)
        }
        ndcg = summary(\.ndcg)
        reciprocalRank = summary(\.reciprocalRank)
        precision = summary(\.precision)
        recall = summary(\.recall)
        averagePrecision = summary(\.averagePrecision)
        orderedPrecision = summary(\.orderedPrecision)
        orderedRecall = summary(\.orderedRecall)
        ablation = ScoreComponent.allCases.filter { weights[$0] > 0 }.map { component in
            var without = weights
            without[component] = 0
            return (component, Self.mean(set.metrics(weights: without, k: k).compactMap { $0?.ndcg }))
        }
    }

    /// The mean of `values` and the 2.5th and 97.5th percentiles of its means over `draws`.
    static func summary(_ values: [Double], draws: [[Int]]) -> MetricSummary {
        guard !values.isEmpty else { return MetricSummary(mean: 0, low: 0, high: 0) }
        let means = draws.map { draw in mean(draw.map { values[$0] }) }.sorted()
        return MetricSummary(
            mean: mean(values), low: percentile(means, 0.025), high: percentile(means, 0.975))
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The value at fraction `p` of sorted `values` (nearest rank).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}
