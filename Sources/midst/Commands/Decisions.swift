import ArgumentParser
import MidstCore
import MidstStore

/// `midst decisions`: every coordinator decision in force.
struct Decisions: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions", abstract: "List the pinned and excluded pairs.")
    @Option(help: "Only this need.") var need: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let decisions = try database.openExisting().decisions(needID: need)
        print(try Self.table(decisions).rendered(as: format), terminator: "")
    }

    static func table(_ decisions: [Decision]) -> RecordTable {
        RecordTable(
            columns: ["need_id", "staff_id", "decision", "reason", "decided_at"],
            rows: decisions.map {
                [
                    .text($0.needID), .text($0.staffID), .text($0.kind.rawValue),
                    .text($0.reason ?? ""), .text($0.decidedAt),
                ]
            })
    }
}
