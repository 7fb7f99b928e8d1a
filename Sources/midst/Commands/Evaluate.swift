import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst evaluate`: how well the scorer ranks the people the outcome log judged.
struct Evaluate: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how well the scorer ranks the people who accepted and completed.",
        discussion: """
            For every need with outcomes, ranks the people asked as the engine would have ranked \
            them before the offer (the need's own outcomes change neither their features nor \
            their eligibility) and compares the ranking with what happened: completed 3, \
            accepted 2, declined and no response 0. Reports NDCG@k, MRR, precision@k, recall@k \
            and MAP, each the mean over the needs with a relevant person and a bootstrap 95% \
            interval, and NDCG@k with each component's weight set to zero. Only the asked are \
            ranked: the log says nothing of the others. See docs/TUNING.md.

              midst evaluate
              midst evaluate --config tuned.json --k 5 --format json
            """)

    @Option(parsing: .unconditional, help: "The cut-off of NDCG, precision and recall (1 or more).")
    var k = 10
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard k > 0 else { throw ValidationError("--k must be at least 1.") }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let log = try database.outcomeLog()
        let config = try scoring.load()
        let scorer = Scorer(reference: BundledReference.data, config: config)
        let set = log.labelledSet(scorer: scorer)
        guard set.needs.contains(where: { $0.judged.contains { $0 > 0 } }) else {
            throw CommandFailure.nothingToEvaluate
        }
        let report = EvaluationReport(set: set, weights: config.weights, k: k)
        switch format {
        case .table: print(Self.text(report), terminator: "")
        case .json: print(try Self.json(report).rendered(escapesSlashes: false))
        case .csv: print(Self.metricRows(report).csv, terminator: "")
        }
    }

    static func metrics(_ report: EvaluationReport) -> [(name: String, summary: MetricSummary)] {
        [
            ("ndcg@\(report.k)", report.ndcg), ("mrr", report.reciprocalRank),
            ("precision@\(report.k)", report.precision), ("recall@\(report.k)", report.recall),
            ("map", report.averagePrecision),
        ]
    }

    static func metricRows(_ report: EvaluationReport) -> RecordTable {
        RecordTable(
            columns: ["metric", "mean", "ci_low", "ci_high"],
            rows: metrics(report).map {
                [
                    .text($0.name), .number($0.summary.mean, decimals: 4),
                    .number($0.summary.low, decimals: 4), .number($0.summary.high, decimals: 4),
                ]
            })
    }

    static func text(_ report: EvaluationReport) -> String {
        var text =
            "\(report.needs) needs with a relevant person (\(report.needsWithoutRelevant) without, left out), \(report.pairs) eligible judged pairs\n\n"
        text += metricRows(report).aligned
        text += "\nWith one component's weight set to 0 (ndcg@\(report.k); higher than above: the component hurts)\n\n"
        text += RecordTable(
            columns: ["component", "ndcg@\(report.k)", "change"],
            rows: report.ablation.map {
                [
                    .text($0.component.rawValue), .number($0.ndcg, decimals: 4),
                    .text(String(format: "%+.4f", $0.ndcg - report.ndcg.mean)),
                ]
            }
        ).aligned
        return text
    }

    /// One object: the counts, each metric's mean and interval, and the ablation.
    static func json(_ report: EvaluationReport) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .cell(.number(value, decimals: 4)) }
        var object: [String: JSONValue] = [
            "k": .cell(.integer(report.k)), "needs": .cell(.integer(report.needs)),
            "needs_without_relevant": .cell(.integer(report.needsWithoutRelevant)),
            "pairs": .cell(.integer(report.pairs)),
        ]
        var intervals: [String: JSONValue] = [:]
        for (name, summary) in metrics(report) {
            object[name] = number(summary.mean)
            intervals[name] = .array([number(summary.low), number(summary.high)])
        }
        object["confidence_intervals"] = .object(intervals)
        object["ablation"] = .object(
            Dictionary(
                uniqueKeysWithValues: report.ablation.map {
                    ($0.component.rawValue, .object(["ndcg@\(report.k)": number($0.ndcg)]))
                }))
        return .object(object)
    }
}
