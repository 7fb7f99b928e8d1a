extension WeightTuner {
    /// The measure `midst tune` maximises: one of ``RankingMetrics``, at the cut-off `k`.
    public struct Metric: Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable { case ndcg, map, mrr, precision, recall }
        public var kind: Kind
        public var k: Int

        /// Reads `ndcg@10`, `map`, `mrr`, `precision@5`, `recall@20` (k defaults to 10).
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
            case .ndcg, .precision, .recall: "\(kind.rawValue)@\(k)"
            }
        }

        func value(_ metrics: RankingMetrics) -> Double {
            switch kind {
            case .ndcg: metrics.ndcg
            case .map: metrics.averagePrecision
            case .mrr: metrics.reciprocalRank
            case .precision: metrics.precision
            case .recall: metrics.recall
            }
        }
    }
}

/// Proposes weights that rank the outcome log's judged people better (docs/TUNING.md,
/// "Tuning"): coordinate ascent with random restarts, as in RankLib, scored on the precomputed
/// component values of a ``LabelledSet`` (a dot product per pair, never a rescoring), and
/// judged by k-fold cross-validation split by need.
public struct WeightTuner: Sendable {
    public var metric: WeightTuner.Metric
    public var folds = 5
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
        return set.metrics(weights: weights, k: metric.k, needs: needs).map { $0.map(metric.value) }
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

    /// Cross-validates the tuner against `defaults`, then fits on every need.
    public func tune(_ set: LabelledSet, defaults: ScoreComponent.Vector) -> WeightTuner.Report {
        var random = SeededRandom(seed: seed)
        let evaluated = set.needs.indices.filter { set.needs[$0].judged.contains { $0 > 0 } }
        let order = evaluated.shuffled(using: &random)
        let foldCount = max(2, min(folds, order.count))
        var foldReports: [WeightTuner.Report.Fold] = []
        var defaultHeldOut: [Double] = []
        var tunedHeldOut: [Double] = []
        for fold in 0..<foldCount {
            let heldOut = order.indices.filter { $0 % foldCount == fold }.map { order[$0] }
            let training = order.indices.filter { $0 % foldCount != fold }.map { order[$0] }
            let weights = fit(set, needs: training, start: defaults, random: &random)
            let before = perNeed(set, defaults, heldOut).compactMap { $0 }
            let after = perNeed(set, weights, heldOut).compactMap { $0 }
            defaultHeldOut += before
            tunedHeldOut += after
            foldReports.append(
                WeightTuner.Report.Fold(
                    needs: heldOut.count, defaults: EvaluationReport.mean(before),
                    tuned: EvaluationReport.mean(after), weights: weights))
        }
        let draws = (0..<EvaluationReport.resamples).map { _ in
            (0..<defaultHeldOut.count).map { _ in random.index(below: defaultHeldOut.count) }
        }
        let differences = zip(tunedHeldOut, defaultHeldOut).map { $0 - $1 }
        let final = fit(set, needs: evaluated, start: defaults, random: &random)
        return WeightTuner.Report(
            metric: metric, folds: foldReports,
            defaults: EvaluationReport.summary(defaultHeldOut, draws: draws),
            tuned: EvaluationReport.summary(tunedHeldOut, draws: draws),
            difference: EvaluationReport.summary(differences, draws: draws),
            weights: final, trainingValue: mean(set, final, evaluated),
            defaultTrainingValue: mean(set, defaults, evaluated))
    }
}

extension WeightTuner {
    /// What `midst tune` found: held-out results per fold, defaults against tuned on the held-out
    /// needs with bootstrap intervals (the difference's is paired: the same needs resampled), and
    /// the weights fitted on every need.
    public struct Report: Sendable {
        public struct Fold: Sendable {
            public var needs: Int
            public var defaults: Double
            public var tuned: Double
            public var weights: ScoreComponent.Vector
        }
        public var metric: WeightTuner.Metric
        public var folds: [Fold]
        package var defaults: MetricSummary
        package var tuned: MetricSummary
        /// Tuned minus defaults, need by need.
        package var difference: MetricSummary
        /// Fitted on every need: the proposal.
        public var weights: ScoreComponent.Vector
        public var trainingValue: Double
        public var defaultTrainingValue: Double

        /// Whether the held-out gain is clear of noise: its 95% interval lies above 0.
        public var isImprovement: Bool { difference.low > 0 }
    }
}
