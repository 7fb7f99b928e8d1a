import Foundation
import Testing

@testable import MidstCore

/// The metrics of `midst evaluate`, checked against values computed by hand, and the rule that a
/// need's own outcomes never change its own ranking (docs/TUNING.md).
@Suite("Evaluating rankings against outcomes")
struct EvaluationTests {
    @Test("graded NDCG, MRR, precision, recall and AP of a small ranking, by hand")
    func handComputed() throws {
        // Ranked: completed, declined, accepted. DCG = 3/log2(2) + 0 + 2/log2(4) = 4;
        // ideal = 3/log2(2) + 2/log2(3).
        let metrics = try #require(RankingMetrics(ranked: [3, 0, 2], judged: [3, 2, 0], k: 10))
        #expect(abs(metrics.ndcg - 4 / (3 + 2 / log2(3))) < 1e-12)
        #expect(metrics.reciprocalRank == 1)
        #expect(metrics.precision == 0.2)
        #expect(metrics.recall == 1)
        #expect(abs(metrics.averagePrecision - (1 + 2.0 / 3) / 2) < 1e-12)
    }

    @Test("k beyond the list, and a relevant person the ranking leaves out")
    func shortListAndUnranked() throws {
        // The completed person (3) was not eligible: judged, never ranked.
        let metrics = try #require(RankingMetrics(ranked: [0, 2], judged: [2, 0, 3], k: 5))
        #expect(abs(metrics.ndcg - (2 / log2(3)) / (3 + 2 / log2(3))) < 1e-12)
        #expect(metrics.reciprocalRank == 0.5)
        #expect(metrics.precision == 0.2)
        #expect(metrics.recall == 0.5)
        #expect(metrics.averagePrecision == 0.25)
    }

    @Test("a need nobody relevant was asked for has no metrics, and is left out of the means")
    func noRelevant() {
        #expect(RankingMetrics(ranked: [0, 0], judged: [0, 0], k: 10) == nil)
        #expect(RankingMetrics(ranked: [], judged: [], k: 10) == nil)
    }

    // MARK: The outcome log

    let reference: ReferenceData
    init() throws { reference = try ReferenceFixtures.bundledReference() }

    func need(_ id: String, status: Need.Status = .open) -> Need {
        Need(
            id: RecordID(rawValue: id), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"), professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: [SpecialtyCode(rawValue: "nursing_adult")], mode: .either, status: status,
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    func nurse(_ id: String, ties: [CountryTie] = []) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "nurse"),
            specialties: [SpecialtyCode(rawValue: "nursing_adult")],
            seniority: Seniority(rawValue: 3)!, countryTies: ties,
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            maxAssignments: 1, hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func outcome(_ need: String, _ staff: String, _ kind: Outcome.Kind, on date: String = "2026-03-10")
        -> Outcome
    {
        Outcome(
            needID: RecordID(rawValue: need), staffID: RecordID(rawValue: staff), kind: kind,
            date: CalendarDate(iso: date)!)
    }

    @Test("a need's own acceptance and completion change neither eligibility nor features")
    func noLeakage() throws {
        let scorer = Scorer(reference: reference)
        let needs = [need("N1"), need("N2"), need("N3")]
        // S1 accepted N1 and has room for one commitment: as of before the offer they were free.
        // S2 completed N2 in Uganda before N1 was offered: N2's ranking must not see that
        // placement, N1's must. S3 accepted N3 only after N1 was offered: N1 must not see it.
        let outcomes = [
            outcome("N1", "S1", .accepted), outcome("N1", "S3", .declined),
            outcome("N2", "S2", .accepted, on: "2026-01-10"),
            outcome("N2", "S2", .completed, on: "2026-02-10"),
            outcome("N1", "S2", .declined), outcome("N3", "S3", .accepted, on: "2026-04-01"),
        ]
        let set = LabelledSet(
            needs: needs, outcomes: outcomes, staff: [nurse("S1"), nurse("S2"), nurse("S3")],
            scorer: scorer)
        let first = try #require(set.needs.first { $0.id.rawValue == "N1" })
        let ranked = set.pairs[first.pairs].map(\.staffID.rawValue)
        #expect(Set(ranked) == ["S1", "S2", "S3"])
        // Live, S1 holds the N1 commitment and is at capacity.
        let live = scorer.explain(
            nurse("S1"), for: needs[0], context: Staff.Context(commitments: 1))
        #expect(live.exclusions.map(\.name) == ["capacity"])
        func experience(_ need: String) -> Double? {
            let entry = set.needs.first { $0.id.rawValue == need }!
            return set.pairs[entry.pairs].first { $0.staffID.rawValue == "S2" }?
                .values[.experience]
        }
        #expect(experience("N2") == 0)
        #expect(experience("N1") == ScoringConfig().experienceSameCountry)
        // Grades: accepted 2 (S1), completed 3 (S2 for N2), declined 0.
        #expect(first.judged == [2, 0, 0])
        #expect(set.needs.first { $0.id.rawValue == "N2" }?.judged == [3])
    }

    @Test(
        "as of an offer, a commitment stands until an outcome dated before the offer ends it",
        arguments: [
            // (what happened to S1's acceptance of N2 after 2026-01-10, S1 eligible for N1?)
            (Outcome.Kind.completed, "2026-05-01", false),  // completed after N1's offer
            (.withdrawn, "2026-04-01", false),  // withdrawn after it
            (.completed, "2026-02-01", true),  // completed before it
            (.withdrawn, "2026-02-01", true),  // withdrawn before it
            (.declined, "2026-03-09", true),  // any later outcome, before it
            (.completed, "2026-01-10", true),  // completed the day of the acceptance
        ])
    func noLookAhead(ending: Outcome.Kind, on date: String, eligible: Bool) throws {
        // N2 is filled today: its status is not used for the state before N1's offer.
        let needs = [need("N1"), need("N2", status: .filled)]
        let outcomes = [
            outcome("N2", "S1", .accepted, on: "2026-01-10"), outcome("N2", "S1", ending, on: date),
            outcome("N1", "S1", .declined), outcome("N1", "S2", .accepted),
        ]
        let set = LabelledSet(
            needs: needs, outcomes: outcomes, staff: [nurse("S1"), nurse("S2")],
            scorer: Scorer(reference: reference))
        let first = try #require(set.needs.first { $0.id.rawValue == "N1" })
        #expect(set.pairs[first.pairs].contains { $0.staffID.rawValue == "S1" } == eligible)
        #expect(set.pairs[first.pairs].contains { $0.staffID.rawValue == "S2" })
    }

    @Test("equal scores are ranked by staff id, as the engine ranks them")
    func tiesByID() throws {
        let set = LabelledSet(
            needs: [need("N1")],
            outcomes: [outcome("N1", "S2", .accepted), outcome("N1", "S1", .declined)],
            staff: [nurse("S2"), nurse("S1")], scorer: Scorer(reference: reference))
        #expect(set.rankedGrades(ofNeed: 0, weights: ScoringConfig().weights) == [0, 2])
    }
}
