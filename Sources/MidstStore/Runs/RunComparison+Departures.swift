import MidstCore

/// A (need, person) pair by id.
struct DeparturePair: Hashable {
    var needID: String
    var staffID: String

    init(_ needID: String, _ staffID: String) {
        self.needID = needID
        self.staffID = staffID
    }
}

extension MidstDatabase {
    /// Why each person who left a shortlist in `diff` left it, judged now with the later run's
    /// configuration; `laterLines` is the later run's shortlist.
    func departures(_ diff: RunDiff, later: RunRecord, laterLines: [ShortlistLine]) throws
        -> [DeparturePair: Departure]
    {
        var lastPlace: [String: Double] = [:]
        var counts: [String: Int] = [:]
        for line in laterLines {
            lastPlace[line.needID] = min(lastPlace[line.needID] ?? .infinity, line.score)
            counts[line.needID, default: 0] += 1
        }
        return try departures(
            of: diff.needs.flatMap { need in need.left.map { DeparturePair(need.needID, $0.staffID) } },
            later: later, lastPlace: lastPlace, listed: counts)
    }

    /// Why each of `leaving` is not on the need's shortlist in run `later`, judged now with its
    /// configuration and outcomes as of its date; `lastPlace` and `listed` are each need's last
    /// score and number of lines in that run (by need id); `reading` is what the caller read of
    /// run `later` already, when it has.
    func departures(
        of leaving: [DeparturePair], later: RunRecord, lastPlace: [String: Double],
        listed counts: [String: Int], reading: RunReading? = nil
    ) throws -> [DeparturePair: Departure] {
        guard !leaving.isEmpty else { return [:] }
        let table = try reading?.table ?? staffTable(reference: BundledReference.data)
        let rows = table.rows(of: leaving.map { RecordID(rawValue: $0.staffID) })
        let unmatchable = try unmatchableReasons(
            Array(
                Set(leaving.map(\.staffID).filter { rows[RecordID(rawValue: $0)] == nil })))
        let config = try reading?.config ?? scoringConfiguration(ofRun: later.id)
        let scorer = Scorer(reference: BundledReference.data, config: config)
        var plans: [String: NeedPlan] = [:]
        let needsLeft = Set(leaving.map(\.needID))
        // The open needs with slots to fill (``openNeeds()``), from the needs read already when
        // they were.
        let open =
            try reading.map { $0.needs.filter { $0.status == .open && $0.slots > 0 } }
            ?? openNeeds()
        for need in open where needsLeft.contains(need.id.rawValue) {
            plans[need.id.rawValue] =
                reading?.plans?.plan(for: need) ?? NeedPlan(need: need, scorer: scorer)
        }
        let excluded = Set(
            try (reading?.decisions ?? decisions()).filter { $0.kind == .exclude }.map {
                DeparturePair($0.needID, $0.staffID)
            })
        let followUp = try reading?.followUp ?? followUp(asOf: later.asOf, rules: config.followUp)
        var result: [DeparturePair: Departure] = [:]
        for pair in leaving {
            let plan = plans[pair.needID]
            result[pair] = Departure.of(
                row: rows[RecordID(rawValue: pair.staffID)],
                unmatchable: unmatchable[pair.staffID] ?? "erased",
                isExcluded: excluded.contains(pair), plan: plan, table: table,
                lastPlace: (counts[pair.needID] ?? 0) >= later.topK ? lastPlace[pair.needID] : nil,
                needState: plan.map { followUp.state(of: $0.need) },
                standing: followUp.standing(
                    need: RecordID(rawValue: pair.needID), staff: RecordID(rawValue: pair.staffID)))
        }
        return result
    }
}
