/// One person on a need's shortlist.
public struct ShortlistEntry: Hashable, Sendable {
    /// The person's row in the ``StaffTable``.
    public var row: Int32
    /// 1 for the best.
    public var rank: Int
    public var score: Double
    public var components: ComponentValues
}

/// The batch's scoring phase: the top people for every need, computed on all cores.
public enum Shortlisting {
    /// The `top` best eligible people for each plan, best first (ties by staff id), in the order
    /// of `plans`. Needs are scored in parallel chunks; the result does not depend on the
    /// number of cores or their timing.
    /// `excluded[i]` holds the rows a coordinator excluded from need `i`. `progress` is told
    /// (needs done, needs in all) as chunks finish.
    public static func shortlists(
        for plans: [NeedPlan], in table: StaffTable, top: Int, excluded: [Int: Set<Int32>] = [:],
        progress: ((Int, Int) -> Void)? = nil
    ) async -> [[ShortlistEntry]] {
        let chunkSize = max(1, plans.count / 64)
        let chunks = stride(from: 0, to: plans.count, by: chunkSize).map {
            $0..<min($0 + chunkSize, plans.count)
        }
        var results = [[ShortlistEntry]](repeating: [], count: plans.count)
        await withTaskGroup(of: (Range<Int>, [[ShortlistEntry]]).self) { group in
            for chunk in chunks {
                group.addTask {
                    (
                        chunk,
                        chunk.map {
                            shortlist(
                                for: plans[$0], in: table, top: top, excluding: excluded[$0] ?? [])
                        }
                    )
                }
            }
            var done = 0
            for await (chunk, lists) in group {
                for (index, list) in zip(chunk, lists) { results[index] = list }
                done += chunk.count
                progress?(done, plans.count)
            }
        }
        return results
    }

    /// One need's shortlist.
    public static func shortlist(
        for plan: NeedPlan, in table: StaffTable, top: Int, excluding excluded: Set<Int32> = []
    ) -> [ShortlistEntry] {
        let professions = plan.professionCodes
        let best =
            professions.count == 1
            ? plan.topCandidates(
                among: table.block(ofProfession: professions[0]), in: table, top: top,
                excluding: excluded)
            : plan.topCandidates(
                among: table.rows(ofProfessions: professions), in: table, top: top,
                excluding: excluded)
        return best.enumerated().map { index, candidate in
            ShortlistEntry(
                row: candidate.row, rank: index + 1, score: candidate.score,
                components: plan.components(Int(candidate.row), in: table))
        }
    }
}
