import Testing

@testable import MidstCore

@Suite("Candidate ranking")
struct CandidateRankingTests {
    let reference: ReferenceData
    let scorer: Scorer
    let need: Need
    let people: [(Staff, StaffContext)]

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        scorer = Scorer(reference: reference)
        var generator = DataGenerator(reference: reference, seed: 11)
        let validator = StaffValidator(reference: reference, now: Timestamp(secondsSince1970: 0))
        var text = DataGenerator.staffHeader
        for index in 1...3000 { text += generator.staffLine(index: index) }
        var reader = try RecordReader<StaffColumn>(bytes: Array(text.utf8), format: .csv, file: "generated.csv")
        var people: [(Staff, StaffContext)] = []
        while let raw = try reader.next() {
            people.append((try raw.row.mapError { ImportFailure(issues: [$0]) }.flatMap { validator.validate($0, file: "g") }.get(), StaffContext()))
        }
        self.people = people
        need = Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H", country: CountryCode(rawValue: "UG"),
            profession: SpecialtyCode(rawValue: "nurse"), specialty: SpecialtyCode(rawValue: "nursing_children"),
            requiredLanguages: [LanguageRequirement(language: LanguageCode(rawValue: "en"), minimumLevel: .b2)],
            preferredLanguages: [LanguageRequirement(language: LanguageCode(rawValue: "sw"), minimumLevel: .b1)],
            mode: .either, updatedAt: Timestamp(secondsSince1970: 0))
    }

    /// The pool a database would return: everyone (the scorer applies the constraints), or only
    /// holders of the given specialties.
    func pool(_ specialties: [SpecialtyCode]?) -> [(Staff, StaffContext)] {
        guard let specialties else { return people }
        return people.filter { !Set($0.0.specialties).isDisjoint(with: specialties) }
    }

    @Test("the blocked top-K equals ranking everyone, for several K", arguments: [1, 5, 20, 200])
    func blockingIsExact(top: Int) {
        let blocked = scorer.topCandidates(for: need, top: top, pool: pool)
        let everyone = scorer.rank(people, for: need, top: top)
        #expect(blocked.map(\.staff.id) == everyone.map(\.staff.id))
        #expect(blocked.map(\.score) == everyone.map(\.score))
        #expect(blocked.count == min(top, people.filter { scorer.score($0.0, for: need) != nil }.count))
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
            #expect(first.score > second.score || (first.score == second.score && first.staff.id < second.staff.id))
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

    @Test("credited specialties are the need's, its parent, children and siblings")
    func creditedSpecialties() throws {
        var neonatal = need
        neonatal.profession = SpecialtyCode(rawValue: "doctor")
        neonatal.specialty = SpecialtyCode(rawValue: "neonatal_medicine")
        let codes = try #require(scorer.creditedSpecialties(for: neonatal)).map(\.rawValue)
        #expect(codes.first == "neonatal_medicine")
        #expect(codes.contains("paediatrics"))
        #expect(codes.contains("paediatric_cardiology"))
        #expect(!codes.contains("general_medicine"))
        var general = need
        general.specialty = nil
        #expect(scorer.creditedSpecialties(for: general) == nil)
        #expect(abs(scorer.maximumScoreWithoutSpecialty - 70) < 1e-12)
    }
}
