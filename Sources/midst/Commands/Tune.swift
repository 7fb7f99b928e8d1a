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
            and tested on), repeated --repeats times with new folds. Prints every fold's \
            weights, the defaults against the tuned weights on the held-out needs (each need's \
            mean over the repeats), with bootstrap intervals and the paired difference, and \
            says when the gain is within noise (then keep the defaults). Writes the weights \
            fitted on every need as a configuration that run, candidates and evaluate accept, \
            and prints them beside their spread over the folds. Deterministic for a seed. See \
            docs/TUNING.md.

              midst tune --out tuned.json
              midst evaluate --config tuned.json
              midst run --config tuned.json

            With --split date, trains once on the needs offered before a cut day (a need is \
            offered on the day of its earliest outcome) and tests on the needs offered on it or \
            later, as the weights would be used: the cut is the offer day of the need at 80% of \
            the needs sorted by offer day, or at the fraction or on the day given.

              midst tune --split date:0.7 --format json
              midst tune --split date:2026-07-01

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

    @Option(
        help:
            "The measure to maximise: ndcg@K, map, mrr, precision@K, recall@K, ordered_precision@K or ordered_recall@K."
    )
    var metric = "ndcg@10"
    @Option(
        help: ArgumentHelp(
            "ipw (NDCG weighted by 1/propensity of the shown rank; the default when the log has shown ranks and the metric is NDCG) or naive.",
            valueName: "objective"))
    var objective: TuningObjective?
    @Option(parsing: .unconditional, help: "Cross-validation folds, split by need (2 or more).")
    var folds = 5
    @Option(
        parsing: .unconditional,
        help: "How many times cross-validation deals the needs into new folds (1 or more).")
    var repeats = 3
    @Option(
        help: ArgumentHelp(
            "random (folds by need), or date[:FRACTION|:YYYY-MM-DD] (train on needs offered before the cut, test on the later ones; the cut at 0.8 by default).",
            valueName: "split"))
    var split = "random"
    @Option(help: "The random seed (fold split and restarts).") var seed: UInt64 = 1
    @Option(help: "table or json.") var format: Format = .table
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
            throw ValidationError(
                "--metric must be ndcg@K, map, mrr, precision@K, recall@K, ordered_precision@K or ordered_recall@K."
            )
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2.") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1.") }
        guard WeightTuner.Split(split) != nil else {
            throw ValidationError(
                "--split must be random, date, date:FRACTION (above 0, below 1) or date:YYYY-MM-DD.")
        }
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
        tuner.split = WeightTuner.Split(split)!
        tuner.folds = folds
        tuner.repeats = repeats
        tuner.seed = seed
        let bias = PositionBiasModel(set: set)
        let objective = objective ?? (bias != nil && tuner.metric.kind == .ndcg ? .ipw : .naive)
        if objective == .ipw {
            guard let bias else { throw CommandFailure.noShownRanks }
            tuner.objective = .inversePropensity(
                InversePropensityNDCG(set: set, model: bias, k: tuner.metric.k))
        }
        if Terminal.stderrIsTerminal { Terminal.progress("tuning on \(evaluated) needs…") }
        let report = try tuner.tune(set, defaults: config.weights)
        if Terminal.stderrIsTerminal { Terminal.note("") }
        var tuned = config
        tuned.weights = report.weights
        try OwnerOnlyFile.write(Array(tuned.json().utf8), to: out)
        switch format {
        case .json:
            var object = Self.json(report, needs: evaluated, out: out)
            if case .object(var fields) = object {
                fields["objective"] = .cell(.text(objective.rawValue))
                object = .object(fields)
            }
            print(try object.rendered(escapesSlashes: false))
        case .table:
            var text = Self.text(
                report, objective: objective, needs: evaluated, folds: folds, seed: seed, out: out)
            if objective == .ipw, let bias { text += "\n" + PositionBiasText.lines(bias) }
            print(text, terminator: "")
        }
    }

    /// What `tune` maximises.
    enum TuningObjective: String, ExpressibleByArgument, CaseIterable {
        case naive, ipw
    }

    /// What `midst tune` prints: one report, no records to list as CSV.
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

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
}
