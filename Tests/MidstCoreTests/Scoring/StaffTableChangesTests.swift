import Testing

@testable import MidstCore

/// A snapshot kept current by replacing the people a write changed must be the table a full
/// rebuild makes of the same people, byte for byte: the batch cannot tell them apart.
@Suite("Staff table changes")
struct StaffTableChangesTests {
    let reference: ReferenceData
    let staff: [Staff]

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        staff = try ReferenceFixtures.generated(staff: 1200, seed: 11).staff
    }

    /// The table of the people at `keys` (positions in `people`) with their contexts.
    private func fullTable(
        _ people: [Int64: (Staff, Staff.Context)], generation: Int64
    ) -> StaffTable {
        StaffTable.rebuilt(people, reference: reference, generation: generation)
    }

    @Test("replacing changed people gives the table a full rebuild gives", arguments: 1...8)
    func replacingMatchesRebuild(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        func context() -> Staff.Context { .random(using: &random) }
        // Keys 0..<800 are stored at first; 800..<1200 are people yet to come.
        var before: [Int64: (Staff, Staff.Context)] = [:]
        for key in 0..<800 { before[Int64(key)] = (staff[key], context()) }
        let generation = Int64.random(in: 1...Int64.max, using: &random)
        let base = fullTable(before, generation: generation)

        var after = before
        var changed = Set<Int64>()
        var rows = StaffTableRows(reference: reference)
        let changes = seed == 1 ? 0 : Int.random(in: 1...300, using: &random)
        for _ in 0..<changes {
            let key = Int64.random(in: 0..<1200, using: &random)
            guard changed.insert(key).inserted else { continue }
            switch Int.random(in: 0..<4, using: &random) {
            case 0:  // erased, or never there
                after[key] = nil
            case 1:  // consent flipped, capacity and placements changed
                var person = staff[Int(key)]
                person.hasConsented.toggle()
                person.maxAssignments = Int.random(in: 0...3, using: &random)
                person.pastPlacements += 1
                after[key] = (person, context())
            case 2:  // corrected: another generated person's fields under the same id
                var person = staff[Int.random(in: 0..<1200, using: &random)]
                person.id = staff[Int(key)].id
                person.hasConsented = true
                after[key] = (person, context())
            default:  // new, or re-imported unchanged
                after[key] = (staff[Int(key)], context())
            }
            if let (person, context) = after[key] {
                rows.append(person, context: context, key: key)
            }
        }
        let next = generation &+ 1
        let replaced = base.replacing(changed, with: rows, generation: next)
        let rebuilt = fullTable(after, generation: next)
        #expect(replaced.count == rebuilt.count)
        #expect(Array(replaced.bytes) == Array(rebuilt.bytes))
        #expect(replaced.ids == rebuilt.ids)
        // Laid out by this process and opened without checks: the checks pass on it.
        #expect(throws: Never.self) {
            _ = try StaffTable(
                storage: StaffTableStorage(copying: Array(replaced.bytes)), expectedGeneration: next)
        }
    }

    @Test("a table rebuilt from nothing by replacing equals the direct build, and empties stay empty")
    func fromNothing() {
        var rows = StaffTableRows(reference: reference)
        for (key, person) in staff.enumerated() {
            rows.append(person, context: Staff.Context(), key: Int64(key))
        }
        let replaced = StaffTable.empty(generation: 7).replacing([], with: rows, generation: 7)
        let built = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference,
            generation: 7)
        #expect(Array(replaced.bytes) == Array(built.bytes))
        #expect(replaced.count == staff.filter(\.hasConsented).count)
        let emptied = built.replacing(Set((0..<Int64(staff.count))), with: StaffTableRows(reference: reference), generation: 8)
        #expect(emptied.count == 0)
        #expect(emptied.generation == 8)
    }

    @Test("a snapshot of another layout whose checksum holds is refused, not read past its end")
    func otherLayoutRefused() {
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference,
            generation: 3)
        let good = Array(table.bytes)
        // Counts a different layout (or a deceiver) could put where a column's count is read.
        for count in [Int64.max, -1, 1 << 40, Int64(Int32.max) - 1, Int64(good.count)] {
            var bytes = good
            withUnsafeBytes(of: count) { bytes.replaceSubrange(24..<32, with: $0) }
            let columnsEnd = bytes.withUnsafeBytes {
                Int($0.load(fromByteOffset: $0.count - 8, as: Int64.self))
            }
            bytes.withUnsafeMutableBytes { StaffTable.seal($0, columnsEnd: columnsEnd) }
            #expect(throws: StaffTableFormatError.self, "count \(count)") {
                _ = try StaffTable(storage: StaffTableStorage(copying: bytes), expectedGeneration: 3)
            }
        }
    }
}
