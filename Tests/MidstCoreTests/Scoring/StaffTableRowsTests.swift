import Testing

@testable import MidstCore

@Suite("Finding people's rows by id")
struct StaffTableRowsTests {
    @Test(
        "rows(of:) finds exactly the rows a scan of every id finds, in any order, with repeats and strangers"
    )
    func rowsAgreeWithAScan() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let (staff, _) = try ReferenceFixtures.generated(staff: 500, seed: 11)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        try #require(table.count > 100)
        let everyone = Dictionary(
            uniqueKeysWithValues: table.ids.enumerated().map { ($1, Int32($0)) })
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let ids = table.ids
        for size in [1, 2, 17, 300, 2_000] {
            var wanted: [RecordID] = []
            for _ in 0..<size {
                let id = ids[next(ids.count)].rawValue
                switch next(6) {
                case 0: wanted.append(RecordID(rawValue: id + "x"))
                case 1: wanted.append(RecordID(rawValue: String(id.dropLast())))
                case 2: wanted.append(RecordID(rawValue: ["", "~", "0", "Ω"][next(4)]))
                default: wanted.append(RecordID(rawValue: id))
                }
            }
            let expected = everyone.filter { entry in wanted.contains(entry.key) }
            #expect(table.rows(of: wanted) == expected, "\(size) ids")
        }
    }
}
