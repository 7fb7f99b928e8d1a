import Foundation
import MidstCore

/// How `midst tune` prints its report: a table for terminals, one JSON object for scripts.
extension Tune {
    /// Each fold: its repeat, the needs it trained on and held out, defaults against tuned on
    /// the held-out needs, and the weights it fitted.
    static func foldRows(_ report: WeightTuner.Report) -> RecordTable {
        var foldInRepeat: [Int: Int] = [:]
        return RecordTable(
            columns: ["repeat", "fold", "training", "held-out", "defaults", "tuned"]
                + ScoreComponent.allCases.map(\.rawValue),
            rows: report.folds.map { fold in
                foldInRepeat[fold.repeatIndex, default: 0] += 1
                return [
                    .integer(fold.repeatIndex + 1), .integer(foldInRepeat[fold.repeatIndex]!),
                    .integer(fold.trainingNeeds), .integer(fold.needs),
                    .number(fold.defaults, decimals: 4), .number(fold.tuned, decimals: 4),
                ] + ScoreComponent.allCases.map { .number(fold.weights[$0], decimals: 2) }
            })
    }

    /// Each component: the weight fitted on every need, and its mean, standard deviation,
    /// minimum and maximum over the folds.
    static func weightRows(_ report: WeightTuner.Report) -> RecordTable {
        let spread = report.spread
        return RecordTable(
            columns: ["component", "weight", "fold_mean", "fold_sd", "fold_min", "fold_max"],
            rows: ScoreComponent.allCases.map { component in
                let weight = spread[component]!
                return [
                    .text(component.rawValue), .number(report.weights[component], decimals: 2),
                    .number(weight.mean, decimals: 2),
                    .number(weight.standardDeviation, decimals: 2),
                    .number(weight.minimum, decimals: 2), .number(weight.maximum, decimals: 2),
                ]
            })
    }

    /// How the needs were split, in words.
    static func splitText(_ report: WeightTuner.Report, needs: Int, folds: Int) -> String {
        switch report.split {
        case .random:
            let repeats = report.repeatDifferences.count
            return "\(folds) folds split by need, \(repeats) repeat\(repeats == 1 ? "" : "s")"
        case .date:
            let fold = report.folds[0]
            return "split by date: trained on the \(fold.trainingNeeds) needs offered before "
                + "\(report.cut!), tested on the \(fold.needs) offered on or after it"
        }
    }

    /// The verdict in words: what the difference averaged over the repeats says, and how many
    /// repeats say it alone.
    static func verdict(_ report: WeightTuner.Report) -> String {
        let repeats = report.repeatDifferences.count
        let alone =
            repeats > 1
            ? " (averaged over \(repeats) repeats; \(report.repeatsImproving) of \(repeats) clear noise alone)"
            : ""
        return report.isImprovement
            ? "The tuned weights rank better on needs they were not fitted to\(alone).\n"
            : "The difference is within noise\(alone): keep the defaults.\n"
    }

