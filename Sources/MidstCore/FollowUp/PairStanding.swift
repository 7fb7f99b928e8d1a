/// Where a (need, person) pair stands on a day, read from its latest outcome on or before that
/// day (docs/SCORING.md, "Outcomes and the nightly loop"). A pair with no outcome has none.
package enum PairStanding: Hashable, Sendable {
    /// Asked on `since` and not answered yet, within the configuration's `askedHoldDays`: kept
    /// in the need's proposal while eligible, counting against the person's capacity.
    case asked(since: CalendarDate)
    /// Accepted (or completed) on `on`: placed on the need, filling one of its slots.
    case placed(Outcome.Kind, on: CalendarDate)
    /// Declined on `on`: never proposed for the need again.
    case declined(on: CalendarDate)
    /// Accepted, then withdrew on `on`: the slot is free, and the person is not proposed for the
    /// need again.
    case withdrawn(on: CalendarDate)
    /// Did not answer (a `no_response` on `since`, or an ask that ran out on `since`): kept off
    /// the need until `until`, the first day they may be proposed for it again.
    case resting(since: CalendarDate, until: CalendarDate, askRanOut: Bool)

    /// Whether the person may not be proposed for the need as a new candidate: placed on it,
    /// declined, withdrawn or resting. An asked person is kept, not proposed afresh.
    package var keepsOff: Bool {
        if case .asked = self { return false }
        return true
    }

    /// Whether the pair fills one of the need's slots.
    package var isPlaced: Bool {
        if case .placed = self { return true }
        return false
    }

    /// One line for a person reading why: "declined it on 2026-10-02".
    package var sentence: String {
        switch self {
        case .asked(let since): "was asked on \(since) and has not answered yet"
        case .placed(let kind, let date):
            kind == .completed
                ? "is placed on it (completed on \(date))" : "is placed on it (accepted on \(date))"
        case .declined(let date): "declined it on \(date), so is not proposed for it again"
        case .withdrawn(let date):
            "withdrew from it on \(date), so is not proposed for it again"
        case .resting(let since, let until, let askRanOut):
            askRanOut
                ? "was asked and did not answer by \(since), so is not proposed for it again before \(until)"
                : "did not respond (recorded \(since)), so is not proposed for it again before \(until)"
        }
    }

    /// The pair's standing on `day` from its outcomes (any order; those dated after `day` are
    /// not known yet and are ignored), or nil when it has none that counts.
    package static func of(
        _ outcomes: some Sequence<Outcome>, on day: CalendarDate?, rules: FollowUpRules
    ) -> PairStanding? {
        var latest: Outcome?
        for outcome in outcomes where day.map({ outcome.date <= $0 }) ?? true {
            if latest.map({ outcome.isLater(than: $0) }) ?? true { latest = outcome }
        }
        guard let latest else { return nil }
        return of(latest: latest, on: day, rules: rules)
    }

    /// The standing given by a pair's latest outcome.
    static func of(latest: Outcome, on day: CalendarDate?, rules: FollowUpRules) -> PairStanding? {
        func resting(since: CalendarDate, askRanOut: Bool) -> PairStanding? {
            let until = since.adding(days: rules.noResponseDays)
            guard day.map({ $0 < until }) ?? true else { return nil }
            return .resting(since: since, until: until, askRanOut: askRanOut)
        }
        switch latest.kind {
        case .asked:
            let ranOut = latest.date.adding(days: rules.askedHoldDays)
            if let day, ranOut <= day { return resting(since: ranOut, askRanOut: true) }
            return .asked(since: latest.date)
        case .accepted, .completed: return .placed(latest.kind, on: latest.date)
        case .declined: return .declined(on: latest.date)
        case .withdrawn: return .withdrawn(on: latest.date)
        case .noResponse: return resting(since: latest.date, askRanOut: false)
        }
    }
}
