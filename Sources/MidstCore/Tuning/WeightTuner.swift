extension WeightTuner {
    /// The measure `midst tune` maximises: one of ``RankingMetrics``, at the cut-off `k`.
    public struct Metric: Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case ndcg, map, mrr, precision, recall
            case orderedPrecision = "ordered_precision"
            case orderedRecall = "ordered_recall"
        }
        public var kind: Kind
        public var k: Int

        /// Reads `ndcg@10`, `map`, `mrr`, `precision@5`, `recall@20`, `ordered_precision@10`,
        /// `ordered_recall@10` (k defaults to 10).
        public init?(_ text: String) {
            let parts = text.lowercased().split(separator: "@", maxSplits: 1)
            guard let kind = Kind(rawValue: String(parts[0])) else { return nil }
            self.kind = kind
            if parts.count == 2 {
                guard let k = Int(parts[1]), k > 0 else { return nil }
                self.k = k
            } else {
                k = 10
            }
        }

        public var description: String {
            switch kind {
            case .map, .mrr: kind.rawValue
            case .ndcg, .precision, .recall, .orderedPrecision, .orderedRecall: "\(kind.rawValue)@\(k)"
            }
        }

        func value(_ metrics: RankingMetrics) -> Double {
            switch kind {
            case .ndcg: metrics.ndcg
            case .map: metrics.averagePrecision
            case .mrr: metrics.reciprocalRank
            case .precision: metrics.precision
            case .recall: metrics.recall
            case .orderedPrecision: metrics.orderedPrecision
            case .orderedRecall: metrics.orderedRecall
            }
        }
    }
}

/// Proposes weights that rank the outcome log's judged people better (docs/TUNING.md,
/// "Tuning"): coordinate ascent with random restarts, as in RankLib, scored on the precomputed
/// component values of a ``LabelledSet`` (a dot product per pair, never a rescoring), and
/// judged by repeated k-fold cross-validation split by need, or by a split by date.
public struct WeightTuner: Sendable {
    public var metric: WeightTuner.Metric
    public var split = WeightTuner.Split.random
    /// Folds of a ``Split/random`` split.
    public var folds = 5
    /// How many times a ``Split/random`` split deals the needs into folds.
    public var repeats = 3
    public var seed: UInt64 = 1
    /// Random starting points besides the given weights.
    public var restarts = 2
    /// Passes over the components at most, per start.
    public var rounds = 10
    /// What `metric` is measured as: plain, or NDCG corrected for exposure.
    public var objective = Objective.naive
    /// The steps tried on a weight, in points of a total of 100.
    static let steps: [Double] = [-20, -10, -5, -2, -1, -0.5, 0.5, 1, 2, 5, 10, 20]

    public init(metric: WeightTuner.Metric) { self.metric = metric }

    /// The mean metric over `needs` (positions in `set.needs`) under `weights`, needs without a
    /// relevant person left out; and the per-need values.
    func perNeed(_ set: LabelledSet, _ weights: ScoreComponent.Vector, _ needs: [Int]) -> [Double?] {
        if case .inversePropensity(let ndcg) = objective {
            return ndcg.values(set, weights: weights, needs: needs)
        }
        return set.values(of: metric, weights: weights, needs: needs)
    }

    func mean(_ set: LabelledSet, _ weights: ScoreComponent.Vector, _ needs: [Int]) -> Double {
        EvaluationReport.mean(perNeed(set, weights, needs).compactMap { $0 })
    }

    /// The best weights found for `needs`, starting from `start` and from `restarts` random
    /// points; scaled to a total of 100.
    public func fit(_ set: LabelledSet, needs: [Int], start: ScoreComponent.Vector, random: inout SeededRandom)
        -> ScoreComponent.Vector
    {
        var starts = [Self.scaled(start)]
        for _ in 0..<restarts {
            starts.append(ScoreComponent.Vector { _ in Double(1 + random.index(below: 40)) })
        }
        var best = (weights: starts[0], value: -1.0)
        for origin in starts {
            var weights = origin
            var value = mean(set, weights, needs)
            for _ in 0..<rounds {
                var improved = false
                for component in ScoreComponent.allCases.shuffled(using: &random) {
                    for step in Self.steps {
                        var trial = weights
                        trial[component] = max(0, trial[component] + step)
                        guard trial[component] != weights[component], trial.sum > 0 else { continue }
                        let trialValue = mean(set, trial, needs)
                        if trialValue > value + 1e-12 {
                            (weights, value) = (trial, trialValue)
                            improved = true
                        }
                    }
                }
                if !improved { break }
            }
            if value > best.value { best = (Self.scaled(weights), value) }
        }
        return best.weights
    }

    /// Weights scaled to a total of 100, rounded to 0.01 (the ranking depends on their ratios
    /// only).
    package static func scaled(_ weights: ScoreComponent.Vector) -> ScoreComponent.Vector {
        let points = weights.points
        return ScoreComponent.Vector { (points[$0] * 100).rounded() / 100 }
    }
}
