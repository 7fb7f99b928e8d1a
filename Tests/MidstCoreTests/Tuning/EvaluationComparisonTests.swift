import Foundation
import Testing

@testable import MidstCore

/// `midst evaluate`'s random baseline, per-need results, segments and paired comparison
/// (docs/TUNING.md, "Comparing").
extension EvaluationTests {
    /// One need N1 in Uganda: S4, tied to Uganda, completed; S1–S3 declined. Under weights that
    /// count the country tie S4 is ranked first; without them the tie falls to id order, last.
    private func oneNeed() -> LabelledSet {
        let uganda = CountryTie(country: CountryCode(rawValue: "UG"), kind: .nationality)
        return LabelledSet(
            needs: [need("N1")],
            outcomes: ["S1", "S2", "S3"].map { outcome("N1", $0, .declined) } + [
                outcome("N1", "S4", .accepted), outcome("N1", "S4", .completed),
            ],
            staff: [nurse("S1"), nurse("S2"), nurse("S3"), nurse("S4", ties: [uganda])],
            scorer: Scorer(reference: reference))
    }

    @Test("the random baseline is the same people in a random order: precision and recall as ranked, MRR and NDCG near their expectation")
    func randomBaseline() throws {
        let set = oneNeed()
        let report = EvaluationReport(set: set, weights: ScoringConfig().weights, k: 10)
        #expect(report.ndcg.mean == 1)
        // All four fit in the top 10: precision and recall do not depend on the order.
        #expect(abs(report.randomOrder.precision - 0.1) < 1e-12)
        #expect(abs(report.randomOrder.recall - 1) < 1e-12)
        // The relevant person at a uniform rank r of 4: E[1/r] and E[1/log2(r + 1)].
        let ranks = (1...4).map(Double.init)
        let mrr = ranks.map { 1 / $0 }.reduce(0, +) / 4
        let ndcg = ranks.map { 1 / log2($0 + 1) }.reduce(0, +) / 4
        #expect(abs(report.randomOrder.reciprocalRank - mrr) < 0.1)
        #expect(abs(report.randomOrder.ndcg - ndcg) < 0.1)
        #expect(report.randomOrder.ndcg < report.ndcg.mean)
        #expect(report.perNeed.map(\.needID.rawValue) == ["N1"])
        #expect(report.perNeed[0].random.ndcg == report.randomOrder.ndcg)
    }

    @Test("the paired difference is the second configuration's metric minus the first's, need by need")
    func difference() throws {
        let set = oneNeed()
        var withoutCountry = ScoringConfig().weights
        withoutCountry[.country] = 0
        let first = EvaluationReport(set: set, weights: ScoringConfig().weights, k: 10)
        let second = EvaluationReport(set: set, weights: withoutCountry, k: 10)
        // S4 last of four: 3 / log2(5) against an ideal of 3.
        #expect(abs(second.ndcg.mean - 1 / log2(5)) < 1e-12)
        let ndcg = try #require(first.difference(to: second).first)
        #expect(ndcg.metric == "ndcg@10")
        #expect(abs(ndcg.summary.mean - (1 / log2(5) - 1)) < 1e-12)
        #expect(ndcg.summary.low == ndcg.summary.mean && ndcg.summary.high == ndcg.summary.mean)
        let same = first.difference(to: first)
        #expect(same.allSatisfy { $0.summary.mean == 0 && $0.summary.low == 0 && $0.summary.high == 0 })
    }

    @Test("segments group the evaluated needs, each with its own mean and random baseline")
    func segments() throws {
        let scorer = Scorer(reference: reference)
        let outcomes = [
            outcome("N1", "S1", .completed), outcome("N1", "S2", .declined),
            outcome("N2", "S1", .declined), outcome("N2", "S2", .completed),
            outcome("N3", "S1", .accepted), outcome("N3", "S2", .declined),
        ]
        let set = LabelledSet(
            needs: [need("N1"), need("N2"), need("N3")], outcomes: outcomes,
            staff: [nurse("S1"), nurse("S2")], scorer: scorer)
        let report = EvaluationReport(set: set, weights: ScoringConfig().weights, k: 10)
        // Tied scores: S1 first everywhere. N1 and N3 are ranked right, N2 wrong.
        let groups = report.segments { set.needs[$0].id.rawValue == "N2" ? "b" : "a" }
        #expect(groups.map(\.name) == ["a", "b"])
        #expect(groups.map(\.needs) == [2, 1])
        #expect(groups[0].ndcg.mean == 1)
        #expect(abs(groups[1].ndcg.mean - (3 / log2(3)) / 3) < 1e-12)
        #expect(groups[0].randomNDCG < 1)
    }
}
