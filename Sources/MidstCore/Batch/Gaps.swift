/// What no shortlist shows: the needs a run leaves short, each with its nearest misses, the
/// needs expired with slots still open, and where demand outruns supply (`midst gaps`, and the
/// report's section).
package struct Gaps: Sendable {
    /// One need matched with fewer people proposed than open slots.
    package struct NeedGap: Sendable {
        package var need: Need
        /// Where the need stands (open, proposed or asked: a matched need).
        package var state: NeedState
        /// People placed on it, and its slots less them.
        package var placed: Int
        package var openSlots: Int
        /// People the run proposed for it (asks awaited included), and people on its shortlist.
        package var proposed: Int
        package var shortlisted: Int
        /// Its start has passed with slots open.
        package var isOverdue: Bool
        /// Counted for the first ``Gaps/init(needs:followUp:proposed:shortlisted:table:scorer:explaining:)``
        /// `explaining` needs only (each scans its professions' people).
        package var misses: NearestMisses?
    }

    /// Needs with an open slot left, most urgent first (priority, then fewest proposed, then
    /// by id).
    package var needs: [NeedGap]
    /// Needs whose end date passed with slots still open, by id: not matched any more.
    package var expired: [Need]
    package var supply: SupplyAndDemand
    /// The teams of the needs matched, by id: roles proposed, and how the run came out for each
    /// team language, those it could not cover with their nearest fixes.
    package var teams: [TeamGap]

    /// The gaps of `needs` (the needs whose stored status is open) as `followUp` has them
    /// (filled and expired needs are not matched; open slots are slots less people placed),
    /// given how many people a run proposed for each and listed for each (by need id), against
    /// the people of `table` scored by `scorer`; the nearest misses of the first `explaining`
    /// of them, counted on every core, with their plans from `plans` when given. Each team
    /// carries its `teamLanguages` as the run recorded them (by team); those the run could not
    /// cover get their nearest fix, given each need's `lowestProposed` score (by need id).
    package init(
        needs: [Need], followUp: FollowUp = FollowUp(), proposed: [String: Int],
        shortlisted: [String: Int], table: StaffTable, scorer: Scorer, explaining: Int = .max,
        plans: NeedPlans? = nil, teamLanguages: [RecordID: [TeamGap.Language]] = [:],
        lowestProposed: [RecordID: Double] = [:]
    ) {
        var matched: [Need] = []
        var expired: [Need] = []
        var gaps: [NeedGap] = []
        var members: [RecordID: (roles: Int, proposed: Int, needs: [Need], ids: [RecordID])] = [:]
        for need in needs {
            let count = proposed[need.id.rawValue] ?? 0
            let state = followUp.state(of: need, proposed: count)
            if state == .expired { expired.append(need) }
            if let team = need.team, state != .expired {
                let isProposed = count > 0 || followUp.placedCount(in: need.id) > 0
                members[team, default: (0, 0, [], [])].roles += 1
                members[team, default: (0, 0, [], [])].proposed += isProposed ? 1 : 0
                members[team, default: (0, 0, [], [])].ids.append(need.id)
                if state.isMatched { members[team, default: (0, 0, [], [])].needs.append(need) }
            }
            guard state.isMatched else { continue }
            var open = need
            open.slots = followUp.openSlots(of: need)
            matched.append(open)
            guard count < open.slots else { continue }
            gaps.append(
                NeedGap(
                    need: need, state: state, placed: followUp.placedCount(in: need.id),
                    openSlots: open.slots, proposed: count,
                    shortlisted: shortlisted[need.id.rawValue] ?? 0,
                    isOverdue: followUp.isOverdue(need), misses: nil))
        }
        gaps.sort {
            ($1.need.priority, $0.proposed, $0.need.id.rawValue)
                < ($0.need.priority, $1.proposed, $1.need.id.rawValue)
        }
        let explained = min(explaining, gaps.count)
        let explainedNeeds = gaps.prefix(explained).map(\.need)
        let demand = matched
        // Each need's misses on a core of its own; the first task counts supply against demand
        // (the matched needs' open slots), a pass over every person, beside them.
        let found = Array(0...explained).concurrentMap {
            index -> (NearestMisses?, SupplyAndDemand?) in
            index == 0
                ? (nil, SupplyAndDemand(needs: demand, table: table, reference: scorer.reference))
                : (
                    NearestMisses(
                        plan: plans?.plan(for: explainedNeeds[index - 1])
                            ?? NeedPlan(need: explainedNeeds[index - 1], scorer: scorer),
                        table: table), nil
                )
        }
        for index in 0..<explained { gaps[index].misses = found[index + 1].0 }
        teams = members.sorted { $0.key < $1.key }.map { team, members in
            TeamGap(
                team: team, needIDs: members.ids.sorted(), roles: members.roles,
                rolesProposed: members.proposed,
                languages: (teamLanguages[team] ?? []).map { line in
                    guard line.status == .uncovered else { return line }
                    var uncovered = line
                    uncovered.fix = TeamGap.nearestFix(
                        for: line.language,
                        plans: members.needs.map {
                            plans?.plan(for: $0) ?? NeedPlan(need: $0, scorer: scorer)
                        }, table: table, reference: scorer.reference,
                        lowestProposed: lowestProposed)
                    return uncovered
                })
        }
        self.needs = gaps
        self.expired = expired.sorted { $0.id < $1.id }
        supply = found[0].1!
    }
}
