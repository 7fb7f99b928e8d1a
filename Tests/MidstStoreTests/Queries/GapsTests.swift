import Foundation
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

@Suite("Gaps: needs left short, and supply against demand")
struct GapsTests {
    @Test("supply per country × specialty × language equals a count over the full staff records")
    func supplyMatchesBruteForce() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let reference = BundledReference.data
        let table = try database.staffTable(reference: reference)
        let needs = try database.openNeeds()
        let supply = SupplyAndDemand(needs: needs, table: table, reference: reference)
        let people = try database.staff(ids: table.ids)
        let rows = table.rows(of: people.map(\.id))
        // Demand: every open need falls in exactly one group.
        #expect(supply.groups.map(\.needs).reduce(0, +) == needs.count)
        #expect(supply.groups.map(\.slots).reduce(0, +) == needs.map(\.slots).reduce(0, +))
        var someSupply = false
        for group in supply.groups {
            let accepted = group.language.map { [$0] + reference.equivalents(of: $0) } ?? []
            let expected = people.filter { person in
                guard let row = rows[person.id], table.freeCapacity[Int(row)] > 0 else { return false }
                let holds = person.profession == group.specialty || person.specialties.contains(group.specialty)
                let tied = person.countryTies.contains { $0.country == group.country }
                let speaks =
                    group.language == nil
                    || person.languages.contains {
                        accepted.contains($0.language) && $0.level >= group.minimumLevel!
                    }
                return holds && tied && speaks
            }.count
            #expect(group.people == expected, "\(group.country) \(group.specialty) \(String(describing: group.language))")
            #expect(group.shortfall == max(0, group.slots - group.people))
            someSupply = someSupply || expected > 0
        }
        #expect(someSupply, "the sample has some group with suitable people")
        let shortfalls = supply.groups.map(\.shortfall)
        #expect(shortfalls == shortfalls.sorted(by: >), "largest shortfall first")
    }

    @Test("gaps list exactly the open needs with fewer proposed than slots, most urgent first")
    func needsLeftShort() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let reference = BundledReference.data
        let table = try database.staffTable(reference: reference)
        let needs = try database.openNeeds()
        let scorer = Scorer(reference: reference)
        let result = await Batch(scorer: scorer, top: 20).run(needs: needs, table: table, decisions: [])
        var proposed: [String: Int] = [:]
        for pair in result.proposal.pairs { proposed[needs[pair.need].id.rawValue, default: 0] += 1 }
        let gaps = Gaps(
            needs: needs, proposed: proposed, shortlisted: [:], table: table, scorer: scorer)
        let expected = Set(needs.filter { (proposed[$0.id.rawValue] ?? 0) < $0.slots }.map(\.id))
        #expect(!expected.isEmpty, "the sample leaves some need short")
        #expect(Set(gaps.needs.map(\.need.id)) == expected)
        #expect(gaps.needs.count == expected.count)
        let priorities = gaps.needs.map(\.need.priority)
        #expect(priorities == priorities.sorted(by: >))
        for gap in gaps.needs {
            #expect(gap.state == (gap.proposed == 0 ? .open : .proposed))
            #expect(gap.openSlots == gap.need.slots)
            // A need left short with eligible people must have run out of them: fewer eligible
            // than slots, or the eligible are committed elsewhere.
            #expect(try #require(gap.misses).eligible >= gap.proposed)
        }
    }

    @Test("a miss reads as a sentence for one person and for many")
    func sentences() {
        let one = NearestMisses.Miss(constraint: "language", people: 1, detail: "lg at B2 or better")
        let many = NearestMisses.Miss(constraint: "specialty", people: 14, detail: "specialty related to paediatrics")
        #expect(one.sentence == "1 person passes everything else but does not speak lg at B2 or better")
        #expect(many.sentence == "14 people pass everything else but hold no specialty related to paediatrics")
    }

    @Test("a need requiring 60 languages is counted, each language checked (the 58th on share a bit)")
    func manyRequiredLanguages() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let reference = BundledReference.data
        let table = try database.staffTable(reference: reference)
        var need = try #require(try database.openNeeds().first)
        need.requiredLanguages = reference.languages.prefix(60).map {
            Need.LanguageRequirement(language: $0.code, minimumLevel: .a1)
        }
        let plan = NeedPlan(need: need, scorer: Scorer(reference: reference))
        for row in table.rows(ofProfessions: plan.professionCodes).prefix(50) {
            let missing = plan.exclusions(Int(row), in: table).filter { $0.name == "language" }.count
            let spoken = need.requiredLanguages.filter { requirement in
                let codes = ([requirement.language] + reference.equivalents(of: requirement.language))
                    .compactMap { reference.number(of: $0).map(UInt16.init) }
                return table.rank(ofAny: codes, Int(row)) >= 1
            }.count
            #expect(missing == 60 - spoken)
        }
        let misses = NearestMisses(plan: plan, table: table)
        #expect(misses.eligible == 0)
        #expect(!misses.why.isEmpty)
    }
}
