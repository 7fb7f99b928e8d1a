import MidstCore

/// The estimated position bias as `tune` and `evaluate` print it: the ranks with the same
/// propensity together.
enum PositionBiasText {
    /// Runs of consecutive ranks whose propensity (as used, clipped) is the same.
    static func runs(_ model: PositionBiasModel) -> [(ranks: ClosedRange<Int>, propensity: Double)]
    {
        var runs: [(ranks: ClosedRange<Int>, propensity: Double)] = []
        for rank in 1...max(model.depth, 1) {
            let propensity = model.propensity(atRank: rank)
            if let last = runs.last, last.propensity == propensity {
                runs[runs.count - 1].ranks = last.ranks.lowerBound...rank
            } else {
                runs.append((rank...rank, propensity))
            }
        }
        return runs
    }

    static func lines(_ model: PositionBiasModel) -> String {
        "Propensity of being asked at each shown rank (estimated from \(model.lists) lists, at least \(PositionBiasModel.minimumPropensity)):\n\n"
            + RecordTable(
                columns: ["shown rank", "propensity", "weight"],
                rows: runs(model).map { run in
                    [
                        .text(
                            run.ranks.count == 1
                                ? "\(run.ranks.lowerBound)"
                                : "\(run.ranks.lowerBound)-\(run.ranks.upperBound)"),
                        .number(run.propensity, decimals: 3),
                        .number(1 / run.propensity, decimals: 2),
                    ]
                }
            ).aligned
    }

    /// `{"lists": N, "minimum": 0.1, "propensity": [θ(1), θ(2), …]}` (as used, clipped).
    static func json(_ model: PositionBiasModel) -> JSONValue {
        .object([
            "lists": .cell(.integer(model.lists)),
            "minimum": .cell(.number(PositionBiasModel.minimumPropensity, decimals: 2)),
            "propensity": .array(
                (1...max(model.depth, 1)).map {
                    .cell(.number(model.propensity(atRank: $0), decimals: 4))
                }),
        ])
    }
}
