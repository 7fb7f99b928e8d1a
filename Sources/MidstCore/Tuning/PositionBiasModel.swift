/// How likely a person shown at each rank was to be asked (docs/TUNING.md, "Learning despite
/// exposure"): the propensity θ(r) = P(asked | shown at rank r), estimated from the ranks the
/// log recorded for its asks.
///
/// In web search the examination of a result is hidden (a click says examined *and* relevant),
/// so it has to be inferred by an EM click model (Wang et al. 2018). Midst's log records the
/// examination itself: an ask is an outcome row, with the rank the person was shown at. So
/// θ(r) is a ratio of counts: the asks at shown rank r over the lists that showed someone at
/// rank r. The log does not hold the people shown and not asked, so every need with an exposure
/// is taken to have shown a list as deep as the deepest rank the log recorded for any need.
///
/// The raw ratios are made non-increasing in the rank (pool-adjacent-violators: a person
/// further down is never likelier to be asked) and capped at 1, then clipped below at
/// ``minimumPropensity``.
public struct PositionBiasModel: Hashable, Sendable {
    /// The smallest propensity used: an ask's weight 1/θ is at most 10, so that one person asked
    /// from far down the list cannot outweigh ten shown at the top (clipped inverse propensity
    /// weighting: bounded variance for a small bias towards the top).
    public static let minimumPropensity = 0.1

    /// θ(r) for ranks 1, 2, … ``depth``: estimated, monotone, capped at 1; before clipping.
    public private(set) var estimated: [Double]
    /// The needs whose asks say where the person was shown: the lists counted.
    public private(set) var lists: Int

    /// The deepest rank estimated.
    public var depth: Int { estimated.count }

    /// Estimates θ from the shown ranks of each list's asks.
    ///
    /// - Parameter askedRanks: per need with at least one exposure, the shown rank (from 1) of
    ///   each person asked.
    public init(askedRanks: [[Int]]) {
        let lists = askedRanks.filter { !$0.isEmpty }
        self.lists = lists.count
        let depth = lists.lazy.compactMap { $0.max() }.max() ?? 0
        var asks = [Double](repeating: 0, count: depth)
        for ranks in lists {
            for rank in ranks where rank >= 1 { asks[rank - 1] += 1 }
        }
        estimated = Self.nonIncreasing(asks.map { $0 / Double(lists.count) }).map { min($0, 1) }
    }

    /// Estimates θ from the labelled set's judged people, eligible or not; nil when none of its
    /// asks says where the person was shown.
    public init?(set: LabelledSet) {
        self.init(askedRanks: set.needs.map { $0.judgedExposures.compactMap { $0?.rank } })
        guard lists > 0 else { return nil }
    }

    /// The propensity used for an ask at `rank`: the estimate (the deepest rank's beyond
    /// ``depth``), at least ``minimumPropensity``.
    public func propensity(atRank rank: Int) -> Double {
        guard depth > 0 else { return 1 }
        return max(estimated[min(max(rank, 1), depth) - 1], Self.minimumPropensity)
    }

    /// How many people an ask stands for: 1/θ of its shown rank, and 1 for an ask the log does
    /// not place (asked from outside any list: as if always asked).
    public func weight(of exposure: Exposure?) -> Double {
        exposure.map { 1 / propensity(atRank: $0.rank) } ?? 1
    }

    /// The closest non-increasing sequence in least squares (pool adjacent violators, each value
    /// of equal weight).
    static func nonIncreasing(_ values: [Double]) -> [Double] {
        var blocks: [(mean: Double, count: Int)] = []
        for value in values {
            var block = (mean: value, count: 1)
            while let last = blocks.last, last.mean < block.mean {
                blocks.removeLast()
                let count = last.count + block.count
                block = (
                    (last.mean * Double(last.count) + block.mean * Double(block.count))
                        / Double(count), count
                )
            }
            blocks.append(block)
        }
        return blocks.flatMap { Array(repeating: $0.mean, count: $0.count) }
    }
}
