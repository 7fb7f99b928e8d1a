import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst why NEED STAFF`: the full explanation of one person's fit for one need.
struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a person is, or is not, a candidate for a need.",
        discussion: """
            Shows the hard constraints that exclude the person, if any, and every score component: \
            its raw value (0–1), weight, contribution to the 0–100 score and the reason in plain \
            words. Staff have a right to this explanation (UK GDPR Art. 22). The formula is in \
            docs/SCORING.md.

              midst why N001 S0288
              midst why N001 S0288 --format json
            """)

    @Argument(help: "The need's id.") var needID: String
    @Argument(help: "The staff member's id.") var staffID: String
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let (need, staff, context) = try Terminal.exitOnError(code: .databaseProblem) {
            (
                try database.need(id: needID), try database.staff(id: staffID),
                try database.context(forStaff: staffID)
            )
        }
        guard let need else {
            throw Terminal.fail("no need with id '\(needID)'", code: .invalidData)
        }
        // Non-consenting staff are never shown: they are reported exactly like unknown ids.
        guard let staff, staff.hasConsented else {
            throw Terminal.fail(
                "no consenting staff member with id '\(staffID)'", code: .invalidData)
        }
        let scorer = Scorer(reference: BundledReference.data, config: try scoring.load())
        let explanation = scorer.explain(staff, for: need, context: context)
        let rows = explanation.components.map { part -> [Cell] in
            [
                .text(part.component.rawValue), .number(part.value, decimals: 3),
                .number(part.weight, decimals: 0),
                .number(part.contribution, decimals: 2), .text(part.reason),
            ]
        }
        let table = RecordTable(
            columns: ["component", "value", "weight", "points", "reason"], rows: rows)
        if format == .table {
            if explanation.isEligible {
                print(
                    "\(staffID) is a candidate for \(needID): score \(String(format: "%.2f", explanation.score)) of 100\n"
                )
            } else {
                print("\(staffID) is not a candidate for \(needID):")
                for exclusion in explanation.exclusions { print("  - \(exclusion)") }
                print(
                    "\nIf the constraints above were lifted, the score would be \(String(format: "%.2f", explanation.score)):\n"
                )
            }
        }
        print(table.rendered(as: format), terminator: "")
    }
}
