import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst diff RUN_A RUN_B`: what changed between two runs.
struct Diff: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs: shortlist entries and exits, score moves, proposal changes.",
        discussion: """
            Prints summary counts first, then each need that changed. RUN is a run id or latest. \
            With no runs named, compares the completed run before the latest with the latest: \
            what last night changed.

            For each person who left a shortlist, `why` says why, judged from the records as \
            they are now: no longer matchable (withdrew consent, inactive, erased), excluded by \
            a coordinator, the need no longer open, at capacity, now failing a hard constraint \
            (naming it), or outranked (their score now against the later run's last place).

              midst diff
              midst diff 3 latest
              midst diff 3 4 --format json
            """)

    @Argument(help: "The earlier run (default: the completed run before the latest).")
    var runA: String?
    @Argument(help: "The later run (default: latest).") var runB: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let later = try database.recordedRun(runB ?? "latest")
        let earlier: RunRecord
        if let runA {
            earlier = try database.recordedRun(runA)
        } else {
            guard let previous = try database.completedRun(before: later) else {
                throw CommandFailure.nothingToCompare(runID: later.id)
            }
            earlier = previous
        }
        let comparison = try database.comparison(of: earlier, with: later)
        if format == .table { print(Self.summary(comparison)) }
        print(try Self.table(comparison).rendered(as: format), terminator: "")
    }

    /// The counts of each kind of change, above the table.
    static func summary(_ comparison: RunComparison) -> String {
        let (earlier, later) = (comparison.earlier, comparison.later)
        let changed = comparison.needsChanged
        return """
            Run \(earlier.id) → run \(later.id): \(changed) need\(changed == 1 ? "" : "s") changed (run \(earlier.id) scored \(earlier.needs) needs, run \(later.id) scored \(later.needs))
              entered shortlists  \(comparison.count(of: .entered))
              left shortlists     \(comparison.count(of: .left))
              scores moved        \(comparison.count(of: .moved))
              newly proposed      \(comparison.count(of: .proposed))
              withdrawn           \(comparison.count(of: .withdrawn))

            """
    }

    /// One row per change.
    static func table(_ comparison: RunComparison) -> RecordTable {
        RecordTable(
            columns: ["need_id", "change", "staff_id", "score_before", "score_after", "why"],
            rows: comparison.rows.map { row in
                [
                    .text(row.needID), .text(row.kind.rawValue), .text(row.staffID ?? ""),
                    row.before.map { .number($0, decimals: 2) } ?? .null,
                    row.after.map { .number($0, decimals: 2) } ?? .null,
                    row.why.map(Cell.text) ?? .null,
                ]
            })
    }
}
