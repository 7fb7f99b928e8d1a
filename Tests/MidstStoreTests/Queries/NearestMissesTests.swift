import Foundation
import MidstCore
import MidstTestSupport
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
        case "availability": relaxed.dates = CalendarDate.Window(start: nil, end: nil)
        case "mode": relaxed.mode = .either
        case "seniority": relaxed.minimumSeniority = .lowest
        case "min_score": relaxed.minimumScore = nil
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
            #expect(
                misses.eligible
                    == rows.filter {
                        plan.isEligible(Int($0), in: table)
                            && plan.score(Int($0), in: table) >= (need.minimumScore ?? 0)
                    }.count)
            #expect(misses.failingOnly.map(\.people).reduce(0, +) <= misses.pool - misses.eligible)
            guard let top = misses.failingOnly.first, let relaxed = Self.relaxing(top.constraint, of: need)
            else { continue }
            let opened = NearestMisses(plan: NeedPlan(need: relaxed, scorer: scorer), table: table)
            #expect(opened.eligible >= misses.eligible + top.people, "\(need.id): \(top.constraint)")
            lifted += 1
        }
        #expect(lifted > 0, "some sample need has a nearest miss to lift")
    }

    @Test("a min_score nobody reaches is named as the blocker, not the specialty")
    func minimumScoreBlocks() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let table = try database.staffTable(reference: BundledReference.data)
        let scorer = Scorer(reference: BundledReference.data)
        let needs = try database.openNeeds()
        let (need, open) = try #require(
            needs.lazy.map { ($0, NearestMisses(plan: NeedPlan(need: $0, scorer: scorer), table: table)) }
                .first { $0.1.eligible >= 2 })
        var strict = need
        strict.minimumScore = 99.9
        let misses = NearestMisses(plan: NeedPlan(need: strict, scorer: scorer), table: table)
        #expect(misses.eligible == 0)
        let top = try #require(misses.failingOnly.first)
        #expect(top.constraint == "min_score")
        #expect(top.people == open.eligible)
        #expect(misses.why.contains("score below the need's min_score of 99.9"))
        #expect(misses.summary.contains("min_score (99.9)"))
    }
}
