import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst tune`: weights that rank the outcome log's accepted and completed people better.
struct Tune: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Propose weights that rank the people who accepted and completed higher.",
        discussion: """
            Fits the component weights to the outcome log by coordinate ascent with random \
            restarts, judged by k-fold cross-validation split by need (no need is both trained \
            and tested on). Prints the defaults against the tuned weights on the held-out needs, \
            with bootstrap intervals and the paired difference, and says when the gain is within \
            noise (then keep the defaults). Writes the weights fitted on every need as a \
            configuration that run, candidates and evaluate accept. Deterministic for a seed. \
            See docs/TUNING.md.

              midst tune --out tuned.json
              midst evaluate --config tuned.json
              midst run --config tuned.json

            The log over-rewards what the ranking of the day liked: coordinators asked its top \
            people. When the log records the rank each asked person was shown at, tune \
            maximises NDCG corrected for it by default (--objective ipw): each judged person \
            counts 1/θ times, θ the estimated propensity of being asked at their rank (at \
            least 0.1), so the few asked from further down stand for everyone shown there. \
            --objective naive maximises the metric as the log gives it (the default without \
            shown ranks, or with a --metric other than NDCG). See docs/TUNING.md, "Learning \
            despite exposure".

              midst tune --objective naive --out naive.json

            With --import-weights, tunes nothing: it writes the weights of a file learnt \
            elsewhere (on `midst features` output, say) into the configuration at --out, the \
            --config given or the defaults with those weights, scaled to a total of 100. The \
            file is CSV headed `component,weight`, or a JSON object of component weights \
            (alone or under "weights"); a component left out weighs 0. See docs/TUNING.md, \
            "Other learners".

              midst tune --import-weights weights.csv --out learnt.json
              midst evaluate --config learnt.json
            """)

    @Option(help: "The measure to maximise: ndcg@K, map, mrr, precision@K or recall@K.")
    var metric = "ndcg@10"
    @Option(
        help: ArgumentHelp(
            "ipw (NDCG weighted by 1/propensity of the shown rank; the default when the log has shown ranks and the metric is NDCG) or naive.",
            valueName: "objective"))
    var objective: TuningObjective?
    @Option(parsing: .unconditional, help: "Cross-validation folds, split by need (2 or more).")
    var folds = 5
    @Option(help: "The random seed (fold split and restarts).") var seed: UInt64 = 1
    @Option(
        help: ArgumentHelp("Where to write the tuned configuration.", valueName: "file"))
    var out = "tuned.json"
    @Option(
        help: ArgumentHelp(
            "Write these weights (CSV component,weight or JSON) as the configuration instead of tuning.",
            valueName: "file"))
    var importWeights: String?
    @Flag(help: "Replace a file at --out that is not a configuration `midst tune` wrote.")
    var force = false
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard WeightTuner.Metric(metric) != nil else {
            throw ValidationError("--metric must be ndcg@K, map, mrr, precision@K or recall@K.")
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2.") }
        if objective == .ipw, WeightTuner.Metric(metric)?.kind != .ndcg {
            throw ValidationError("--objective ipw corrects NDCG only: give --metric ndcg@K, or --objective naive.")
        }
    }

    func run() throws {
        try self.database.refuseOverwriting(out, purpose: .configuration, force: force, inputs: scoring.config.map { [($0, "the configuration read")] } ?? [])
        if let importWeights { return try writeImported(importWeights) }
        let database = try self.database.openExisting()
        let log = try database.outcomeLog()
        let config = try scoring.load()
        let set = log.labelledSet(
            scorer: Scorer(reference: BundledReference.data, config: config))
        let evaluated = set.needs.count { $0.judged.contains { $0 > 0 } }
        guard evaluated >= folds else {
            throw CommandFailure.tooFewToTune(needs: evaluated, folds: folds)
        }
        var tuner = WeightTuner(metric: WeightTuner.Metric(metric)!)
        tuner.folds = folds
        tuner.seed = seed
        let bias = PositionBiasModel(set: set)
        let objective = objective ?? (bias != nil && tuner.metric.kind == .ndcg ? .ipw : .naive)
        if objective == .ipw {
            guard let bias else { throw CommandFailure.noShownRanks }
            tuner.objective = .inversePropensity(
                InversePropensityNDCG(set: set, model: bias, k: tuner.metric.k))
        }
        if Terminal.stderrIsTerminal { Terminal.progress("tuning on \(evaluated) needs…") }
        let report = tuner.tune(set, defaults: config.weights)
        if Terminal.stderrIsTerminal { Terminal.note("") }
        var tuned = config
        tuned.weights = report.weights
        try OwnerOnlyFile.write(Array(tuned.json().utf8), to: out)
        var text = Self.text(
            report, objective: objective, needs: evaluated, folds: folds, seed: seed, out: out)
        if objective == .ipw, let bias { text += "\n" + PositionBiasText.lines(bias) }
        print(text, terminator: "")
    }

    /// What `tune` maximises.
    enum TuningObjective: String, ExpressibleByArgument, CaseIterable {
        case naive, ipw
    }

    /// `--import-weights`: the file's weights in the configuration at `--out`.
    private func writeImported(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else { throw CommandFailure.unreadableConfiguration(path: path) }
        var config = try scoring.load()
        config.weights = try ImportedWeights.parse(text, file: path)
        try OwnerOnlyFile.write(Array(config.json().utf8), to: out)
        print("Wrote the weights of \(path) to \(out):")
        print(
            RecordTable(
                columns: ["component", "weight"],
                rows: ScoreComponent.allCases.map {
                    [.text($0.rawValue), .number(config.weights[$0], decimals: 2)]
                }
            ).aligned, terminator: "")
    }

    static func text(
        _ report: WeightTuner.Report, objective: TuningObjective, needs: Int, folds: Int, seed: UInt64,
        out: String
    ) -> String {
        let name = (objective == .ipw ? "ipw-" : "") + report.metric.description
        var text =
            "Tuning \(name) by coordinate ascent: \(needs) needs with a relevant person, \(folds) folds split by need, seed \(seed)\n\n"
        text += RecordTable(
            columns: ["fold", "held-out needs", "defaults", "tuned"],
            rows: report.folds.enumerated().map { index, fold in
                [
                    .integer(index + 1), .integer(fold.needs), .number(fold.defaults, decimals: 4),
                    .number(fold.tuned, decimals: 4),
                ]
            }
        ).aligned
        func interval(_ summary: MetricSummary, signed: Bool = false) -> String {
            let format = signed ? "%+.4f" : "%.4f"
            return String(format: format, summary.mean) + " ["
                + String(format: format, summary.low) + ", " + String(format: format, summary.high)
                + "]"
        }
        text += "\nHeld out (\(name), mean and bootstrap 95% interval):\n"
        text += "  defaults    \(interval(report.defaults))\n"
        text += "  tuned       \(interval(report.tuned))\n"
        text += "  difference  \(interval(report.difference, signed: true)) (paired, need by need)\n\n"
        text +=
            report.isImprovement
            ? "The tuned weights rank better on needs they were not fitted to.\n"
            : "The difference is within noise: keep the defaults.\n"
        text +=
            "\nWeights fitted on every need (\(name) \(String(format: "%.4f", report.trainingValue)) against \(String(format: "%.4f", report.defaultTrainingValue)) for the defaults), written to \(out):\n"
        text += RecordTable(
            columns: ["component", "weight"],
            rows: ScoreComponent.allCases.map {
                [.text($0.rawValue), .number(report.weights[$0], decimals: 2)]
            }
        ).aligned
        return text
    }
}
