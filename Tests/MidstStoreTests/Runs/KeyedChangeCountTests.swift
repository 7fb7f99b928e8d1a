import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Changes between two runs counted by key")
struct KeyedChangeCountTests {
    /// Two runs' lines over a few needs and people, some shared, some scores moved, in no
    /// particular order: what RunDiff, by id, counts the same way.
    private static func lines(seed: UInt64, count: Int) -> [KeyedLine] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var seen = Set<[Int64]>()
        var lines: [KeyedLine] = []
        while lines.count < count {
            let need = Int64(next(7) + 1)
            let staff = Int64(next(40) + 1)
            guard seen.insert([need, staff]).inserted else { continue }
            lines.append(KeyedLine(needKey: need, staffKey: staff, score: Double(next(3)) * 10))
        }
        return lines
    }

    @Test("every kind counted as RunDiff counts it, need by need", arguments: [1, 2, 3, 4] as [UInt64])
    func matchesRunDiff(seed: UInt64) {
        let shortlistA = Self.lines(seed: seed, count: 120)
        let shortlistB = Self.lines(seed: seed &+ 100, count: 90)
        let proposalA = Self.lines(seed: seed &+ 200, count: 20)
        let proposalB = Self.lines(seed: seed &+ 300, count: 25)
        func named(_ lines: [KeyedLine]) -> [(need: String, staff: String, score: Double)] {
            lines.map { (String($0.needKey), String($0.staffKey), $0.score) }
        }
        let diff = RunDiff(
            shortlistA: named(shortlistA), proposalA: named(proposalA).map { ($0.need, $0.staff) },
            shortlistB: named(shortlistB), proposalB: named(proposalB).map { ($0.need, $0.staff) })
        let count = KeyedChangeCount(
            shortlistA: shortlistA, proposalA: proposalA, shortlistB: shortlistB, proposalB: proposalB)

        var expected: [RunDiff.ChangeKind: Int] = [:]
        for row in diff.needs.flatMap(\.rows) { expected[row.kind, default: 0] += 1 }
        #expect(count.counts == expected)
        #expect(Set(expected.keys) == Set(RunDiff.ChangeKind.allCases), "the data exercise every kind")
        #expect(
            count.rowsByNeed
                == Dictionary(uniqueKeysWithValues: diff.needs.map { (Int64($0.needID)!, $0.rows.count) }))
    }

    @Test("two identical runs differ by nothing")
    func identical() {
        let lines = Self.lines(seed: 9, count: 50)
        let count = KeyedChangeCount(
            shortlistA: lines, proposalA: Array(lines.prefix(5)), shortlistB: lines.reversed(),
            proposalB: Array(lines.prefix(5)))
        #expect(count.rowsByNeed.isEmpty)
        #expect(count.counts.isEmpty)
    }
}

@Suite("Two runs compared by key")
struct ComparisonByKeyTests {
    @Test("the counts are those of the comparison by id, and the rows shown its first, need by need")
    func matchesComparisonByID() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let first = try #require(try database.run(String(try database.recordRun(try await completedRun(database, top: 20)))))
        let second = try #require(try database.run(String(try database.recordRun(try await completedRun(database, top: 3)))))
        let byID = try database.comparison(of: first, with: second)
        #expect(byID.rows.count > 4, "the runs differ enough to cut the rows shown")
        for limit in [1, 4, byID.rows.count] {
            let byKey = try database.comparisonByKey(of: first, with: second, limit: limit)
            #expect(byKey.counts == byID.counts)
            #expect(byKey.needsChanged == byID.needsChanged)
            #expect(byKey.rows.count == limit)
            // The same needs in the same order; within a need, people are ordered by key there.
            let needs = byKey.rows.map(\.needID)
            #expect(needs == Array(byID.rows.map(\.needID).prefix(limit)))
            for need in Set(needs) where needs.last != need {
                func people(_ rows: [RunComparison.Row]) -> Set<String> {
                    Set(rows.filter { $0.needID == need }.map { "\($0.kind)/\($0.staffID ?? "")/\($0.why ?? "")" })
                }
                #expect(people(byKey.rows) == people(byID.rows))
            }
        }
    }
}
