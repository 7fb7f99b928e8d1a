import ArgumentParser
import MidstCore
import MidstStore

/// `midst diff RUN_A RUN_B`: what changed between two runs.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two runs: shortlist entries and exits, score moves, proposal changes.",
        discussion: """
            Prints summary counts first, then each need that changed. RUN is a run id or latest. \
            With no runs named, compares the completed run before the latest with the latest: \
            what last night changed.

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
            let completed = try Terminal.exitOnError(code: .databaseProblem) {
                try database.runs().filter { $0.status == "completed" && $0.id < later.id }
            }
            guard let previous = completed.first else {
                throw Terminal.fail(
                    "run \(later.id) is the first completed run: there is nothing to compare it with",
                    code: .invalidData)
            }
            earlier = previous
        }
        let records = [earlier, later]
        let diff = try Terminal.exitOnError(code: .databaseProblem) {
            func shortlist(_ run: RunRecord) throws -> [(
                need: String, staff: String, score: Double
            )] {
                try database.shortlist(run: run.id).map { ($0.needID, $0.staffID, $0.score) }
            }
            func proposal(_ run: RunRecord) throws -> [(need: String, staff: String)] {
                try database.assignments(run: run.id).map { ($0.needID, $0.staffID) }
            }
            return RunDiff(
                shortlistA: try shortlist(records[0]), proposalA: try proposal(records[0]),
                shortlistB: try shortlist(records[1]), proposalB: try proposal(records[1]))
        }
        var rows: [[Cell]] = []
        for need in diff.needs {
            for entry in need.entered {
                rows.append([
                    .text(need.needID), .text("entered"), .text(entry.staffID), .null,
                    .number(entry.score, decimals: 2),
                ])
            }
            for entry in need.left {
                rows.append([
                    .text(need.needID), .text("left"), .text(entry.staffID),
                    .number(entry.score, decimals: 2), .null,
                ])
            }
            for entry in need.moved {
                rows.append([
                    .text(need.needID), .text("moved"), .text(entry.staffID),
                    .number(entry.before, decimals: 2), .number(entry.after, decimals: 2),
                ])
            }
            for staff in need.proposed {
                rows.append([.text(need.needID), .text("proposed"), .text(staff), .null, .null])
            }
            for staff in need.withdrawn {
                rows.append([.text(need.needID), .text("withdrawn"), .text(staff), .null, .null])
            }
        }
        if format == .table {
            let count = { (keyPath: KeyPath<RunDiff.NeedChange, Int>) in
                diff.needs.reduce(0) { $0 + $1[keyPath: keyPath] }
            }
            print(
                """
                Run \(records[0].id) → run \(records[1].id): \(diff.needs.count) of \(diff.needsCompared) needs changed
                  entered shortlists  \(count(\.entered.count))
                  left shortlists     \(count(\.left.count))
                  scores moved        \(count(\.moved.count))
                  newly proposed      \(count(\.proposed.count))
                  withdrawn           \(count(\.withdrawn.count))

                """)
        }
        print(
            RecordTable(
                columns: ["need_id", "change", "staff_id", "score_before", "score_after"],
                rows: rows
            ).rendered(as: format), terminator: "")
    }
}
