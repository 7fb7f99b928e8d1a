import Testing

@testable import MidstCore

@Suite("Candidate ranking")
struct CandidateRankingTests {
    let reference: ReferenceData
    let scorer: Scorer
    let need: Need
    let people: [(Staff, Staff.Context)]

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        scorer = Scorer(reference: reference)
        let people = try ReferenceFixtures.generated(staff: 3000, seed: 11).staff.map {
            ($0, Staff.Context())
        }
        self.people = people
        need = Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"),
            professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: [SpecialtyCode(rawValue: "nursing_children")],
            requiredLanguages: [
                Need.LanguageRequirement(language: LanguageCode(rawValue: "en"), minimumLevel: .b2)
            ],
            preferredLanguages: [
                Need.LanguageRequirement(language: LanguageCode(rawValue: "sw"), minimumLevel: .b1)
            ],
            mode: .either, updatedAt: Timestamp(secondsSince1970: 0))
    }

    @Test("ranked candidates are eligible, consenting, best first, ties by id, scores within 0–100")
    func rankingOrder() {
        let ranked = scorer.rank(people, for: need, top: 500)
        #expect(!ranked.isEmpty)
        for candidate in ranked {
            #expect(candidate.staff.hasConsented)
            #expect(scorer.exclusions(of: candidate.staff, for: need).isEmpty)
            #expect((0...100).contains(candidate.score))
        }
        for (first, second) in zip(ranked, ranked.dropFirst()) {
            #expect(
                first.score > second.score
                    || (first.score == second.score && first.staff.id < second.staff.id))
        }
        #expect(ranked.map(\.rank) == Array(1...ranked.count))
    }

    @Test("score() gives exactly the number explain() adds up, and nil for the excluded")
    func scoreMatchesExplanation() {
        for (staff, context) in people.prefix(500) {
            let explanation = scorer.explain(staff, for: need, context: context)
            let score = scorer.score(staff, for: need, context: context)
            if explanation.isEligible {
                #expect(score == explanation.score)
            } else {
                #expect(score == nil)
            }
        }
    }

    @Test("scoring is deterministic: the same inputs give the same ranking")
    func determinism() {
        let first = scorer.rank(people, for: need, top: 50)
        let second = scorer.rank(people.reversed(), for: need, top: 50)
        #expect(first.map(\.staff.id) == second.map(\.staff.id))
    }

    @Test(
        "for every generated person, adding a language of the need or its country never lowers the score"
    )
    func addingLanguagesNeverLowers() {
        var random = SeededRandom(seed: 21)
        let languages = ["sw", "lg", "en", "yo", "ha", "am", "so", "ny"].map(
            LanguageCode.init(rawValue:))
        for (staff, context) in people.prefix(600) {
            guard let before = scorer.score(staff, for: need, context: context) else { continue }
            let language = languages[Int(random.next() % UInt64(languages.count))]
            guard !staff.languages.contains(where: { $0.language == language }) else { continue }
            let level = LanguageLevel.allCases[Int(random.next() % 7)]
            var more = staff
            more.languages.append(Staff.LanguageSkill(language: language, level: level))
            let after = scorer.score(more, for: need, context: context)
            #expect(after != nil && after! >= before, "\(staff.id) + \(language):\(level)")
        }
    }

    @Test("people who fail a hard constraint are never ranked, whatever their score would be")
    func excludedNeverRanked() {
        let ranked = Set(scorer.rank(people, for: need, top: people.count).map(\.staff.id))
        for (staff, context) in people
        where !scorer.exclusions(of: staff, for: need, context: context).isEmpty {
            #expect(!ranked.contains(staff.id))
        }
    }
}

@Suite("Equal scores")
struct EqualScoreTests {
    @Test("scores are multiples of 1e-9, so near-equal scores are equal and fall to the id rule")
    func tiesFallToTheIdRule() async throws {
        let reference = try ReferenceFixtures.bundledReference()
        let (staff, needs) = try ReferenceFixtures.generated(staff: 4000, needs: 40, seed: 13)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        let result = await Batch(scorer: Scorer(reference: reference), top: 50).run(
            needs: needs, table: table, decisions: [])
        var equalNeighbours = 0
        for list in result.shortlists {
            for (upper, lower) in zip(list, list.dropFirst()) {
                #expect(upper.score == NeedPlan.settled(upper.score))
                // Either clearly apart, or exactly equal and in id order.
                if upper.score == lower.score {
                    equalNeighbours += 1
                    #expect(table.id(at: Int(upper.row)) < table.id(at: Int(lower.row)))
                } else {
                    #expect(upper.score - lower.score > 0.5e-9)
                }
            }
        }
        #expect(equalNeighbours > 0)
    }

    @Test("rounding to 1e-9 makes sums of different terms equal")
    func settled() {
        #expect(0.1 + 0.2 != 0.3)
        #expect(NeedPlan.settled(0.1 + 0.2) == NeedPlan.settled(0.3))
        #expect(NeedPlan.settled(42.0000000004) == 42)
        #expect(NeedPlan.settled(42.0000000006) == 42.000000001)
    }
}
