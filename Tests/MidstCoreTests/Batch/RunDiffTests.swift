import Testing

@testable import MidstCore

@Suite("Run diff")
struct RunDiffTests {
    @Test(
        "entries, exits, score moves and proposal changes are found per need; unchanged needs are left out"
    )
    func changes() throws {
        let diff = RunDiff(
            shortlistA: [("N1", "S1", 90), ("N1", "S2", 80), ("N2", "S3", 70)],
            proposalA: [("N1", "S1"), ("N2", "S3")],
            shortlistB: [("N1", "S1", 91), ("N1", "S4", 85), ("N2", "S3", 70)],
            proposalB: [("N1", "S4"), ("N2", "S3")])
        #expect(diff.needsCompared == 2)
        #expect(diff.needs.count == 1)
        let change = try #require(diff.needs.first)
        #expect(change.needID == "N1")
        #expect(change.entered.map(\.staffID) == ["S4"])
        #expect(change.left.map(\.staffID) == ["S2"])
        #expect(change.moved.map(\.staffID) == ["S1"])
        #expect(change.moved.first?.before == 90)
        #expect(change.moved.first?.after == 91)
        #expect(change.proposed == ["S4"])
        #expect(change.withdrawn == ["S1"])
    }

    @Test("a run compared with itself has no changes")
    func identical() {
        let lines: [(need: String, staff: String, score: Double)] = [
            ("N1", "S1", 90), ("N2", "S2", 40),
        ]
        let diff = RunDiff(
            shortlistA: lines, proposalA: [("N1", "S1")], shortlistB: lines,
            proposalB: [("N1", "S1")])
        #expect(diff.needs.isEmpty)
        #expect(diff.needsCompared == 2)
    }
}
