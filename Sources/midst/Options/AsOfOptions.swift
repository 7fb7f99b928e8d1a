import ArgumentParser
import Foundation
import MidstCore

/// The `--as-of` option of the commands that say where needs and asks stand on a day.
struct AsOfOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The day to work as of (YYYY-MM-DD): needs ended before it are expired, asks and silences are counted to it, outcomes dated later are not known yet (default: $MIDST_AS_OF, else today, UTC).",
            valueName: "date"))
    var asOf: String?

    func validate() throws { _ = try date() }

    /// The day in force: the option, the environment, or today (UTC).
    func date() throws -> CalendarDate { try Self.day(given: asOf) }

    /// The latest day a record may be dated, imported or recorded (``DateHorizon``): a day
    /// after today, where today is the clock's (UTC), or the day `run` works as of
    /// (`$MIDST_AS_OF`) when later, so that replaying a past night refuses no record dated since.
    static func dateHorizon() throws -> DateHorizon {
        DateHorizon(today: max(clockDay, try day(given: nil)))
    }

    /// The clock's day (UTC).
    private static var clockDay: CalendarDate {
        CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
    }

    /// `given` when set, else `$MIDST_AS_OF`, else today (UTC).
    static func day(given: String?) throws -> CalendarDate {
        if let text = given ?? ProcessInfo.processInfo.environment["MIDST_AS_OF"].flatMap({
            $0.isEmpty ? nil : $0
        }) {
            guard let day = CalendarDate(iso: text) else {
                throw ValidationError(
                    "--as-of: \(CalendarDate.problem(parsing: text)); write the day as YYYY-MM-DD, e.g. 2026-12-05.")
            }
            return day
        }
        return clockDay
    }
}
