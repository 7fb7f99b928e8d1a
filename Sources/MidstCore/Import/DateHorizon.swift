/// The latest day an imported record may be dated: today plus a small allowance for clocks and
/// time zones. A record's own date (a staff or need `updated_at`, an outcome's `date`) later than
/// that is a typo (`2062-11-20` for `2026-11-20`), and is refused: stored, it would be newer than
/// every later correction, and could give back a consent withdrawn since.
///
/// Dates that are meant to lie ahead (availability windows, a need's `start` and `end`) are not
/// held to it.
package struct DateHorizon: Sendable, Hashable {
    /// The days a record may be dated after today: a day covers any time zone and a clock a
    /// little fast.
    package static let skewDays = 1

    /// Today, as the command sees it (`$MIDST_AS_OF`, else the day in UTC).
    package let today: CalendarDate
    /// The last day accepted: ``today`` plus ``skewDays``.
    package let lastDay: CalendarDate

    package init(today: CalendarDate) {
        self.today = today
        lastDay = today.adding(days: Self.skewDays)
    }

    /// No limit: for generated data, whose dates are fixed whatever the day it is read on.
    package static let anyDate = DateHorizon(today: CalendarDate.last)

    /// The horizon of the day `now` falls on (UTC).
    package init(now: Timestamp) {
        self.init(today: CalendarDate(iso: now.iso.prefix(10))!)
    }

    /// Whether `date` is no later than ``lastDay``.
    package func admits(_ date: CalendarDate) -> Bool { date <= lastDay }

    /// Whether `time` falls on or before ``lastDay`` (UTC).
    package func admits(_ time: Timestamp) -> Bool {
        CalendarDate(iso: time.iso.prefix(10)).map(admits) ?? false
    }

    /// Why a record dated `date` is refused.
    package func problem(_ date: CalendarDate) -> String {
        "\(date) is in the future (today is \(today); a record may be dated at most \(Self.skewDays) day later): a typo? Future dates are refused, so that they cannot outrank later corrections"
    }
}
