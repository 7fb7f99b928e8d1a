extension Shortlisting {
    /// One person on a need's shortlist.
    public struct Entry: Hashable, Sendable {
        /// The person's row in the ``StaffTable``.
        public var row: Int32
        /// 1 for the best.
        public var rank: Int
        public var score: Double
        public var components: ScoreComponent.Vector
    }
}

extension Shortlisting {
    /// The shortlists of a batch, and what it took to find them.
    public struct Result: Sendable {
        /// For each need, in the order of the plans: its best people, best first.
        public var lists: [[Shortlisting.Entry]]
        /// How many (need, person) pairs were examined (an eligibility check each).
        public var pairsExamined: Int
    }
}

/// The batch's scoring phase: the top people for every need, computed on all cores.
public enum Shortlisting {
    /// The `top` best eligible people for each plan, best first (ties by staff id), in the order
    /// of `plans`. Needs are scored in parallel chunks; the result does not depend on the
    /// number of cores or their timing.
    ///
    /// With `blocking` (the default) each need is searched through a ``CandidateIndex`` with a
    /// score bound (``NeedPlan/topCandidates(in:index:top:excluding:)``); without, every
    /// person of the need's profession is examined. Both give the same lists.
    /// `excluded[i]` holds the rows a coordinator excluded from need `i`. `progress` is told
    /// (needs done, needs in all) as chunks finish.
    public static func shortlists(
        for plans: [NeedPlan], in table: StaffTable, top: Int, excluded: [Int: Set<Int32>] = [:],
        blocking: Bool = true, progress: ((Int, Int) -> Void)? = nil
    ) async -> Shortlisting.Result {
        let index = blocking ? CandidateIndex(table: table) : nil
        let order = scoringOrder(plans)
        let chunkSize = max(1, plans.count / 64)
        let chunks = stride(from: 0, to: plans.count, by: chunkSize).map {
            $0..<min($0 + chunkSize, plans.count)
        }
        var results = [[Shortlisting.Entry]](repeating: [], count: plans.count)
        var examined = 0
        await withTaskGroup(of: (Range<Int>, [[Shortlisting.Entry]], Int).self) { group in
            for chunk in chunks {
                group.addTask {
                    var examined = 0
                    let lists = chunk.map { position in
                        let position = order[position]
                        let found = shortlist(
                            for: plans[position], in: table, index: index, top: top,
                            excluding: excluded[position] ?? [])
                        examined += found.examined
                        return found.list
                    }
                    return (chunk, lists, examined)
                }
            }
            var done = 0
            for await (chunk, lists, chunkExamined) in group {
                for (position, list) in zip(chunk, lists) { results[order[position]] = list }
                examined += chunkExamined
                done += chunk.count
                progress?(done, plans.count)
            }
        }
        return Shortlisting.Result(lists: results, pairsExamined: examined)
    }

    /// The positions of `plans` in the order they are scored: by profession, main country
    /// and the specialty earning the most credit, so that needs reading the same posting lists
    /// and the same people's cells come one after another, on the same core, while those are
    /// still in its caches (each need's list does not depend on the order).
    static func scoringOrder(_ plans: [NeedPlan]) -> [Int] {
        let keys = plans.map { plan in
            (
                profession: Int(plan.professions.first ?? 0),
                country: plan.country.byFactor.first ?? -1,
                specialty: plan.specialty.byCredit.first ?? -1
            )
        }
        return plans.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }

    /// One need's shortlist, searched through `index` when given, else by scanning its
    /// profession block (on two cores with `onTwoCores`, for a query that has the machine to
    /// itself: ``NeedPlan/topCandidates(inProfession:of:top:excluding:twoCoresFrom:)``); and how
    /// many people were examined.
    public static func shortlist(
        for plan: NeedPlan, in table: StaffTable, index: CandidateIndex? = nil, top: Int,
        excluding excluded: Set<Int32> = [], onTwoCores: Bool = false
    ) -> (list: [Shortlisting.Entry], examined: Int) {
        let best: [(row: Int32, score: Double)]
        let examined: Int
        if let index {
            (best, examined) = plan.topCandidates(
                in: table, index: index, top: top, excluding: excluded)
        } else {
            let professions = plan.professionCodes
            if professions.count == 1 {
                // Read in place: the block is not copied (ScoringBenchmarks).
                let block = table.block(ofProfession: professions[0])
                best =
                    onTwoCores
                    ? plan.topCandidates(
                        inProfession: professions[0], of: table, top: top, excluding: excluded)
                    : plan.topCandidates(among: block, in: table, top: top, excluding: excluded)
                examined = block.count
            } else {
                let rows = table.rows(ofProfessions: professions)
                best = plan.topCandidates(among: rows, in: table, top: top, excluding: excluded)
                examined = rows.count
            }
        }
        let list = best.enumerated().map { position, candidate in
            Shortlisting.Entry(
                row: candidate.row, rank: position + 1, score: candidate.score,
                components: plan.components(Int(candidate.row), in: table))
        }
        return (list, examined)
    }
}
