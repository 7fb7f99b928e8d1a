import Foundation
import MidstCore
import Testing

@testable import MidstStore

@Suite("Nearest misses: why a need has few candidates")
struct NearestMissesTests {
    /// `need` without the constraint named: what relaxing it would mean.
    static func relaxing(_ constraint: String, of need: Need) -> Need? {
        var relaxed = need
        switch constraint {
        case "language": relaxed.requiredLanguages = []
        case "specialty": relaxed.requiresSpecialty = false
        case "availability": relaxed.dates = DateWindow(start: nil, end: nil)
        case "mode": relaxed.mode = .either
        case "seniority": relaxed.minimumSeniority = .lowest
        default: return nil
        }
        return relaxed
    }

    @Test("for every sample need, the counts agree with eligibility, and lifting the top constraint opens at least that many")
    func liftingTheTopConstraint() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let table = try database.staffTable(reference: BundledReference.data)
        let scorer = Scorer(reference: BundledReference.data)
        var lifted = 0
        for need in try database.openNeeds() {
            let plan = NeedPlan(need: need, scorer: scorer)
            let misses = NearestMisses(plan: plan, table: table)
            let rows = table.rows(ofProfessions: plan.professionCodes)
            #expect(misses.pool == rows.count)
            #expect(misses.eligible == rows.filter { plan.isEligible(Int($0), in: table) }.count)
            #expect(misses.failingOnly.map(\.people).reduce(0, +) <= misses.pool - misses.eligible)
            guard let top = misses.failingOnly.first, let relaxed = Self.relaxing(top.constraint, of: need)
            else { continue }
            let opened = NearestMisses(plan: NeedPlan(need: relaxed, scorer: scorer), table: table)
            #expect(opened.eligible >= misses.eligible + top.people, "\(need.id): \(top.constraint)")
            lifted += 1
        }
        #expect(lifted > 0, "some sample need has a nearest miss to lift")
    }
}