    static func text(
        _ report: WeightTuner.Report, objective: TuningObjective, needs: Int, folds: Int,
        seed: UInt64, out: String
    ) -> String {
        let name = (objective == .ipw ? "ipw-" : "") + report.metric.description
        var text =
            "Tuning \(name) by coordinate ascent: \(needs) needs with a relevant person, "
            + "\(splitText(report, needs: needs, folds: folds)), seed \(seed)\n\n"
        text += foldRows(report).aligned
        func interval(_ summary: MetricSummary, signed: Bool = false) -> String {
            let format = signed ? "%+.4f" : "%.4f"
            return String(format: format, summary.mean) + " ["
                + String(format: format, summary.low) + ", " + String(format: format, summary.high)
                + "]"
        }
        text += "\nHeld out (\(name), mean and bootstrap 95% interval"
        text +=
            report.repeatDifferences.count > 1 ? "; each need's mean over the repeats):\n" : "):\n"
        text += "  defaults    \(interval(report.defaults))\n"
        text += "  tuned       \(interval(report.tuned))\n"
        text +=
            "  difference  \(interval(report.difference, signed: true)) (paired, need by need)\n"
        if report.repeatDifferences.count > 1 {
            for (index, difference) in report.repeatDifferences.enumerated() {
                text += "    repeat \(index + 1)  \(interval(difference, signed: true))\n"
            }
        }
        text += "\n" + verdict(report)
        text +=
            "\nWeights fitted on every need (\(name) \(String(format: "%.4f", report.trainingValue)) against \(String(format: "%.4f", report.defaultTrainingValue)) for the defaults), written to \(out), beside their spread over the folds:\n"
        text += weightRows(report).aligned
        let below = report.belowMinimumScore
        if below.defaults.pairs + below.tuned.pairs > 0 {
            text +=
                "\nmin_score is a score out of 100 under the weights in force: it leaves out "
                + "\(below.defaults.pairs) judged pairs (\(below.defaults.relevant) relevant) under the defaults, "
                + "\(below.tuned.pairs) (\(below.tuned.relevant) relevant) under the tuned weights.\n"
        }
        return text
    }

    /// One object: the split, every fold, the spread, the held-out summaries and verdict, and
    /// the proposal.
    static func json(_ report: WeightTuner.Report, needs: Int, out: String) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .cell(.number(value, decimals: 4)) }
        func summary(_ summary: MetricSummary) -> JSONValue {
            .object([
                "mean": number(summary.mean),
                "ci": .array([number(summary.low), number(summary.high)]),
            ])
        }
        func weights(_ vector: ScoreComponent.Vector) -> JSONValue {
            .object(
                Dictionary(
                    uniqueKeysWithValues: ScoreComponent.allCases.map {
                        ($0.rawValue, JSONValue.cell(.number(vector[$0], decimals: 2)))
                    }))
        }
        var foldInRepeat: [Int: Int] = [:]
        var object: [String: JSONValue] = [
            "metric": .cell(.text(report.metric.description)),
            "split": .cell(.text(report.split.description)),
            "needs": .cell(.integer(needs)),
            "repeats": .cell(.integer(report.repeatDifferences.count)),
            "folds": .array(
                report.folds.map { fold in
                    foldInRepeat[fold.repeatIndex, default: 0] += 1
                    return .object([
                        "repeat": .cell(.integer(fold.repeatIndex + 1)),
                        "fold": .cell(.integer(foldInRepeat[fold.repeatIndex]!)),
                        "training_needs": .cell(.integer(fold.trainingNeeds)),
                        "held_out_needs": .cell(.integer(fold.needs)),
                        "defaults": number(fold.defaults), "tuned": number(fold.tuned),
                        "weights": weights(fold.weights),
                    ])
                }),
            "weight_spread": JSONValue.rows(of: weightRows(report)),
            "held_out": .object([
                "defaults": summary(report.defaults), "tuned": summary(report.tuned),
                "difference": summary(report.difference),
                "repeat_differences": .array(report.repeatDifferences.map(summary)),
            ]),
            "verdict": .cell(.text(report.isImprovement ? "improvement" : "within noise")),
            "repeats_improving": .cell(.integer(report.repeatsImproving)),
            "weights": weights(report.weights),
            "training": .object([
                "tuned": number(report.trainingValue),
                "defaults": number(report.defaultTrainingValue),
            ]),
            "below_min_score": .object([
                "defaults": .object([
                    "pairs": .cell(.integer(report.belowMinimumScore.defaults.pairs)),
                    "relevant": .cell(.integer(report.belowMinimumScore.defaults.relevant)),
                ]),
                "tuned": .object([
                    "pairs": .cell(.integer(report.belowMinimumScore.tuned.pairs)),
                    "relevant": .cell(.integer(report.belowMinimumScore.tuned.relevant)),
                ]),
            ]),
            "out": .cell(.text(out)),
        ]
        if let cut = report.cut { object["cut"] = .cell(.date(cut)) }
        return .object(object)
    }
}
