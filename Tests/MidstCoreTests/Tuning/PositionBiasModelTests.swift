import Foundation
import Testing

@testable import MidstCore

/// The propensity of being asked at each shown rank (docs/TUNING.md, "The position-bias model").
@Suite("Position-bias model")
struct PositionBiasModelTests {
    @Test(
        "each rank's propensity is the share of lists that asked it, made non-increasing and capped at 1"
    )
    func shares() {
        // Four lists; rank 6 and 7 were each asked once, ranks 4 and 5 never: pooled.
        let model = PositionBiasModel(askedRanks: [[1, 2, 7], [1, 2, 3], [1, 3, 6], [1, 2], []])
        #expect(model.lists == 4)
        #expect(model.estimated == [1, 0.75, 0.5, 0.125, 0.125, 0.125, 0.125])
        #expect(model.weight(of: Exposure(rank: 2)) == 1 / 0.75)
        // Beyond the deepest rank recorded, the deepest's.
        #expect(model.propensity(atRank: 40) == 0.125)
        // An ask the log does not place weighs 1.
        #expect(model.weight(of: nil) == 1)
        // Two asks at one rank in one list cannot make it likelier than certain.
        #expect(PositionBiasModel(askedRanks: [[1, 1]]).estimated == [1])
    }

    @Test("a propensity below the clip is used as 0.1: no ask weighs more than 10")
    func clipped() {
        let lists = [[1, 2, 3]] + Array(repeating: [1, 2], count: 19)
        let model = PositionBiasModel(askedRanks: lists)
        #expect(model.estimated[2] == 0.05)
        #expect(model.propensity(atRank: 3) == PositionBiasModel.minimumPropensity)
        #expect(model.weight(of: Exposure(rank: 3)) == 10)
    }

    @Test(
        "on the generator's log the estimate finds its randomisation: the top five always asked, three of the 25 below"
    )
    func generatorLog() throws {
        let fixture = try ExposureCorrectionTests.log(
            truth: DataGenerator.OutcomeModel.defaultTrueWeights, staff: 2_000, needs: 200)
        let model = try #require(PositionBiasModel(set: fixture.set))
        #expect(model.depth == 30)
        for rank in 1...5 { #expect(model.estimated[rank - 1] > 0.85, "rank \(rank)") }
        let below = model.estimated[5...].reduce(0, +) / 25
        #expect(abs(below - 3.0 / 25) < 0.03, "\(below)")
    }
}

/// NDCG weighted by inverse propensity (docs/TUNING.md, "Inverse-propensity-weighted NDCG").
@Suite("Inverse-propensity-weighted NDCG")
struct InversePropensityNDCGTests {
    @Test("with every weight 1 it is the plain NDCG@k of every need")
    func plainWhenUnweighted() throws {
        let set = try TuningTests.fixture.get().set
        #expect(set.pairs.allSatisfy { $0.exposure == nil })
        let model = PositionBiasModel(askedRanks: [[1]])
        for k in [1, 5, 10] {
            let ndcg = InversePropensityNDCG(set: set, model: model, k: k)
            for weights in [
                ScoreComponent.Vector(\.defaultWeight),
                DataGenerator.OutcomeModel.defaultTrueWeights,
            ] {
                let plain = set.metrics(weights: weights, k: k).map { $0?.ndcg }
                let weighted = ndcg.values(set, weights: weights)
                try #require(plain.count == weighted.count)
                for (a, b) in zip(plain, weighted) {
                    #expect(a == nil ? b == nil : abs(a! - b!) < 1e-12)
                }
            }
        }
    }

    @Test("weighted, it stays within 0 and 1 and the tuner maximises it")
    func weighted() throws {
        let set = try ExposureCorrectionTests.log(
            truth: DataGenerator.OutcomeModel.defaultTrueWeights, staff: 2_000, needs: 200
        ).set
        let model = try #require(PositionBiasModel(set: set))
        let ndcg = InversePropensityNDCG(set: set, model: model, k: 10)
        let values = ndcg.values(set, weights: ScoreComponent.Vector(\.defaultWeight)).compactMap {
            $0
        }
        try #require(!values.isEmpty)
        #expect(values.allSatisfy { (0...1.0000001).contains($0) })
        // Weighting changes the measure wherever someone below rank 5 is judged.
        let plain = set.metrics(weights: ScoreComponent.Vector(\.defaultWeight), k: 10).compactMap {
            $0?.ndcg
        }
        #expect(values != plain)
        var tuner = WeightTuner(metric: WeightTuner.Metric("ndcg@10")!)
        tuner.restarts = 0
        tuner.rounds = 2
        tuner.objective = .inversePropensity(ndcg)
        var random = SeededRandom(seed: 1)
        let needs = Array(set.needs.indices)
        let fitted = tuner.fit(
            set, needs: needs, start: ScoreComponent.Vector(\.defaultWeight), random: &random)
        #expect(
            tuner.mean(set, fitted, needs)
                >= tuner.mean(set, ScoreComponent.Vector(\.defaultWeight), needs))
    }
}
