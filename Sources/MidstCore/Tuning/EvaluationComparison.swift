/// What `midst evaluate` reports beside the means (docs/TUNING.md, "Comparing"): the metrics of
/// a random order of the same people, each need's own metrics, the means by segment, and the
/// paired difference against a second configuration.
extension EvaluationReport {
    /// Random orders drawn per need for the random baseline.
    package static let randomOrders = 100

    /// Each need's expected metrics when its ranked people (the same ones the weights rank) are
    /// put in a random order: the mean over ``randomOrders`` seeded shuffles. nil where the
    /// need has no relevant person.
    static func randomBaseline(
        set: LabelledSet, weights: ScoreComponent.Vector, k: Int, seed: UInt64
    ) -> [RankingMetrics?] {
        var random = SeededRandom(seed: seed)
        return set.needs.indices.map { index in
            let need = set.needs[index]
            var grades = set.rankedGrades(ofNeed: index, weights: weights)
            guard need.judged.contains(where: { $0 > 0 }) else { return nil }
            var sum = RankingMetrics.zero
            for _ in 0..<randomOrders {
                grades.shuffle(using: &random)
                sum.add(RankingMetrics(ranked: grades, judged: need.judged, k: k)!)
            }
            return sum.scaled(by: 1 / Double(randomOrders))
        }
    }

    /// One segment of the evaluated needs (a country, a specialty, a month …).
    package struct Segment: Sendable {
        package var name: String
        package var needs: Int
        package var ndcg: MetricSummary
        /// NDCG@k of a random order of the same people.
        package var randomNDCG: Double
    }

    /// NDCG@k by segment: the evaluated needs grouped by `segment` (of each need's position in
    /// the labelled set), each group with its bootstrap interval and random baseline, in name
    /// order.
    package func segments(_ segment: (Int) -> String) -> [Segment] {
        let groups = Dictionary(grouping: perNeed.indices) { segment(perNeed[$0].index) }
        return groups.keys.sorted().map { name in
            let members = groups[name]!
            var random = SeededRandom(seed: seed)
            let draws = (0..<Self.resamples).map { _ in
                (0..<members.count).map { _ in random.index(below: members.count) }
            }
            return Segment(
                name: name, needs: members.count,
                ndcg: Self.summary(members.map { perNeed[$0].metrics.ndcg }, draws: draws),
                randomNDCG: Self.mean(members.map { perNeed[$0].random.ndcg }))
        }
    }

    /// `other` − this report, need by need over the needs both evaluated (the same log gives the
    /// same needs), each metric with a paired bootstrap 95% interval: the same resampled needs
    /// for both configurations.
    package func difference(to other: EvaluationReport) -> [(metric: String, summary: MetricSummary)] {
        let theirs = Dictionary(uniqueKeysWithValues: other.perNeed.map { ($0.needID, $0.metrics) })
        let paired = perNeed.compactMap { mine in theirs[mine.needID].map { (mine.metrics, $0) } }
        var random = SeededRandom(seed: seed)
        let draws = (0..<Self.resamples).map { _ in
            (0..<paired.count).map { _ in random.index(below: paired.count) }
        }
        return RankingMetrics.named(k: k).map { name, value in
            (name, Self.summary(paired.map { value($0.1) - value($0.0) }, draws: draws))
        }
    }
}

extension RankingMetrics {
    /// Every metric with its name as `evaluate` prints it.
    package static func named(k: Int) -> [(String, (RankingMetrics) -> Double)] {
        [
            ("ndcg@\(k)", \.ndcg), ("mrr", \.reciprocalRank), ("precision@\(k)", \.precision),
            ("recall@\(k)", \.recall), ("map", \.averagePrecision),
            ("ordered_precision@\(k)", \.orderedPrecision), ("ordered_recall@\(k)", \.orderedRecall),
        ]
    }

    static let zero = RankingMetrics(
        ndcg: 0, reciprocalRank: 0, precision: 0, recall: 0, averagePrecision: 0,
        orderedPrecision: 0, orderedRecall: 0)

    mutating func add(_ other: RankingMetrics) {
        ndcg += other.ndcg
        reciprocalRank += other.reciprocalRank
        precision += other.precision
        recall += other.recall
        averagePrecision += other.averagePrecision
        orderedPrecision += other.orderedPrecision
        orderedRecall += other.orderedRecall
    }

    func scaled(by factor: Double) -> RankingMetrics {
        RankingMetrics(
            ndcg: ndcg * factor, reciprocalRank: reciprocalRank * factor,
            precision: precision * factor, recall: recall * factor,
            averagePrecision: averagePrecision * factor,
            orderedPrecision: orderedPrecision * factor, orderedRecall: orderedRecall * factor)
    }
}
