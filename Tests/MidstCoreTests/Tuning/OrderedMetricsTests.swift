import Testing

@testable import MidstCore

/// Precision and recall averaged over the cut-offs 1…k, beside the classic precision@k and
/// recall@k (docs/TUNING.md, "Metrics").
@Suite("Order-aware precision and recall")
struct OrderedMetricsTests {
    @Test("averaged over the cut-offs, by hand, beside the classic values")
    func handComputed() throws {
        // Relevant at ranks 2 and 4 of 4. precision@1…4: 0, 1/2, 1/3, 2/4; recall@1…4: 0, 1/2,
        // 1/2, 1.
        let metrics = try #require(
            RankingMetrics(ranked: [0, 3, 0, 2], judged: [3, 2, 0, 0], k: 4))
        #expect(abs(metrics.orderedPrecision - (0 + 0.5 + 1.0 / 3 + 0.5) / 4) < 1e-12)
        #expect(abs(metrics.orderedRecall - (0 + 0.5 + 0.5 + 1) / 4) < 1e-12)
        #expect(metrics.precision == 0.5)
        #expect(metrics.recall == 1)
    }

    @Test(
        "a short ranking: the cut-offs past its end add no one, and an unranked relevant person counts"
    )
    func shortRanking() throws {
        // Ranked: one relevant at rank 1; a relevant person not eligible; k = 3.
        // precision@1…3: 1, 1/2, 1/3; recall@1…3: 1/2 each.
        let metrics = try #require(RankingMetrics(ranked: [2], judged: [3, 2], k: 3))
        #expect(abs(metrics.orderedPrecision - (1 + 0.5 + 1.0 / 3) / 3) < 1e-12)
        #expect(abs(metrics.orderedRecall - 0.5) < 1e-12)
        #expect(abs(metrics.precision - 1.0 / 3) < 1e-12)
        #expect(metrics.recall == 0.5)
    }

    /// Seeded random rankings of 1 to 12 people with grades 0, 2 and 3, at least one relevant.
    static func rankings(count: Int) -> [[Int]] {
        var random = SeededRandom(seed: 11)
        return (0..<count).map { _ in
            var grades = (0..<(1 + random.index(below: 12))).map { _ in
                [0, 0, 2, 3][random.index(below: 4)]
            }
            grades[random.index(below: grades.count)] = 2
            return grades
        }
    }

    @Test(
        "moving a relevant person above someone not relevant within the top k raises both; the classic values stay"
    )
    func orderMatters() throws {
        var checked = 0
        for ranked in Self.rankings(count: 300) {
            let k = max(2, ranked.count - 1)
            // The first not-relevant person in the top k with a relevant one after them, also
            // in the top k.
            guard let low = ranked.prefix(k).firstIndex(of: 0),
                let high = ranked.prefix(k).indices.last(where: { $0 > low && ranked[$0] > 0 })
            else { continue }
            var better = ranked
            better.swapAt(low, high)
            let before = try #require(RankingMetrics(ranked: ranked, judged: ranked, k: k))
            let after = try #require(RankingMetrics(ranked: better, judged: ranked, k: k))
            #expect(after.orderedPrecision > before.orderedPrecision)
            #expect(after.orderedRecall > before.orderedRecall)
            #expect(after.precision == before.precision)
            #expect(after.recall == before.recall)
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test("at k = 1, and when the top k are all relevant or none is, they equal the classic values")
    func equalWhereTheyMust() throws {
        for ranked in Self.rankings(count: 300) {
            let atOne = try #require(RankingMetrics(ranked: ranked, judged: ranked, k: 1))
            #expect(atOne.orderedPrecision == atOne.precision)
            #expect(atOne.orderedRecall == atOne.recall)
        }
        let allRelevant = try #require(
            RankingMetrics(ranked: [3, 2, 2, 0], judged: [3, 2, 2, 0], k: 3))
        #expect(allRelevant.orderedPrecision == 1)
        #expect(allRelevant.precision == 1)
        let noneRelevant = try #require(
            RankingMetrics(ranked: [0, 0, 0, 2], judged: [2, 0, 0, 0], k: 3))
        #expect(noneRelevant.orderedPrecision == 0 && noneRelevant.precision == 0)
        #expect(noneRelevant.orderedRecall == 0 && noneRelevant.recall == 0)
    }
}
