extension WeightTuner {
    /// Judges the tuner against `defaults` on held-out needs (``split``), then fits on every
    /// need (docs/TUNING.md, "Tuning").
    ///
    /// Every fit (each fold of each repeat, and the final one) has a seed of its own drawn in
    /// order from ``seed``, so they run on every core and the report is the same for a seed.
    /// The verdict is drawn from every repeat at once: each held-out need's tuned value is its
    /// mean over the repeats (each holds every need out once), and the paired bootstrap
    /// interval is taken over the needs.
    ///
    /// - Throws: ``SplitError`` when a date split leaves no need on one side.
    /// - Complexity: folds × repeats + 1 fits, or 2 for a date split.
    public func tune(_ set: LabelledSet, defaults: ScoreComponent.Vector) throws
        -> WeightTuner.Report
    {
        var random = SeededRandom(seed: seed)
        let evaluated = set.needs.indices.filter { set.needs[$0].judged.contains { $0 > 0 } }
        let partitions = try self.partitions(of: set, evaluated: evaluated, random: &random)
        let final = Partition(repeatIndex: 0, training: evaluated, heldOut: [], seed: random.next())
        let fitted = (partitions + [final]).concurrentMap { partition in
            var random = SeededRandom(seed: partition.seed)
            return fit(set, needs: partition.training, start: defaults, random: &random)
        }
        let needs = Set(partitions.flatMap(\.heldOut)).sorted()
        var defaultValue: [Int: Double] = [:]
        for (need, value) in zip(needs, perNeed(set, defaults, needs)) {
            defaultValue[need] = value
        }
        // Per repeat, each held-out need's tuned value.
        var tunedValue = Array(repeating: [Int: Double](), count: partitions.last!.repeatIndex + 1)
        var folds: [Report.Fold] = []
        for (partition, weights) in zip(partitions, fitted) {
            var pairs: [(defaults: Double, tuned: Double)] = []
            for (need, value) in zip(partition.heldOut, perNeed(set, weights, partition.heldOut)) {
                guard let value, let base = defaultValue[need] else { continue }
                tunedValue[partition.repeatIndex][need] = value
                pairs.append((base, value))
            }
            folds.append(
                Report.Fold(
                    repeatIndex: partition.repeatIndex, trainingNeeds: partition.training.count,
                    needs: partition.heldOut.count,
                    defaults: EvaluationReport.mean(pairs.map(\.defaults)),
                    tuned: EvaluationReport.mean(pairs.map(\.tuned)), weights: weights))
        }
        let judged = needs.filter { defaultValue[$0] != nil }
        let heldOutDefaults = judged.map { defaultValue[$0]! }
        let perRepeat = tunedValue.map { values in judged.map { values[$0]! } }
        let heldOutTuned = judged.indices.map { position in
            EvaluationReport.mean(perRepeat.map { $0[position] })
        }
        let draws = (0..<EvaluationReport.resamples).map { _ in
            (0..<judged.count).map { _ in random.index(below: judged.count) }
        }
        func difference(_ tuned: [Double]) -> MetricSummary {
            EvaluationReport.summary(zip(tuned, heldOutDefaults).map { $0 - $1 }, draws: draws)
        }
        let weights = fitted.last!
        return WeightTuner.Report(
            metric: metric, split: split, cut: cutDay(of: set, evaluated: evaluated), folds: folds,
            defaults: EvaluationReport.summary(heldOutDefaults, draws: draws),
            tuned: EvaluationReport.summary(heldOutTuned, draws: draws),
            difference: difference(heldOutTuned),
            repeatDifferences: perRepeat.map(difference),
            weights: weights, trainingValue: mean(set, weights, evaluated),
            defaultTrainingValue: mean(set, defaults, evaluated),
            belowMinimumScore: (set.belowMinimumScore(defaults), set.belowMinimumScore(weights)))
    }
}
