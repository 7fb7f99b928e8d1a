import Testing

@testable import MidstCore

@Suite("Plans made once for many needs")
struct NeedPlansTests {
    /// Generated needs, several sharing their specialties, countries or partners, and staff.
    static let generated = Result {
        try ReferenceFixtures.generated(staff: 400, needs: 300, seed: 5)
    }

    @Test(
        "a shared plan scores and explains every person as a plan made alone does",
        arguments: [false, true])
    func sharedPlansAgree(alternative: Bool) throws {
        let (staff, needs) = try Self.generated.get()
        let reference = try ReferenceFixtures.bundledReference()
        var config = ScoringConfig()
        if alternative {
            config.country.sameSubregionFactor = 0.5
            config.specialty.sibling = 0.3
            config.professionEquivalences = [["nurse", "midwife"]]
        }
        let scorer = Scorer(reference: reference, config: config)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        try #require(table.count > 0 && needs.count > 1)
        let plans = NeedPlans(needs, scorer: scorer)
        // The point of sharing: some rule is made for fewer values than there are needs.
        #expect(Set(needs.map(\.countries)).count < needs.count)
        for need in needs {
            let shared = plans.plan(for: need)
            let alone = NeedPlan(need: need, scorer: scorer)
            #expect(shared.professionCodes == alone.professionCodes)
            for row in 0..<table.count {
                #expect(shared.isEligible(row, in: table) == alone.isEligible(row, in: table))
                #expect(shared.components(row, in: table) == alone.components(row, in: table))
                for component in ScoreComponent.allCases where row % 7 == 0 {
                    #expect(
                        shared.reason(for: component, row, in: table)
                            == alone.reason(for: component, row, in: table))
                }
            }
        }
    }

    @Test("a need's plan is the one made for it, and a changed need gets a new one")
    func samePlanForTheSameNeed() throws {
        let (_, needs) = try Self.generated.get()
        let first = try #require(needs.first)
        let plans = NeedPlans(
            needs, scorer: Scorer(reference: try ReferenceFixtures.bundledReference()))
        #expect(plans.plan(for: first) === plans.plan(for: first))
        var changed = first
        changed.priority += 1
        let replanned = plans.plan(for: changed)
        #expect(replanned !== plans.plan(for: first))
        #expect(replanned.need == changed)
    }
}
