/// What the recorded outcomes mean for one night's batch: who is placed on each need, who is
/// asked and awaited, and who is kept off which need (docs/SCORING.md, "Outcomes and the nightly
/// loop"). Built from the whole outcome log as of the run's date; outcomes dated later are not
/// known yet, so a night can be replayed with `--as-of`.
package struct FollowUp: Sendable {
    /// One pair with a standing.
    package struct Entry: Hashable, Sendable {
        package var needID: RecordID
        package var staffID: RecordID
        package var standing: PairStanding
    }

    /// The run's date: needs ended before it are expired, asks and silences are counted to it.
    /// Nil applies no date (no need expires, asks never run out).
    package let asOf: CalendarDate?
    package let rules: FollowUpRules
    private var byPair: [PairKey: PairStanding] = [:]
    private var placedByNeed: [RecordID: Int] = [:]
    private var askedByNeed: [RecordID: Int] = [:]
    /// Every pair with a standing, by need then person.
    package private(set) var entries: [Entry] = []

    /// - Parameters:
    ///   - outcomes: the log, in any order.
    ///   - asOf: the run's date (nil: no date rules).
    package init(outcomes: [Outcome] = [], asOf: CalendarDate? = nil, rules: FollowUpRules = .init())
    {
        self.asOf = asOf
        self.rules = rules
        var latest: [PairKey: Outcome] = [:]
        for outcome in outcomes where asOf.map({ outcome.date <= $0 }) ?? true {
            let key = PairKey(need: outcome.needID, staff: outcome.staffID)
            if latest[key].map({ outcome.isLater(than: $0) }) ?? true { latest[key] = outcome }
        }
        for (key, outcome) in latest {
            guard let standing = PairStanding.of(latest: outcome, on: asOf, rules: rules) else {
                continue
            }
            byPair[key] = standing
            if standing.isPlaced { placedByNeed[key.need, default: 0] += 1 }
            if standing.isAsk { askedByNeed[key.need, default: 0] += 1 }
            entries.append(Entry(needID: key.need, staffID: key.staff, standing: standing))
        }
        entries.sort { ($0.needID, $0.staffID) < ($1.needID, $1.staffID) }
    }

    /// The pair's standing, or nil when nothing recorded counts.
    package func standing(need: RecordID, staff: RecordID) -> PairStanding? {
        byPair[PairKey(need: need, staff: staff)]
    }

    /// How many people are placed on the need (accepted or completed, not withdrawn).
    package func placedCount(in need: RecordID) -> Int { placedByNeed[need] ?? 0 }

    /// How many people were asked for the need and have not answered yet.
    package func askedCount(in need: RecordID) -> Int { askedByNeed[need] ?? 0 }

    /// The need's slots not taken by placed people.
    package func openSlots(of need: Need) -> Int { max(0, need.slots - placedCount(in: need.id)) }

    /// Whether the need's dates are over: it ended before the run's date.
    package func isExpired(_ need: Need) -> Bool {
        guard let asOf, let end = need.dates.end else { return false }
        return end < asOf
    }

    /// Where the need stands, in the words every command uses (``NeedState``).
    /// - Parameter proposed: how many people the run proposes for it.
    package func state(of need: Need, proposed: Int = 0) -> NeedState {
        NeedState(
            stored: need.status, slots: need.slots, placed: placedCount(in: need.id),
            asked: askedByNeed[need.id] ?? 0,
            proposed: proposed, isExpired: isExpired(need))
    }

    /// Whether the need's start has passed while it still has open slots.
    package func isOverdue(_ need: Need) -> Bool {
        guard let asOf, let start = need.dates.start else { return false }
        return start < asOf && openSlots(of: need) > 0
    }

    private struct PairKey: Hashable {
        var need: RecordID
        var staff: RecordID
    }
}

extension PairStanding {
    /// Whether the pair is an ask awaiting an answer.
    package var isAsk: Bool {
        if case .asked = self { return true }
        return false
    }
}
