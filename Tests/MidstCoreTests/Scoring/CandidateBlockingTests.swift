import Testing

@testable import MidstCore

/// The batch's blocked search must find exactly what a scan of the whole profession block finds.
@Suite("Candidate blocking")
struct CandidateBlockingTests {
    /// 12,000 generated people and 80 needs, built once for all the tests of the suite.
    struct Fixture: Sendable {
        let reference: ReferenceData
        let table: StaffTable
        let needs: [Need]
    }

    static let fixture: Result<Fixture, any Error> = Result {
        let reference = try ReferenceFixtures.bundledReference()
        let (staff, needs) = try ReferenceFixtures.generated(staff: 12_000, needs: 80, seed: 21)
        let contexts = staff.indices.map { index in
            Staff.Context(
                commitments: index % 9 == 0 ? 1 : 0,
                completedCountries: index % 11 == 0 ? [CountryCode(rawValue: "MW")] : [])
        }
        // Some needs without a specialty: everyone of the profession earns full specialty points.
        // Others with the v2 fields: a partner trust (by name or ODS code), a second country, a
        // skill, a minimum score, the specialty constraint off; and the v3 ones: skills wanted as
        // well as the specialty (`skills_required all`), one or two; a second country whose site
        // names its own language, with or without one named for the main country.
        let varied = needs.enumerated().map { position, need in
            var need = need
            if position % 8 == 0 { need.specialties = [] }
            if position % 5 == 1 { need.partners = ["Leeds Teaching Hospitals"] }
            if position % 5 == 2 { need.partners = ["RGT", "Manchester University NHS FT"] }
            if position % 7 == 3 { need.countries.append(CountryCode(rawValue: "NG")) }
            if position % 6 == 4 { need.specialties.append(SpecialtyCode(rawValue: "education")) }
            if position % 9 == 5 { need.minimumScore = 55 }
            if position % 4 == 3 { need.requiresSpecialty = false }
            if position % 12 == 4 { need.skillsRequired = .all }
            if position % 10 == 7 {
                need.specialties += ["education", "leadership_management"].map(SpecialtyCode.init)
                need.skillsRequired = .all
            }
            if position % 9 == 2 || position % 9 == 6 {
                let kenya = CountryCode(rawValue: "KE")
                if !need.countries.contains(kenya) { need.countries.append(kenya) }
                let luo = LanguageCode(rawValue: "luo")
                need.requiredLanguages.removeAll { $0.language == luo }
                need.preferredLanguages.removeAll { $0.language == luo }
                need.preferredLanguages.append(
                    Need.LanguageRequirement(language: luo, minimumLevel: .b1, country: kenya))
                if position % 9 == 6 { need.preferredLanguages.removeAll { $0.country == nil } }
            }
            return need
        }
        return Fixture(
            reference: reference,
            table: StaffTable(staff: staff, contexts: contexts, reference: reference),
            needs: varied)
    }

    let reference: ReferenceData
    let table: StaffTable
    let needs: [Need]

    init() throws {
        let fixture = try Self.fixture.get()
        reference = fixture.reference
        table = fixture.table
        needs = fixture.needs
    }

    /// What scanning the need's whole profession block finds.
    func scanned(_ plan: NeedPlan, top: Int, excluding excluded: Set<Int32> = [])
        -> [(row: Int32, score: Double)]
    {
        plan.topCandidates(
            among: table.rows(ofProfessions: plan.professionCodes), in: table, top: top,
            excluding: excluded)
    }

    static let configurations: [ScoringConfig] = {
        var lowSpecialty = ScoringConfig()
        lowSpecialty.weights[.specialty] = 2
        lowSpecialty.weights[.country] = 60
        var equivalent = ScoringConfig()
        equivalent.professionEquivalences = [
            ["nurse", "midwife", "nurse"], ["doctor", "pharmacist"],
        ]
        equivalent.country.sameRegionFactor = 0.6
        var hard = ScoringConfig()
        hard.isSeniorityHard = true
        hard.specialty.sibling = 0
        hard.specialty.secondaryFactor = 0
        return [ScoringConfig(), lowSpecialty, equivalent, hard]
    }()

    @Test(
        "the blocked search equals a full scan, for every need, configuration and list length",
        arguments: configurations.indices, [1, 20, 400])
    func equalsFullScan(configuration: Int, top: Int) {
        let scorer = Scorer(reference: reference, config: Self.configurations[configuration])
        let index = CandidateIndex(table: table)
        var listed = 0
        for need in needs {
            let plan = NeedPlan(need: need, scorer: scorer)
            let blocked = plan.topCandidates(in: table, index: index, top: top)
            let expected = scanned(plan, top: top)
            #expect(blocked.candidates.map(\.row) == expected.map(\.row), "\(need.id)")
            #expect(blocked.candidates.map(\.score) == expected.map(\.score), "\(need.id)")
            listed += expected.count
        }
        #expect(listed >= needs.count * min(top, 20) / 2)
    }

