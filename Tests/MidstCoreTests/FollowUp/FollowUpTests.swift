import Testing

@testable import MidstCore

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

private func outcome(_ kind: Outcome.Kind, _ date: String, need: String = "N1", staff: String = "S1")
    -> Outcome
{
    Outcome(
        needID: RecordID(rawValue: need), staffID: RecordID(rawValue: staff), kind: kind,
        date: day(date))
}

/// How recorded outcomes become a pair's standing on a day (docs/SCORING.md, "Outcomes and the
/// nightly loop").
@Suite("Follow-up: outcomes as of a day")
struct FollowUpTests {
    let rules = FollowUpRules(askedHoldDays: 14, noResponseDays: 30)

    @Test("the latest outcome decides, and outcomes of one day follow the lifecycle order")
    func latestWins() {
        let asked = outcome(.asked, "2026-10-01")
        let accepted = outcome(.accepted, "2026-10-01")
        let withdrawn = outcome(.withdrawn, "2026-10-05")
        #expect(
            PairStanding.of([accepted, asked], on: day("2026-10-02"), rules: rules)
                == .placed(.accepted, on: day("2026-10-01")))
        #expect(
            PairStanding.of([withdrawn, accepted, asked], on: day("2026-10-06"), rules: rules)
                == .withdrawn(on: day("2026-10-05")))
        let reasked = outcome(.asked, "2026-11-01")
        #expect(
            PairStanding.of([outcome(.declined, "2026-10-03"), reasked], on: day("2026-11-02"), rules: rules)
                == .asked(since: day("2026-11-01")))
    }

    @Test("outcomes dated after the day are not known yet")
    func futureOutcomesIgnored() {
        let outcomes = [outcome(.asked, "2026-10-01"), outcome(.declined, "2026-10-10")]
        #expect(
            PairStanding.of(outcomes, on: day("2026-10-09"), rules: rules)
                == .asked(since: day("2026-10-01")))
        #expect(PairStanding.of(outcomes, on: day("2026-09-30"), rules: rules) == nil)
    }

    @Test("an ask is held for askedHoldDays, then rests as a silence for noResponseDays")
    func askRunsOut() {
        let asks = [outcome(.asked, "2026-10-01")]
        #expect(
            PairStanding.of(asks, on: day("2026-10-14"), rules: rules)
                == .asked(since: day("2026-10-01")))
        let ranOut = PairStanding.of(asks, on: day("2026-10-15"), rules: rules)
        #expect(
            ranOut
                == .resting(since: day("2026-10-15"), until: day("2026-11-14"), askRanOut: true))
        #expect(ranOut?.keepsOff == true)
        #expect(PairStanding.of(asks, on: day("2026-11-14"), rules: rules) == nil)
    }

    @Test("a no_response keeps the person off for noResponseDays; a decline for good")
    func restingAndDeclined() {
        let silent = [outcome(.noResponse, "2026-10-01")]
        #expect(PairStanding.of(silent, on: day("2026-10-30"), rules: rules)?.keepsOff == true)
        #expect(PairStanding.of(silent, on: day("2026-10-31"), rules: rules) == nil)
        let declined = [outcome(.declined, "2020-01-01")]
        #expect(
            PairStanding.of(declined, on: day("2026-12-05"), rules: rules)
                == .declined(on: day("2020-01-01")))
    }

    @Test("placed people take open slots; a withdrawal frees one")
    func openSlots() throws {
        let (_, needs) = try ReferenceFixtures.generated(staff: 0, needs: 1, seed: 3)
        var need = try #require(needs.first)
        need.slots = 2
        let id = need.id.rawValue
        let outcomes = [
            outcome(.accepted, "2026-10-01", need: id, staff: "S1"),
            outcome(.completed, "2026-10-20", need: id, staff: "S2"),
            outcome(.accepted, "2026-10-01", need: id, staff: "S3"),
            outcome(.withdrawn, "2026-10-02", need: id, staff: "S3"),
        ]
        let followUp = FollowUp(outcomes: outcomes, asOf: day("2026-10-21"), rules: rules)
        #expect(followUp.placedCount(in: need.id) == 2)
        #expect(followUp.openSlots(of: need) == 0)
        #expect(followUp.state(of: need) == .filled)
        let earlier = FollowUp(outcomes: outcomes, asOf: day("2026-10-19"), rules: rules)
        #expect(earlier.openSlots(of: need) == 1)
    }

    @Test("one vocabulary: closed, filled, expired, asked, proposed, open, first that applies")
    func needStates() {
        func state(
            _ stored: Need.Status = .open, placed: Int = 0, asked: Int = 0, proposed: Int = 0,
            expired: Bool = false
        ) -> NeedState {
            NeedState(
                stored: stored, slots: 2, placed: placed, asked: asked, proposed: proposed,
                isExpired: expired)
        }
        #expect(state(.closed, placed: 2) == .closed)
        #expect(state(placed: 2, expired: true) == .filled)
        #expect(state(.filled) == .filled)
        #expect(state(placed: 1, asked: 1, expired: true) == .expired)
        #expect(state(asked: 1, proposed: 2) == .asked)
        #expect(state(proposed: 1) == .proposed)
        #expect(state() == .open)
        #expect(NeedState.allCases.filter(\.isMatched) == [.open, .proposed, .asked])
    }

    @Test("a need ended before the run's date is expired; one started with slots open is overdue")
    func expiredAndOverdue() throws {
        let (_, needs) = try ReferenceFixtures.generated(staff: 0, needs: 1, seed: 3)
        var need = try #require(needs.first)
        need.dates = CalendarDate.Window(start: day("2026-09-01"), end: day("2026-09-30"))
        let during = FollowUp(asOf: day("2026-09-15"), rules: rules)
        #expect(!during.isExpired(need))
        #expect(during.isOverdue(need))
        let after = FollowUp(asOf: day("2026-10-01"), rules: rules)
        #expect(after.isExpired(need))
        #expect(after.state(of: need) == .expired)
        #expect(!FollowUp().isExpired(need))
    }

    @Test("day arithmetic crosses months and leap days, and stays within years 1–9999")
    func addingDays() {
        #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("9999-12-30").adding(days: 10_000) == day("9999-12-31"))
    }
}
