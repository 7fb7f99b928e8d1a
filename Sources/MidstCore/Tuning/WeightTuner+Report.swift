import Foundation

extension WeightTuner {
    /// What `midst tune` found: each fold's weights and held-out results, the spread of the
    /// weights over the folds, defaults against tuned on the held-out needs with bootstrap
    /// intervals (the difference's is paired: the same needs resampled), and the weights fitted
    /// on every need.
    public struct Report: Sendable {
        /// One fit judged on needs it was not fitted to.
        public struct Fold: Sendable {
            /// The repeat of the cross-validation it belongs to, from 0.
            public var repeatIndex: Int
            public var trainingNeeds: Int
            /// Held out.
            public var needs: Int
            public var defaults: Double
            public var tuned: Double
            public var weights: ScoreComponent.Vector
        }

        /// How a component's weight varied over the folds' fits.
        public struct Spread: Sendable, Equatable {
            public var mean: Double
            /// The sample standard deviation (divisor n − 1); 0 for a single fold.
            public var standardDeviation: Double
            public var minimum: Double
            public var maximum: Double
        }

        public var metric: WeightTuner.Metric
        public var split: WeightTuner.Split
        /// The first day held out, for a ``Split/date(_:)`` split.
        public var cut: CalendarDate?
        public var folds: [Fold]
        package var defaults: MetricSummary
        /// Each held-out need's tuned value is its mean over the repeats.
        package var tuned: MetricSummary
        /// Tuned minus defaults, need by need: the verdict.
        package var difference: MetricSummary
        /// The same difference for each repeat alone, on the same resampled needs.
        package var repeatDifferences: [MetricSummary]
        /// Fitted on every need: the proposal.
        public var weights: ScoreComponent.Vector
        public var trainingValue: Double
        public var defaultTrainingValue: Double
        /// Eligible judged pairs whose score is below their need's `min_score`, under the
        /// defaults and under ``weights``.
        public var belowMinimumScore:
            (defaults: LabelledSet.BelowMinimum, tuned: LabelledSet.BelowMinimum)

        /// Whether the held-out gain is clear of noise: the 95% interval of the difference
        /// averaged over the repeats lies above 0.
        public var isImprovement: Bool { difference.low > 0 }

        /// The repeats whose own interval lies above 0.
        public var repeatsImproving: Int { repeatDifferences.count { $0.low > 0 } }

        /// Each component's weight over the folds.
        public var spread: [ScoreComponent: Spread] {
            Dictionary(
                uniqueKeysWithValues: ScoreComponent.allCases.map { component in
                    (component, Self.spread(folds.map { $0.weights[component] }))
                })
        }

        /// The mean, sample standard deviation, minimum and maximum of `values` (not empty).
        static func spread(_ values: [Double]) -> Spread {
            let mean = EvaluationReport.mean(values)
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return Spread(
                mean: mean,
                standardDeviation: values.count > 1
                    ? (squares / Double(values.count - 1)).squareRoot() : 0,
                minimum: values.min() ?? 0, maximum: values.max() ?? 0)
        }
    }
}
