/// What changed for each need between two runs: who entered or left the shortlist, whose score
/// moved, and how the proposal changed.
package struct RunDiff: Sendable, Equatable {
    /// One need's changes.
    package struct NeedChange: Sendable, Equatable {
        package var needID: String
        /// Shortlisted in the second run only, with the score there.
        package var entered: [(staffID: String, score: Double)]
        /// Shortlisted in the first run only, with the score there.
        package var left: [(staffID: String, score: Double)]
        /// On both shortlists with a different score: (staff, before, after).
        package var moved: [(staffID: String, before: Double, after: Double)]
        /// Proposed in the second run only.
        package var proposed: [String]
        /// Proposed in the first run only.
        package var withdrawn: [String]

        package var isEmpty: Bool {
            entered.isEmpty && left.isEmpty && moved.isEmpty && proposed.isEmpty
                && withdrawn.isEmpty
        }

        package static func == (lhs: NeedChange, rhs: NeedChange) -> Bool {
            lhs.needID == rhs.needID && lhs.entered.map(\.staffID) == rhs.entered.map(\.staffID)
                && lhs.left.map(\.staffID) == rhs.left.map(\.staffID)
                && lhs.moved.map(\.staffID) == rhs.moved.map(\.staffID)
                && lhs.proposed == rhs.proposed && lhs.withdrawn == rhs.withdrawn
        }
    }

    /// Needs with any change, by need id.
    package var needs: [NeedChange]
    /// Needs compared (in either run).
    package var needsCompared: Int

    /// Scores closer than this are the same (they are rounded when shown).
    package static let scoreTolerance = 1e-9

    /// Compares run A's shortlists and proposal with run B's. Each shortlist is
    /// (need, staff, score); each proposal is (need, staff).
    package init(
        shortlistA: [(need: String, staff: String, score: Double)],
        proposalA: [(need: String, staff: String)],
        shortlistB: [(need: String, staff: String, score: Double)],
        proposalB: [(need: String, staff: String)]
    ) {
        func byNeed(_ lines: [(need: String, staff: String, score: Double)]) -> [String: [String:
            Double]]
        {
            var result: [String: [String: Double]] = [:]
            for line in lines { result[line.need, default: [:]][line.staff] = line.score }
            return result
        }
        func proposals(_ pairs: [(need: String, staff: String)]) -> [String: Set<String>] {
            var result: [String: Set<String>] = [:]
            for pair in pairs { result[pair.need, default: []].insert(pair.staff) }
            return result
        }
        let listsA = byNeed(shortlistA)
        let listsB = byNeed(shortlistB)
        let pairsA = proposals(proposalA)
        let pairsB = proposals(proposalB)
        let needIDs = Set(listsA.keys).union(listsB.keys).union(pairsA.keys).union(pairsB.keys)
            .sorted()
        needsCompared = needIDs.count
        needs = needIDs.compactMap { need in
            let a = listsA[need] ?? [:]
            let b = listsB[need] ?? [:]
            let change = NeedChange(
                needID: need,
                entered: b.keys.filter { a[$0] == nil }.sorted().map { ($0, b[$0]!) },
                left: a.keys.filter { b[$0] == nil }.sorted().map { ($0, a[$0]!) },
                moved: a.keys.filter { b[$0] != nil && abs(a[$0]! - b[$0]!) > Self.scoreTolerance }
                    .sorted()
                    .map { ($0, a[$0]!, b[$0]!) },
                proposed: (pairsB[need] ?? []).subtracting(pairsA[need] ?? []).sorted(),
                withdrawn: (pairsA[need] ?? []).subtracting(pairsB[need] ?? []).sorted())
            return change.isEmpty ? nil : change
        }
    }
}
