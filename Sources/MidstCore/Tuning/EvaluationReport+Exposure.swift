/// NDCG corrected for exposure beside `evaluate`'s plain metrics (docs/TUNING.md, "Learning
/// despite exposure").
extension EvaluationReport {
    /// The position-bias model of `set` and its NDCG@k inverse-propensity weighted under
    /// `weights`, with a bootstrap 95% interval drawn as ``EvaluationReport/init(set:weights:k:seed:)``
    /// draws (the same seed, the same resampled needs); nil when no ask of the log has a shown
    /// rank.
    package static func inversePropensityNDCG(
        set: LabelledSet, weights: ScoreComponent.Vector, k: Int, seed: UInt64 = 1
    ) -> (model: PositionBiasModel, ndcg: MetricSummary)? {
        guard let model = PositionBiasModel(set: set) else { return nil }
        let values = InversePropensityNDCG(set: set, model: model, k: k).values(
            set, weights: weights
        )
        .compactMap { $0 }
        var random = SeededRandom(seed: seed)
        let draws = (0..<resamples).map { _ in
            (0..<values.count).map { _ in random.index(below: values.count) }
        }
        return (model, summary(values, draws: draws))
    }
}
