import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst features`: the judged pairs with their component values, for learners outside Midst.
struct Features: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the outcome log's judged pairs with their features, for other learners.",
        discussion: """
            One CSV row per eligible judged pair, grouped by need (rows of a need are \
            contiguous, as LightGBM's and XGBoost's rankers want their query groups): the need, \
            the person, the day the need was offered, each score component's value (0 to 1) as \
            of before that day, exactly the values `midst evaluate` and `midst tune` rank by, \
            the label (completed 3, accepted 2, declined and no response 0) and the rank and \
            score the person was shown at when asked (empty when the log does not say). \
            Weights learnt on it come back with `midst tune --import-weights`. See \
            docs/TUNING.md, "Other learners".

              midst features --out features.csv
              midst tune --import-weights weights.csv --out learnt.json
              midst evaluate --config learnt.json
            """)

    @Option(help: ArgumentHelp("Where to write the CSV.", valueName: "file")) var out: String
    @Flag(help: "Replace a file at --out that is not a features file Midst wrote.") var force = false
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    /// The header: need, person, offer date, the components, label, exposure.
    static let columns =
        ["need_id", "staff_id", "offered", "need_index"]
        + ScoreComponent.allCases.map(\.rawValue) + ["label", "shown_rank", "shown_score"]

    func run() throws {
        try self.database.refuseOverwriting(
            out, purpose: .table(columns: Self.columns), force: force,
            inputs: scoring.config.map { [($0, "the configuration read")] } ?? [])
        let database = try self.database.openExisting()
        let log = try database.outcomeLog()
        let set = log.labelledSet(
            scorer: Scorer(reference: BundledReference.data, config: try scoring.load()))
        guard !set.pairs.isEmpty else { throw CommandFailure.nothingToEvaluate }
        let table = Self.table(set)
        try OwnerOnlyFile.write(Array(table.csv.utf8), to: out)
        print("Wrote \(set.pairs.count) judged pairs of \(set.needs.count) needs to \(out)")
    }

    static func table(_ set: LabelledSet) -> RecordTable {
        var rows: [[Cell]] = []
        rows.reserveCapacity(set.pairs.count)
        for (index, need) in set.needs.enumerated() {
            for pair in set.pairs[need.pairs] {
                rows.append(
                    [.text(need.id.rawValue), .text(pair.staffID.rawValue), .text("\(need.offered)"),
                     .integer(index)]
                        + ScoreComponent.allCases.map { .number(pair.values[$0], decimals: 12) }
                        + [
                            .integer(pair.grade), pair.exposure.map { .integer($0.rank) } ?? .null,
                            pair.exposure?.score.map { .number($0, decimals: 9) } ?? .null,
                        ])
            }
        }
        return RecordTable(columns: columns, rows: rows)
    }
}
