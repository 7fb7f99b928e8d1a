import Foundation

/// NDCG@k corrected for exposure (docs/TUNING.md, "Learning despite exposure"): each judged
/// person counts as 1/θ(r) people of the same grade, θ the ``PositionBiasModel``'s propensity of
/// the rank r they were shown at, so that the few asked from far down the old ranking's list
/// stand for the many shown there and not asked.
///
/// Ranked under some weights (as ``LabelledSet/rankedGrades(ofNeed:weights:)`` ranks), person i
/// of grade gᵢ and weight wᵢ = 1/θ(rᵢ) occupies the wᵢ positions after the weights of the people
/// ranked above: from Pᵢ = Σ_{j above i} wⱼ to Pᵢ + wᵢ. With D(x) the discount summed over the
/// first x positions (D(n) = Σ_{t ≤ min(n, k)} 1/log2(t + 1) for whole n, linear in between),
///
///     DCG = Σᵢ gᵢ × (D(Pᵢ + wᵢ) − D(Pᵢ)),
///
/// and the ideal DCG is the same sum with every judged person, eligible or not, ranked by grade
/// (optimal, as D is concave). Their ratio is the metric, in 0…1. With every weight 1 it is the
/// plain NDCG@k of ``RankingMetrics``.
public struct InversePropensityNDCG: Sendable {
    public var k: Int
    public var model: PositionBiasModel
    /// Each pair's weight, indexed like ``LabelledSet/pairs``.
    private var pairWeights: [Double]
    /// Each need's ideal DCG; 0 when nobody relevant was asked.
    private var idealDCG: [Double]
    /// D(n) for n = 0…k.
    private var discountSums: [Double]
    /// The most eligible judged people of a need: the scratch space one ranking needs.
    private var largestNeed: Int
    /// The set the weights were taken from (its pair count, checked on use).
    private var pairCount: Int

    /// Prepares `set`'s weights and ideal DCGs under `model`, once; every ranking after is a dot
    /// product per pair and a sort per need, with no allocation.
    public init(set: LabelledSet, model: PositionBiasModel, k: Int) {
        precondition(k > 0)
        self.k = k
        self.model = model
        discountSums = [0]
        for rank in 1...k {
            discountSums.append(discountSums[rank - 1] + 1 / log2(Double(rank + 1)))
        }
        pairWeights = set.pairs.map { model.weight(of: $0.exposure) }
        pairCount = set.pairs.count
        largestNeed = set.needs.map(\.pairs.count).max() ?? 0
        let sums = discountSums
        idealDCG = set.needs.map { need in
            // judged is sorted by grade, so each person's block follows the better ones'.
            var position = 0.0
            var dcg = 0.0
            for (grade, exposure) in zip(need.judged, need.judgedExposures) {
                let width = model.weight(of: exposure)
                dcg += Double(grade) * Self.block(sums, k, from: position, width: width)
                position += width
            }
            return dcg
        }
    }

    /// D(from + width) − D(from): the discount a person of weight `width` gets from `from`.
    @inline(__always)
    private static func block(_ sums: [Double], _ k: Int, from: Double, width: Double) -> Double {
        cumulative(sums, k, from + width) - cumulative(sums, k, from)
    }

    @inline(__always)
    private static func cumulative(_ sums: [Double], _ k: Int, _ x: Double) -> Double {
        guard x < Double(k) else { return sums[k] }
        let whole = Int(x)
        return sums[whole] + (x - Double(whole)) * (sums[whole + 1] - sums[whole])
    }

    /// The metric of each of `needs` (positions in `set.needs`; all when nil) under `weights`;
    /// nil for a need nobody relevant was asked for.
    ///
    /// - Complexity: O(n²) per need of n eligible judged people (an insertion sort: a need has
    ///   tens of them), one stack buffer for all.
    public func values(_ set: LabelledSet, weights: ScoreComponent.Vector, needs: [Int]? = nil)
        -> [Double?]
    {
        precondition(set.pairs.count == pairCount, "prepared for another labelled set")
        let points = weights.points
        let indices = needs ?? Array(set.needs.indices)
        return withUnsafeTemporaryAllocation(
            of: (score: Double, pair: Int).self, capacity: max(largestNeed, 1)
        ) {
            ranking in
            indices.map { index in
                value(ofNeed: index, in: set, points: points, ranking: ranking)
            }
        }
    }

    private func value(
        ofNeed index: Int, in set: LabelledSet, points: ScoreComponent.Vector,
        ranking: UnsafeMutableBufferPointer<(score: Double, pair: Int)>
    ) -> Double? {
        let ideal = idealDCG[index]
        guard ideal > 0 else { return nil }
        let need = set.needs[index]
        var count = 0
        for position in need.pairs {
            let score = NeedPlan.settled(points.dot(set.pairs[position].values))
            guard score >= need.minimumScore else { continue }
            // Insertion: score from high to low, then staff id, as the engine ranks.
            var slot = count
            while slot > 0 {
                let above = ranking[slot - 1]
                if above.score > score
                    || (above.score == score
                        && set.pairs[above.pair].staffID < set.pairs[position].staffID)
                {
                    break
                }
                ranking[slot] = above
                slot -= 1
            }
            ranking[slot] = (score, position)
            count += 1
        }
        var position = 0.0
        var dcg = 0.0
        for entry in ranking[0..<count] {
            let width = pairWeights[entry.pair]
            dcg +=
                Double(set.pairs[entry.pair].grade)
                * Self.block(discountSums, k, from: position, width: width)
            position += width
            if position >= Double(k) { break }
        }
        return dcg / ideal
    }
}

extension WeightTuner {
    /// What the tuner maximises and reports: the metric as the log gives it, or NDCG@k
    /// corrected for exposure (docs/TUNING.md, "Learning despite exposure").
    public enum Objective: Sendable {
        case naive
        /// Prepared for the labelled set the tuner is given; its k replaces the metric's.
        case inversePropensity(InversePropensityNDCG)
    }
}
