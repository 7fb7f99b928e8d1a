import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst why NEED STAFF`: the full explanation of one person's fit for one need.
struct Why: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Explain why a person is, or is not, a candidate for a need.",
        discussion: """
            Shows the hard constraints that exclude the person, if any, and every score component: \
            its raw value (0–1), weight, contribution to the 0–100 score and the reason in plain \
            words. Staff have a right to this explanation (UK GDPR Art. 22). The formula is in \
            docs/SCORING.md. Where the pair stands by its recorded outcomes comes first (asked \
            and awaited, placed on the need, declined, withdrew, did not answer), as of --as-of.

              midst why N001 S0288
              midst why N001 S0288 --format json

            --format json prints one object: eligible, score, exclusions (each with its \
            constraint's name and reason) and components; --format csv prints the constraints, \
            then the components, one per row.
            """)

    @Argument(help: "The need's id.") var needID: String
    @Argument(help: "The staff member's id.") var staffID: String
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let need = try database.existingNeed(id: needID)
        let staff = try database.consentingStaff(id: staffID)
        let scorer = Scorer(reference: BundledReference.data, config: try scoring.load())
        let followUp = try database.followUp(
            asOf: day.date(), rules: scorer.config.followUp, needID: need.id.rawValue)
        let explanation = try database.explanation(
            of: staff, for: need, scorer: scorer, followUp: followUp)
        switch format {
        case .table: print(Self.text(explanation), terminator: "")
        case .json: print(try Self.json(explanation).rendered(escapesSlashes: false))
        case .csv: print(Self.rows(explanation).csv, terminator: "")
        }
    }

    /// The verdict, the constraints that exclude the person, and the components as a table.
    static func text(_ explanation: Explanation) -> String {
        let staffID = explanation.staffID.rawValue
        let needID = explanation.needID.rawValue
        let score = String(format: "%.2f", explanation.score)
        var text: String
        if explanation.isEligible {
            text = "\(staffID) is a candidate for \(needID): score \(score) of 100\n"
            if let standing = explanation.standing { text += "  \(staffID) \(standing.sentence)\n" }
            text += "\n"
        } else {
            text = "\(staffID) is not a candidate for \(needID):\n"
            for exclusion in explanation.exclusions {
                text += "  - \(exclusion.name): \(exclusion)\n"
            }
            text += "\nIf the constraints above were lifted, the score would be \(score):\n\n"
        }
        return text + componentTable(explanation).aligned
    }

    /// One object: the verdict, every failed constraint by name, and every component.
    static func json(_ explanation: Explanation) -> JSONValue {
        .object([
            "need_id": .cell(.text(explanation.needID.rawValue)),
            "staff_id": .cell(.text(explanation.staffID.rawValue)),
            "eligible": .bool(explanation.isEligible),
            "outcome": explanation.standing.map { .cell(.text($0.sentence)) } ?? .cell(.null),
            "score": .cell(.number(explanation.score, decimals: 2)),
            "exclusions": .rows(
                of: RecordTable(
                    columns: ["constraint", "reason"],
                    rows: explanation.exclusions.map { [.text($0.name), .text($0.description)] })),
            "components": .rows(
                of: RecordTable(
                    columns: ["component", "value", "weight", "points", "reason"],
                    rows: explanation.components.map {
                        [
                            .text($0.component.rawValue), .number($0.value, decimals: 6),
                            .number($0.weight, decimals: 6), .number($0.contribution, decimals: 6),
                            .text($0.reason),
                        ]
                    })),
        ])
    }

    /// The constraints (kind `constraint`) then the components (kind `component`), one per row.
    static func rows(_ explanation: Explanation) -> RecordTable {
        let constraints = explanation.exclusions.map { exclusion -> [Cell] in
            [.text("constraint"), .text(exclusion.name), .null, .null, .null, .text("\(exclusion)")]
        }
        let components = explanation.components.map { part -> [Cell] in
            [
                .text("component"), .text(part.component.rawValue),
                .number(part.value, decimals: 6), .number(part.weight, decimals: 6),
                .number(part.contribution, decimals: 6), .text(part.reason),
            ]
        }
        return RecordTable(
            columns: ["kind", "name", "value", "weight", "points", "reason"],
            rows: constraints + components)
    }

    private static func componentTable(_ explanation: Explanation) -> RecordTable {
        RecordTable(
            columns: ["component", "value", "weight", "points", "reason"],
            rows: explanation.components.map { part in
                [
                    .text(part.component.rawValue), .number(part.value, decimals: 3),
                    .number(part.weight, decimals: 0), .number(part.contribution, decimals: 2),
                    .text(part.reason),
                ]
            })
    }
}
