import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst evaluate`: how well the scorer ranks the people the outcome log judged.
struct Evaluate: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure how well the scorer ranks the people who accepted and completed.",
        discussion: """
            For every need with outcomes, ranks the people asked as the engine would have ranked \
            them before the offer (the need's own outcomes change neither their features nor \
            their eligibility) and compares the ranking with what happened: completed 3, \
            accepted 2, declined and no response 0. Reports NDCG@k, MRR, precision@k, recall@k, \
            MAP, and precision and recall averaged over the cut-offs 1 to k \
            (ordered_precision@k, ordered_recall@k: unlike precision@k and recall@k, they \
            depend on the order within the top k), each the mean over the needs with a \
            relevant person and a bootstrap 95% \
            interval, and NDCG@k with each component's weight set to zero. Only the asked are \
            ranked: the log says nothing of the others. See docs/TUNING.md.

              midst evaluate
              midst evaluate --config tuned.json --k 5 --format json

            Beside every mean stands the same metric for a random order of the same people: \
            what a ranking must beat. --per-need writes each need's metrics to a CSV file; \
            --by groups the needs by country, specialty, profession or month offered; \
            --compare evaluates a second configuration on the same needs and prints the \
            difference with a paired bootstrap interval (when it lies above 0, the second ranks \
            better).

              midst evaluate --per-need per-need.csv --by country
              midst evaluate --compare tuned.json

            When the log records the rank each asked person was shown at, ipw-ndcg@k stands \
            beside the plain NDCG: each judged person counted 1/θ times, θ the estimated \
            propensity of being asked at their rank, so that the log's bias towards the old \
            ranking's top people is corrected (the propensities follow the table). See \
            docs/TUNING.md, "Learning despite exposure".
            """)

    @Option(parsing: .unconditional, help: "The cut-off of NDCG, precision and recall (1 or more).")
    var k = 10
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Write each evaluated need's metrics to this CSV file.", valueName: "file"))
    var perNeed: String?
    @Option(help: "Also report NDCG by country, specialty, profession or month (offered).")
    var by: Segmentation?
    @Option(
        help: ArgumentHelp(
            "A second configuration to compare with --config on the same needs.", valueName: "config"))
    var compare: String?
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
        let exposure = EvaluationReport.inversePropensityNDCG(set: set, weights: config.weights, k: k)
        if let perNeed {
            try self.database.refuseOverwriting(
                perNeed, purpose: .table(columns: Self.perNeedColumns(k: k)))
            try OwnerOnlyFile.write(Array(Self.perNeedRows(report).csv.utf8), to: perNeed)
        }
        let segments = by.map { by in
            let records = Dictionary(log.needs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return report.segments { by.segment(of: set.needs[$0], record: records[set.needs[$0].id]) }
        }
        var comparison: Comparison?
        if let compare {
            let other = try ConfigOptions(config: compare).load()
            let otherSet = log.labelledSet(
                scorer: Scorer(reference: BundledReference.data, config: other))
            let otherReport = EvaluationReport(set: otherSet, weights: other.weights, k: k)
            comparison = Comparison(
                path: compare, report: otherReport, difference: report.difference(to: otherReport))
        }
        switch format {
        case .table:
            print(Self.text(report, exposure: exposure), terminator: "")
            if let segments, let by { print("\n" + Self.segmentRows(segments, by: by, k: k).aligned, terminator: "") }
            if let comparison { print("\n" + Self.text(comparison, k: k), terminator: "") }
        case .json:
            var object = Self.json(report, exposure: exposure)
            if case .object(var fields) = object {
                if let segments, let by { fields["by_\(by.rawValue)"] = JSONValue.rows(of: Self.segmentRows(segments, by: by, k: k)) }
                if let comparison { fields["comparison"] = Self.json(comparison) }
                object = .object(fields)
            }
            print(try object.rendered(escapesSlashes: false))
        case .csv: print(Self.metricRows(report, exposure: exposure).csv, terminator: "")
        }
    }

    /// How `--by` groups the needs.
    enum Segmentation: String, ExpressibleByArgument, CaseIterable {
        case country, specialty, profession, month

        /// The segment of `need` (of the labelled set), from its record.
        func segment(of need: LabelledSet.Need, record: MidstCore.Need?) -> String {
            if case .month = self { return String(need.offered.description.prefix(7)) }
            guard let record else { return "?" }
            switch self {
            case .country: return record.country.rawValue
            case .specialty: return record.specialties.first?.rawValue ?? "(any)"
            case .profession: return record.professions.map(\.rawValue).joined(separator: "|")
            case .month: return ""
            }
        }
    }

    /// A second configuration's report and its difference from the first, need by need.
    struct Comparison {
        var path: String
        var report: EvaluationReport
        var difference: [(metric: String, summary: MetricSummary)]
    }

    static func perNeedColumns(k: Int) -> [String] {
        ["need_id"] + RankingMetrics.named(k: k).map(\.0) + ["random_ndcg@\(k)"]
    }

    static func perNeedRows(_ report: EvaluationReport) -> RecordTable {
        RecordTable(
            columns: perNeedColumns(k: report.k),
            rows: report.perNeed.map { need in
                [.text(need.needID.rawValue)]
                    + RankingMetrics.named(k: report.k).map { .number($0.1(need.metrics), decimals: 6) }
                    + [.number(need.random.ndcg, decimals: 6)]
            })
    }

    static func segmentRows(_ segments: [EvaluationReport.Segment], by: Segmentation, k: Int)
        -> RecordTable
    {
        RecordTable(
            columns: [by.rawValue, "needs", "ndcg@\(k)", "ci_low", "ci_high", "random"],
            rows: segments.map {
                [
                    .text($0.name), .integer($0.needs), .number($0.ndcg.mean, decimals: 4),
                    .number($0.ndcg.low, decimals: 4), .number($0.ndcg.high, decimals: 4),
                    .number($0.randomNDCG, decimals: 4),
                ]
            })
    }

    static func text(_ comparison: Comparison, k: Int) -> String {
        var text = "Compared with \(comparison.path) on the same needs (its value; its minus this one's, paired bootstrap 95% interval)\n\n"
        let theirs = metrics(comparison.report)
        text += RecordTable(
            columns: ["metric", "value", "difference", "ci_low", "ci_high"],
            rows: zip(theirs, comparison.difference).map { mine, difference in
                [
                    .text(mine.name), .number(mine.summary.mean, decimals: 4),
                    .text(String(format: "%+.4f", difference.summary.mean)),
                    .text(String(format: "%+.4f", difference.summary.low)),
                    .text(String(format: "%+.4f", difference.summary.high)),
                ]
            }
        ).aligned
        let ndcg = comparison.difference[0].summary
        text +=
            ndcg.low > 0
            ? "\n\(comparison.path) ranks better (ndcg@\(k)): the interval lies above 0.\n"
            : ndcg.high < 0
                ? "\n\(comparison.path) ranks worse (ndcg@\(k)): the interval lies below 0.\n"
                : "\nThe difference in ndcg@\(k) is within noise.\n"
        return text
    }

    static func json(_ comparison: Comparison) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .cell(.number(value, decimals: 4)) }
        var difference: [String: JSONValue] = [:]
        for (name, summary) in comparison.difference {
            difference[name] = .object([
                "mean": number(summary.mean), "ci": .array([number(summary.low), number(summary.high)]),
            ])
        }
        return .object([
            "config": .cell(.text(comparison.path)), "metrics": json(comparison.report),
            "difference": .object(difference),
        ])
    }

    static func metrics(_ report: EvaluationReport) -> [(name: String, summary: MetricSummary)] {
        [
            ("ndcg@\(report.k)", report.ndcg), ("mrr", report.reciprocalRank),
            ("precision@\(report.k)", report.precision), ("recall@\(report.k)", report.recall),
            ("map", report.averagePrecision),
            ("ordered_precision@\(report.k)", report.orderedPrecision),
            ("ordered_recall@\(report.k)", report.orderedRecall),
        ]
    }

    /// NDCG corrected for exposure, and the position-bias model it weighs by.
    typealias ExposureCorrection = (model: PositionBiasModel, ndcg: MetricSummary)

    static func metricRows(_ report: EvaluationReport, exposure: ExposureCorrection? = nil) -> RecordTable {
        var rows: [[Cell]] = zip(metrics(report), RankingMetrics.named(k: report.k)).map { metric, named in
            [
                .text(metric.name), .number(metric.summary.mean, decimals: 4),
                .number(metric.summary.low, decimals: 4), .number(metric.summary.high, decimals: 4),
                .number(named.1(report.randomOrder), decimals: 4),
            ]
        }
        if let exposure {
            rows.insert(
                [
                    .text("ipw-ndcg@\(report.k)"), .number(exposure.ndcg.mean, decimals: 4),
                    .number(exposure.ndcg.low, decimals: 4), .number(exposure.ndcg.high, decimals: 4), .null,
                ], at: 1)
        }
        return RecordTable(columns: ["metric", "mean", "ci_low", "ci_high", "random"], rows: rows)
    }

    static func text(_ report: EvaluationReport, exposure: ExposureCorrection? = nil) -> String {
        var text =
            "\(report.needs) needs with a relevant person (\(report.needsWithoutRelevant) without, left out), \(report.pairs) eligible judged pairs\n\n"
        text += metricRows(report, exposure: exposure).aligned
        text +=
            "(precision@\(report.k) and recall@\(report.k) count the top \(report.k) in any order; "
            + "ordered_ averages them over the cut-offs 1 to \(report.k), so order counts)\n"
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
        if let exposure { text += "\n" + PositionBiasText.lines(exposure.model) }
        return text
    }

    /// One object: the counts, each metric's mean and interval, the ablation, and with shown
    /// ranks the NDCG corrected for exposure and its position-bias model.
    static func json(_ report: EvaluationReport, exposure: ExposureCorrection? = nil) -> JSONValue {
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
        if let exposure {
            object["ipw-ndcg@\(report.k)"] = number(exposure.ndcg.mean)
            intervals["ipw-ndcg@\(report.k)"] = .array([number(exposure.ndcg.low), number(exposure.ndcg.high)])
            object["position_bias"] = PositionBiasText.json(exposure.model)
        }
        object["confidence_intervals"] = .object(intervals)
        object["random"] = .object(
            Dictionary(
                uniqueKeysWithValues: RankingMetrics.named(k: report.k).map {
                    ($0.0, number($0.1(report.randomOrder)))
                }))
        object["ablation"] = .object(
            Dictionary(
                uniqueKeysWithValues: report.ablation.map {
                    ($0.component.rawValue, .object(["ndcg@\(report.k)": number($0.ndcg)]))
                }))
        return .object(object)
    }
}
