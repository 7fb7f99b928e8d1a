/// What no shortlist shows: the needs a run leaves unfilled or partly filled, each with its
/// nearest misses, and where demand outruns supply (`midst gaps`, and the report's section).
public struct Gaps: Sendable {
    /// One need with fewer people proposed than it has slots.
    public struct NeedGap: Sendable {
        public var need: Need
        /// People the run proposed for it, and people on its shortlist.
        public var proposed: Int
        public var shortlisted: Int
        /// Counted for the first ``Gaps/init(needs:proposed:shortlisted:table:scorer:explaining:)``
        /// `explaining` needs only (each scans its professions' people).
        public var misses: NearestMisses?

        /// `unfilled` (nobody proposed) or `partly filled`.
        public var state: String { proposed == 0 ? "unfilled" : "partly filled" }
    }

    /// Needs with a slot left, most urgent first (priority, then unfilled before partly
    /// filled, then by id).
    public var needs: [NeedGap]
    public var supply: SupplyAndDemand

    /// The gaps of `needs` (the open needs) given how many people a run proposed for each and
    /// listed for each (by need id), against the people of `table` scored by `scorer`; the
    /// nearest misses of the first `explaining` of them, counted on every core.
    public init(
        needs: [Need], proposed: [String: Int], shortlisted: [String: Int], table: StaffTable,
        scorer: Scorer, explaining: Int = .max
    ) {
        var gaps =
            needs
            .filter { (proposed[$0.id.rawValue] ?? 0) < $0.slots }
            .map { need in
                NeedGap(
                    need: need, proposed: proposed[need.id.rawValue] ?? 0,
                    shortlisted: shortlisted[need.id.rawValue] ?? 0, misses: nil)
            }
            .sorted {
                ($1.need.priority, $0.proposed, $0.need.id.rawValue)
                    < ($0.need.priority, $1.proposed, $1.need.id.rawValue)
            }
        let explained = min(explaining, gaps.count)
        let explainedNeeds = gaps.prefix(explained).map(\.need)
        // Each need's misses on a core of its own; the first task counts supply against demand,
        // a pass over every person, beside them.
        let found = Array(0...explained).concurrentMap {
            index -> (NearestMisses?, SupplyAndDemand?) in
            index == 0
                ? (nil, SupplyAndDemand(needs: needs, table: table, reference: scorer.reference))
                : (
                    NearestMisses(
                        plan: NeedPlan(need: explainedNeeds[index - 1], scorer: scorer),
                        table: table), nil
                )
        }
        for index in 0..<explained { gaps[index].misses = found[index + 1].0 }
        self.needs = gaps
        supply = found[0].1!
    }
}
