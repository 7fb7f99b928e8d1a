import ArgumentParser
import Foundation
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
        let (diff, laterLines) = try Terminal.exitOnError(code: .databaseProblem) {
            let lines = (try database.shortlist(run: earlier.id), try database.shortlist(run: later.id))
            func proposal(_ run: RunRecord) throws -> [(need: String, staff: String)] {
                try database.assignments(run: run.id).map { ($0.needID, $0.staffID) }
            }
            let diff = RunDiff(
                shortlistA: lines.0.map { ($0.needID, $0.staffID, $0.score) }, proposalA: try proposal(earlier),
                shortlistB: lines.1.map { ($0.needID, $0.staffID, $0.score) }, proposalB: try proposal(later))
            return (diff, lines.1)
        }
        let reasons = try Terminal.exitOnError(code: .databaseProblem) {
            try Self.departures(diff, later: later, laterLines: laterLines, in: database)
        }
        let stillListed = Set(laterLines.map { Self.pair($0.needID, $0.staffID) })
        var rows: [[Cell]] = []
        for need in diff.needs {
            for entry in need.entered {
                rows.append([
                    .text(need.needID), .text("entered"), .text(entry.staffID), .null,
                    .number(entry.score, decimals: 2), .null,
                ])
            }
            for entry in need.left {
                rows.append([
                    .text(need.needID), .text("left"), .text(entry.staffID),
                    .number(entry.score, decimals: 2), .null,
                    .text(reasons[Self.pair(need.needID, entry.staffID)]?.text ?? ""),
                ])
            }
            for entry in need.moved {
                rows.append([
                    .text(need.needID), .text("moved"), .text(entry.staffID),
                    .number(entry.before, decimals: 2), .number(entry.after, decimals: 2), .null,
                ])
            }
            for staff in need.proposed {
                rows.append([.text(need.needID), .text("proposed"), .text(staff), .null, .null, .null])
            }
            for staff in need.withdrawn {
                let why =
                    reasons[Self.pair(need.needID, staff)]?.text
                    ?? (stillListed.contains(Self.pair(need.needID, staff))
                        ? "still on the shortlist: the proposal chose others"
                        : "never on the shortlist: a pin since cleared")
                rows.append([.text(need.needID), .text("withdrawn"), .text(staff), .null, .null, .text(why)])
            }
        }
        if format == .table {
            let count = { (keyPath: KeyPath<RunDiff.NeedChange, Int>) in
                diff.needs.reduce(0) { $0 + $1[keyPath: keyPath] }
            }
            print(
                """
                Run \(records[0].id) → run \(records[1].id): \(diff.needs.count) need\(diff.needs.count == 1 ? "" : "s") changed (run \(records[0].id) scored \(records[0].needs) needs, run \(records[1].id) scored \(records[1].needs))
                  entered shortlists  \(count(\.entered.count))
                  left shortlists     \(count(\.left.count))
                  scores moved        \(count(\.moved.count))
                  newly proposed      \(count(\.proposed.count))
                  withdrawn           \(count(\.withdrawn.count))

                """)
        }
        print(
            RecordTable(
                columns: ["need_id", "change", "staff_id", "score_before", "score_after", "why"],
                rows: rows
            ).rendered(as: format), terminator: "")
    }

    private static func pair(_ need: String, _ staff: String) -> String { need + "\u{1}" + staff }

    /// Why each person who left a shortlist in `diff` left it (by need and person), judged now
    /// with the later run's configuration; `laterLines` is the later run's shortlist.
    private static func departures(
        _ diff: RunDiff, later: RunRecord, laterLines: [ShortlistLine], in database: MidstDatabase
    )
        throws -> [String: Departure]
    {
        let leaving = diff.needs.flatMap { need in need.left.map { (need.needID, $0.staffID) } }
        guard !leaving.isEmpty else { return [:] }
        let table = try database.staffTable(reference: BundledReference.data)
        let rows = table.rows(of: leaving.map { RecordID(rawValue: $0.1) })
        let unmatchable = try database.unmatchableReasons(
            Array(Set(leaving.map(\.1).filter { rows[RecordID(rawValue: $0)] == nil })))
        let config =
            try database.scoringConfiguration(ofRun: later.id)
        let scorer = Scorer(reference: BundledReference.data, config: config)
        var plans: [String: NeedPlan] = [:]
        let needsLeft = Set(leaving.map(\.0))
        for need in try database.openNeeds() where needsLeft.contains(need.id.rawValue) {
            plans[need.id.rawValue] = NeedPlan(need: need, scorer: scorer)
        }
        let excluded = Set(
            try database.decisions().filter { $0.kind == .exclude }.map { pair($0.needID, $0.staffID) })
        var lastPlace: [String: Double] = [:]
        var counts: [String: Int] = [:]
        for line in laterLines {
            lastPlace[line.needID] = min(lastPlace[line.needID] ?? .infinity, line.score)
            counts[line.needID, default: 0] += 1
        }
        var result: [String: Departure] = [:]
        for (need, staff) in leaving {
            result[pair(need, staff)] = Departure.of(
                row: rows[RecordID(rawValue: staff)], unmatchable: unmatchable[staff] ?? "erased",
                isExcluded: excluded.contains(pair(need, staff)), plan: plans[need], table: table,
                lastPlace: (counts[need] ?? 0) >= later.topK ? lastPlace[need] : nil)
        }
        return result
    }
}