    @Test("the blocked search equals a full scan under 300 random configurations")
    func randomConfigurations() {
        let index = CandidateIndex(table: table)
        var random = SeededRandom(seed: 77)
        func unit() -> Double { Double(random.index(below: 101)) / 100 }
        for trial in 0..<300 {
            var config = ScoringConfig()
            config.weights[.specialty] = Double(random.index(below: 60))
            config.weights[.country] = Double(random.index(below: 60))
            config.weights[.language] = Double(random.index(below: 40))
            config.weights[.seniority] = Double(random.index(below: 20))
            config.weights[.availability] = Double(random.index(below: 20))
            config.weights[.experience] = Double(1 + random.index(below: 10))
            config.country.sameSubregionFactor = unit()
            config.country.sameRegionFactor = unit()
            config.country.worked = unit()
            config.specialty.parentOrChild = unit()
            config.specialty.sibling = unit()
            config.specialty.secondaryFactor = unit()
            // The language parts' weights move the bound of those who speak no local language.
            config.language.requiredWeight = unit()
            config.language.preferredWeight = unit()
            config.language.localWeight = unit()
            let scorer = Scorer(reference: reference, config: config)
            let need = needs[random.index(below: needs.count)]
            let top = 1 + random.index(below: 6)
            let plan = NeedPlan(need: need, scorer: scorer)
            let blocked = plan.topCandidates(in: table, index: index, top: top)
            let expected = scanned(plan, top: top)
            #expect(blocked.candidates.map(\.row) == expected.map(\.row), "trial \(trial)")
            #expect(blocked.candidates.map(\.score) == expected.map(\.score), "trial \(trial)")
        }
    }

    @Test("excluded people stay out of a blocked search, and the rest is unchanged")
    func exclusions() {
        let scorer = Scorer(reference: reference)
        let index = CandidateIndex(table: table)
        for need in needs.prefix(30) {
            let plan = NeedPlan(need: need, scorer: scorer)
            let first = scanned(plan, top: 10)
            let excluded = Set(first.prefix(3).map(\.row))
            let blocked = plan.topCandidates(in: table, index: index, top: 10, excluding: excluded)
            #expect(blocked.candidates.allSatisfy { !excluded.contains($0.row) })
            #expect(
                blocked.candidates.map(\.row)
                    == scanned(plan, top: 10, excluding: excluded).map(\.row))
        }
    }

    @Test("with the default weights, blocking examines far fewer people than the blocks hold")
    func savesWork() {
        let scorer = Scorer(reference: reference)
        let index = CandidateIndex(table: table)
        var examined = 0
        var blockSizes = 0
        for need in needs where !need.specialties.isEmpty {
            let plan = NeedPlan(need: need, scorer: scorer)
            examined += plan.topCandidates(in: table, index: index, top: 5).examined
            blockSizes += table.rows(ofProfessions: plan.professionCodes).count
        }
        #expect(examined * 3 < blockSizes, "examined \(examined) of \(blockSizes)")
    }

    @Test(
        "the blocked search equals a full scan when a partner employs a third of the block",
        arguments: [1, 3, 20])
    func largePartner(top: Int) throws {
        let (staff, needs) = try ReferenceFixtures.generated(staff: 6_000, needs: 60, seed: 5)
        // A third of everyone works for the partner: its group is large, and the bounds by
        // specialty within it decide who is read.
        let partnered = staff.enumerated().map { position, person in
            var person = person
            if position % 3 == 0 { person.employer = "Leeds Teaching Hospitals" }
            return person
        }
        let table = StaffTable(
            staff: partnered, contexts: partnered.map { _ in Staff.Context() },
            reference: reference)
        let index = CandidateIndex(table: table)
        var random = SeededRandom(seed: 8)
        for (position, need) in needs.enumerated() {
            var need = need
            need.partners = ["Leeds Teaching Hospitals"]
            if position % 2 == 0 { need.requiresSpecialty = false }
            var config = ScoringConfig()
            config.weights[.partnership] = Double(5 + random.index(below: 30))
            config.specialty.secondaryFactor = Double(random.index(below: 101)) / 100
            let plan = NeedPlan(need: need, scorer: Scorer(reference: reference, config: config))
            let blocked = plan.topCandidates(in: table, index: index, top: top)
            let expected = plan.topCandidates(
                among: table.rows(ofProfessions: plan.professionCodes), in: table, top: top)
            #expect(blocked.candidates.map(\.row) == expected.map(\.row), "\(need.id)")
            #expect(blocked.candidates.map(\.score) == expected.map(\.score), "\(need.id)")
        }
    }

    @Test("the batch's shortlists are the same with and without blocking")
    func batchAgrees() async {
        let scorer = Scorer(reference: reference)
        let plans = needs.map { NeedPlan(need: $0, scorer: scorer) }
        let blocked = await Shortlisting.shortlists(for: plans, in: table, top: 20)
        let full = await Shortlisting.shortlists(for: plans, in: table, top: 20, blocking: false)
        #expect(blocked.lists == full.lists)
        #expect(blocked.pairsExamined < full.pairsExamined)
    }

    @Test("the batch scores needs grouped by profession, and gives each need its own list")
    func batchOrder() async {
        let scorer = Scorer(reference: reference)
        let plans = needs.map { NeedPlan(need: $0, scorer: scorer) }
        let order = Shortlisting.scoringOrder(plans)
        #expect(order.sorted() == Array(plans.indices))
        // Each profession's needs come one after another.
        let professions = order.map { plans[$0].professionCodes.first ?? 0 }
        var seen: Set<UInt16> = []
        for (position, profession) in professions.enumerated()
        where position == 0 || professions[position - 1] != profession {
            #expect(seen.insert(profession).inserted, "profession \(profession) split")
        }
        #expect(order != Array(plans.indices), "the fixture's needs are not in that order already")
        let batch = await Shortlisting.shortlists(for: plans, in: table, top: 20)
        let index = CandidateIndex(table: table)
        for (position, plan) in plans.enumerated() {
            let alone = Shortlisting.shortlist(for: plan, in: table, index: index, top: 20)
            #expect(batch.lists[position] == alone.list, "\(plan.need.id)")
        }
    }
}
