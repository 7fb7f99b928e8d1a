import Testing

@testable import MidstCore

/// An overlay of changed people over an unchanged snapshot must answer as the snapshot a full
/// rebuild makes: applied, byte for byte; ranked apart and merged, the same lists, ties included.
@Suite("Staff overlay")
struct StaffOverlayTests {
    let reference: ReferenceData
    let staff: [Staff]
    let needs: [Need]

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        (staff, needs) = try ReferenceFixtures.generated(staff: 1200, needs: 40, seed: 23)
    }

    /// The table of the people at their keys with their contexts, built from scratch.
    private func fullTable(_ people: [Int64: (Staff, Staff.Context)], generation: Int64)
        -> StaffTable
    {
        StaffTable.rebuilt(people, reference: reference, generation: generation)
    }

    /// What the engine ranks on a whole table: ids and scores, best first.
    private func ranked(_ plan: NeedPlan, in table: StaffTable, top: Int, keptOff: [RecordID])
        -> [OverlaidStaffTable.Ranked]
    {
        let excluded = Set(table.rows(of: keptOff).values)
        return Shortlisting.shortlist(for: plan, in: table, top: top, excluding: excluded).list
            .map { OverlaidStaffTable.Ranked(id: table.id(at: Int($0.row)), score: $0.score) }
    }

    @Test(
        "after random writes, the overlay applied and its ranked lists equal a rebuild's",
        arguments: 1...6)
    func overlayMatchesRebuild(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func context() -> Staff.Context { .random(using: &random) }
        // Keys 1...900 are stored at first; the rest are people yet to come.
        var people: [Int64: (Staff, Staff.Context)] = [:]
        for key in 1...900 { people[Int64(key)] = (staff[key - 1], context()) }
        var generation = Int64.random(in: 1...Int64.max, using: &random)
        let base = fullTable(people, generation: generation)
        var overlay = StaffOverlay.empty(on: base.stamp)
        var ties = 0
        var taken = 0
        for write in 0..<40 {
            // One write: a few people changed, as a consent change, an outcome or a correction.
            var changed = Set<Int64>()
            var rows = StaffTableRows(reference: reference)
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = Int64.random(in: 1...1200, using: &random)
                guard changed.insert(key).inserted else { continue }
                switch Int.random(in: 0..<5, using: &random) {
                case 0:  // erased, or never there
                    people[key] = nil
                case 1:  // consent flipped, capacity changed
                    var person = staff[Int(key) - 1]
                    person.hasConsented = Bool.random(using: &random)
                    person.maxAssignments = Int.random(in: 0...3, using: &random)
                    people[key] = (person, context())
                case 2, 3:  // corrected to another person's fields: their scores tie
                    var person = staff[Int.random(in: 0..<1200, using: &random)]
                    person.id = staff[Int(key) - 1].id
                    person.hasConsented = true
                    people[key] = (person, people[key]?.1 ?? context())
                default:  // new, or given back unchanged
                    people[key] = (staff[Int(key) - 1], context())
                }
                if let (person, context) = people[key] {
                    rows.append(person, context: context, key: key)
                }
            }
            generation = Int64.random(in: 1...Int64.max, using: &random)
            overlay = overlay.changing(changed, to: rows, generation: generation)
            // Written and read back as the file beside the snapshot is.
            overlay = try StaffOverlay(bytes: overlay.bytes, expectedGeneration: generation)

            let rebuilt = fullTable(people, generation: generation)
            let applied = overlay.applied(to: base, reference: reference)
            #expect(Array(applied.bytes) == Array(rebuilt.bytes), "write \(write)")

            let overlaid = OverlaidStaffTable(base: base, overlay: overlay)
            let scorer = Scorer(reference: reference, config: ScoringConfig())
            for need in needs.prefix(write % 4 == 0 ? 40 : 6) {
                let plan = NeedPlan(need: need, scorer: scorer)
                let top = [1, 5, 20][write % 3]
                // Some of the best kept off the need, as outcomes do.
                let keptOff = ranked(plan, in: rebuilt, top: 3, keptOff: []).map(\.id).filter {
                    _ in Bool.random(using: &random)
                }
                let expected = ranked(plan, in: rebuilt, top: top, keptOff: keptOff)
                let answer = try overlaid.best(for: plan, top: top, keptOff: keptOff)
                #expect(answer == expected, "write \(write), need \(need.id)")
                ties += zip(expected, expected.dropFirst()).filter { $0.score == $1.score }.count
                let changedIDs = Set(overlay.removedKeys.compactMap { people[$0]?.0.id })
                taken += expected.filter { changedIDs.contains($0.id) }.count
            }
        }
        // The lists compared held ties and people of the overlay, or they proved little.
        #expect(ties > 0)
        #expect(taken > 0)
    }

    @Test("equal scores merge by staff id, whichever list they come from")
    func mergeOrdersTiesByID() {
        func person(_ id: String, _ score: Double) -> OverlaidStaffTable.Ranked {
            OverlaidStaffTable.Ranked(id: RecordID(rawValue: id), score: score)
        }
        let fromBase = [person("S2", 90), person("S10", 80), person("S4", 80)]
        let fromOverlay = [person("S3", 90), person("S1", 80), person("S9", 70)]
        #expect(
            OverlaidStaffTable.merged(fromBase, fromOverlay, top: 5).map(\.id.rawValue)
                == ["S2", "S3", "S1", "S10", "S4"])
        #expect(OverlaidStaffTable.merged(fromBase, [], top: 2) == Array(fromBase.prefix(2)))
        #expect(OverlaidStaffTable.merged([], fromOverlay, top: 9) == fromOverlay)
    }

    @Test("a damaged overlay, or one of another generation, is refused")
    func damagedRefused() throws {
        let base = StaffTable(
            staff: Array(staff.prefix(50)), contexts: Array(repeating: Staff.Context(), count: 50),
            reference: reference, generation: 5)
        var rows = StaffTableRows(reference: reference)
        rows.append(staff[60], context: Staff.Context(), key: 3)
        let overlay = StaffOverlay.empty(on: base.stamp).changing([3, 7], to: rows, generation: 6)
        let good = overlay.bytes
        let read = try StaffOverlay(bytes: good, expectedGeneration: 6)
        #expect(read.removedKeys == [3, 7])
        #expect(read.base == base.stamp)
        #expect(Array(read.table.bytes) == Array(overlay.table.bytes))
        #expect(throws: StaffTableFormatError.self) {
            _ = try StaffOverlay(bytes: good, expectedGeneration: 5)
        }
        for offset in [3, 17, 26, 33, 41, good.count - 1] {
            var damaged = good
            damaged[offset] ^= 0x10
            #expect(throws: StaffTableFormatError.self, "byte \(offset)") {
                _ = try StaffOverlay(bytes: damaged, expectedGeneration: 6)
            }
        }
        #expect(throws: StaffTableFormatError.self) {
            _ = try StaffOverlay(bytes: Array(good.prefix(good.count - 8)), expectedGeneration: 6)
        }
    }
}
