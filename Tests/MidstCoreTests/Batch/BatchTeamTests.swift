import Testing

@testable import MidstCore

/// The nightly proposal with team languages (docs/SCORING.md, "Teams").
@Suite("Batch with teams")
struct BatchTeamTests {
    let reference: ReferenceData
    let staff: [Staff]
    let needs: [Need]
    let table: StaffTable

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        let generated = try ReferenceFixtures.generated(staff: 1500, needs: 40, seed: 8)
        staff = generated.staff
        // Each test makes the one team it is about: the generator's teams are dissolved.
        needs = generated.needs.map {
            var need = $0
            need.team = nil
            need.teamLanguages = []
            return need
        }
        table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
    }

    /// The person in `row` of the table.
    private func person(_ row: Int32) -> Staff {
        staff.first { $0.id == table.id(at: Int(row)) }!
    }

    /// Two needs with shortlists, made a team that wants `language`.
    private func teamed(_ pair: (Int, Int), wanting language: Need.LanguageRequirement) -> [Need] {
        var teamed = needs
        for index in [pair.0, pair.1] {
            teamed[index].team = RecordID(rawValue: "TEAM-1")
            teamed[index].teamLanguages = [language]
        }
        return teamed
    }

    @Test("a team language the optimum leaves uncovered is covered by a repair, whose loss the proposal reports")
    func repairCoversAtALoss() async throws {
        let batch = Batch(scorer: Scorer(reference: reference), top: 5)
        let before = await batch.run(needs: needs, table: table, decisions: [])
        // Two needs and a language that one of their shortlisted people speaks but none of
        // their proposed people does.
        var found: ((Int, Int), Need.LanguageRequirement)?
        let listed = before.shortlists.indices.filter { before.shortlists[$0].count >= 2 }
        search: for (first, second) in zip(listed, listed.dropFirst()) {
            let proposed = before.proposal.pairs.filter { $0.need == first || $0.need == second }
                .map { person($0.row) }
            let spokenByProposed = Set(proposed.flatMap { $0.languages.map(\.language) })
            for entry in before.shortlists[first] + before.shortlists[second] {
                for skill in person(entry.row).languages
                where !spokenByProposed.contains(skill.language)
                    && reference.equivalents(of: skill.language).isEmpty
                {
                    found = ((first, second), .init(language: skill.language, minimumLevel: skill.level))
                    break search
                }
            }
        }
        let (pair, language) = try #require(found)
        let after = await batch.run(needs: teamed(pair, wanting: language), table: table, decisions: [])
        let team = try #require(after.proposal.teamLanguages.first)
        #expect(after.proposal.teamLanguages.count == 1)
        #expect(team.status == .repaired)
        let need = try #require(team.need)
        let row = try #require(team.row)
        #expect([pair.0, pair.1].contains(need))
        #expect(after.proposal.pairs.contains { $0.need == need && $0.row == row })
        #expect(language.isMet(by: person(row).languages, reference: reference))
        #expect(team.loss >= 0)
        #expect(abs(after.proposal.objective - (after.proposal.optimalTotal - team.loss)) < 1e-6)
        #expect(abs(after.proposal.optimalTotal - before.proposal.optimalTotal) < 1e-6)
    }

    @Test("a team language no shortlisted person speaks is reported as uncovered, the optimum kept")
    func uncovered() async throws {
        let batch = Batch(scorer: Scorer(reference: reference), top: 5)
        let spoken = Set(staff.flatMap { $0.languages.map(\.language) })
        let unspoken = try #require(
            ["kik", "luo", "tn", "ss", "ve", "nr", "st", "xh", "zu", "ny"].map(LanguageCode.init(rawValue:))
                .first { !spoken.contains($0) && reference.number(of: $0) != nil })
        let listed = needs.indices.prefix(2)
        let result = await batch.run(
            needs: teamed((listed.first!, listed.last!), wanting: .init(language: unspoken, minimumLevel: .b1)),
            table: table, decisions: [])
        #expect(result.proposal.teamLanguages.map(\.status) == [.uncovered])
        #expect(result.proposal.objective == result.proposal.optimalTotal)
    }

    @Test("the nearest fix is the best-scoring speaker of the team's professions kept off by one thing only")
    func nearestFix() throws {
        let scorer = Scorer(reference: reference)
        let plans = needs.prefix(2).map { NeedPlan(need: $0, scorer: scorer) }
        // A language some people speak, asked at the lowest level so that speakers abound.
        let spoken = staff.flatMap { $0.languages.map(\.language) }.filter { $0.rawValue != "en" }
        let language = Need.LanguageRequirement(
            language: try #require(spoken.first), minimumLevel: .a1)
        let fix = try #require(
            TeamGap.nearestFix(
                for: language, plans: plans, table: table, reference: reference, lowestProposed: [:]))
        let row = try #require(table.rows(of: [fix.staffID])[fix.staffID])
        #expect(language.isMet(by: person(row).languages, reference: reference))
        let plan = try #require(plans.first { $0.need.id == fix.needID })
        #expect(abs(plan.score(Int(row), in: table) - fix.score) < 1e-9)
        #expect(fix.cost == 0)
        if fix.constraint == "shortlist" { #expect(plan.failures(Int(row), in: table).isEmpty) }
        // Nobody of those professions who speaks it and passes every constraint scores higher.
        for plan in plans {
            for other in table.rows(ofProfessions: plan.professionCodes)
            where language.isMet(by: person(other).languages, reference: reference)
                && plan.failures(Int(other), in: table).isEmpty
                && table.freeCapacity[Int(other)] > 0
            {
                #expect(plan.score(Int(other), in: table) <= fix.score + 1e-9)
            }
        }
        #expect(fix.sentence.hasPrefix("\(fix.staffID) for \(fix.needID) (score "))
    }
}
