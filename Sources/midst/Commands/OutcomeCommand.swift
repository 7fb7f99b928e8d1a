import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst outcome NEED STAFF KIND`: record what happened when someone was asked.
struct OutcomeCommand: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Record what happened when a person was asked for a need.",
        discussion: """
            KIND is what happened, and the next run builds on it (docs/FORMATS.md, "Outcomes"):
              asked        asked, no answer yet: kept in the need's proposal while awaited
              no_response  no answer: not proposed for the need for a while
              declined     said no: never proposed for the need again
              accepted     said yes: placed on the need, filling a slot; a commitment
              withdrawn    took an acceptance back: the slot is free again
              completed    the placement happened: experience in that country
            A pair's latest outcome is where it stands. For many outcomes at once, use \
            `midst import outcomes FILE`.

              midst outcome N001 S0288 asked
              midst outcome N001 S0288 accepted
              midst outcome N001 S0288 completed --date 2026-10-01
            """)

    @Argument(help: "The need's id.") var needID: String
    @Argument(help: "The staff member's id.") var staffID: String
    @Argument(help: "asked, no_response, declined, accepted, withdrawn or completed.")
    var kind: String
    @Option(help: "The date (YYYY-MM-DD); when left out, $MIDST_AS_OF, else today (UTC).")
    var date: String?
    @OptionGroup var database: DatabaseOptions

    func outcome() throws -> Outcome {
        guard let need = RecordID(validating: needID), let staff = RecordID(validating: staffID)
        else {
            throw ValidationError("Ids are 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'.")
        }
        guard
            let outcomeKind = Outcome.Kind(
                rawValue: kind.lowercased().replacingOccurrences(of: "-", with: "_"))
        else {
            throw ValidationError(
                "Unknown outcome \(kind.quotedForMessage()); use \(Outcome.Kind.spelledOut).")
        }
        let day: CalendarDate
        if let date {
            guard let parsed = CalendarDate(iso: date) else {
                throw ValidationError("--date: \(CalendarDate.problem(parsing: date)).")
            }
            // The rule imports follow.
            let horizon = try AsOfOptions.dateHorizon()
            guard horizon.admits(parsed) else {
                throw ValidationError("--date: \(horizon.problem(parsed)).")
            }
            day = parsed
        } else {
            day = try AsOfOptions.day(given: nil)
        }
        return Outcome(needID: need, staffID: staff, kind: outcomeKind, date: day)
    }

    func validate() throws { _ = try outcome() }

    func run() throws {
        let outcome = try outcome()
        let database = try self.database.openExistingForWriting()
        try database.recordOutcome(outcome)
        print(
            "Recorded: \(outcome.staffID) \(outcome.kind.rawValue) for \(outcome.needID) on \(outcome.date)"
        )
    }
}
