import MidstCore
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

@Suite("Why a person left a shortlist")
struct DepartureTests {
    @Test("each reason, from the first that holds")
    func reasons() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let table = try database.staffTable(reference: BundledReference.data)
        let scorer = Scorer(reference: BundledReference.data)
        let need = try #require(try database.openNeeds().first)
        let plan = NeedPlan(need: need, scorer: scorer)
        let block = table.rows(ofProfessions: plan.professionCodes)
        let eligible = try #require(block.first { plan.isEligible(Int($0), in: table) })
        let failing = try #require(block.first { table.freeCapacity[Int($0)] > 0 && !plan.failures(Int($0), in: table).isEmpty })
        func departure(_ row: Int32?, excluded: Bool = false, plan: NeedPlan? = plan, lastPlace: Double? = nil) -> Departure {
            Departure.of(row: row, unmatchable: "withdrew consent", isExcluded: excluded, plan: plan, table: table, lastPlace: lastPlace)
        }
        #expect(departure(nil) == .notMatchable("withdrew consent"))
        #expect(departure(eligible, excluded: true) == .excluded)
        #expect(departure(eligible, plan: nil) == .needClosed)
        #expect(departure(failing) == .constraints(plan.exclusions(Int(failing), in: table).map(\.name)))
        let score = plan.score(Int(eligible), in: table)
        #expect(departure(eligible, lastPlace: score + 1) == .outranked(score: score, lastPlace: score + 1))
        #expect(departure(eligible, lastPlace: score - 1) == .unexplained)
        #expect(departure(eligible) == .unexplained)
        let committed = try #require(
            (0..<table.count).first { table.freeCapacity[$0] == 0 }, "the sample's accepted outcomes commit someone fully")
        #expect(departure(Int32(committed)) == .atCapacity)
        #expect(Departure.outranked(score: 37.091, lastPlace: 44.2).text == "outranked: scores 37.09, the last place 44.20")
    }
}
