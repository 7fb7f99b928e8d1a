import ArgumentParser
import MidstStore

/// `midst runs`: the history of the nightly batch.
struct Runs: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the recorded runs, newest first.",
        discussion: """
            Shows each run's id, when it finished, its status, counts, totals and duration. \
            Failed runs are listed with their reason; `latest` always means the newest completed run.

              midst runs
              midst runs --format json
            """)

    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let runs = try database.openExisting().runs()
        let rows = runs.map { run -> [Cell] in
            [
                .integer(Int(run.id)), .text(run.finishedAt ?? run.startedAt), .text(run.status),
                .integer(run.needs),
                .integer(run.eligibleStaff), .integer(run.edges), .integer(run.assigned),
                .number(run.totalScore, decimals: 2), .number(run.optimalObjective, decimals: 2),
                .number(run.greedyObjective, decimals: 2), .text(run.solver),
                .number(
                    run.loadSeconds + run.scoreSeconds + run.solveSeconds + run.writeSeconds,
                    decimals: 2),
                .text(run.failure ?? run.note ?? ""),
            ]
        }
        let columns = [
            "run", "finished", "status", "needs", "people", "edges", "assigned", "total_score",
            "optimal",
            "greedy", "solver", "seconds", "note",
        ]
        print(try RecordTable(columns: columns, rows: rows).rendered(as: format), terminator: "")
    }
}
