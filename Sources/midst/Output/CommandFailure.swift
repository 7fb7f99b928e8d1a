import MidstCore

/// The failures the command line itself detects (the store's and the core's carry their own
/// messages and statuses); thrown to the root command, which prints and exits once.
enum CommandFailure: MidstError {
    /// The `--config` file could not be read.
    case unreadableConfiguration(path: String)
    /// The `--config` file is not a valid configuration.
    case invalidConfiguration(path: String, reason: String)
    /// An import found invalid records and changed nothing.
    case invalidImport(file: String, records: Int, problems: Int)
    /// `midst check` found damage.
    case damaged(path: String, problems: [String])
    /// `midst diff` has no earlier completed run to compare the later one with.
    case nothingToCompare(runID: Int64)
    /// `midst evaluate` found no need with an accepted or completed outcome.
    case nothingToEvaluate
    /// `midst tune` found fewer judged needs than folds.
    case tooFewToTune(needs: Int, folds: Int)
    /// `midst tune --objective ipw` on a log that records no shown rank.
    case noShownRanks
    /// `midst needs show` names a need there is not.
    case unknownNeed(id: String)
    /// `midst staff forget` without `--yes`.
    case erasureNotConfirmed(id: String)

    var message: String {
        switch self {
        case .unreadableConfiguration(let path): "\(path): cannot read the configuration file"
        case .invalidConfiguration(let path, let reason): "\(path): \(reason)"
        case .invalidImport(let file, let records, let problems):
            "\(file): \(records) invalid record\(records == 1 ? "" : "s") (\(problems) "
                + "problem\(problems == 1 ? "" : "s")); nothing was imported. Fix them, "
                + "or use --skip-invalid to import the valid records."
        case .damaged(let path, let problems):
            "\(path) is damaged; restore it from a backup (`midst backup` made it):\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .nothingToCompare(let runID):
            "run \(runID) is the first completed run: there is nothing to compare it with"
        case .nothingToEvaluate:
            "no need has an accepted or completed outcome to evaluate against; import outcomes first (midst import outcomes FILE)"
        case .tooFewToTune(let needs, let folds):
            "\(needs) needs have an accepted or completed outcome; tuning needs at least --folds (\(folds)) of them"
        case .noShownRanks:
            "--objective ipw needs the rank each asked person was shown at, and no outcome has one (shown_rank in docs/FORMATS.md); use --objective naive"
        case .unknownNeed(let id):
            "no need with \(RecordID.named(id)) (see `midst needs list`)"
        case .erasureNotConfirmed(let id):
            "erasing \(Terminal.safe(id)) cannot be undone; run again with --yes to confirm"
        }
    }

    var exitStatus: ExitStatus {
        switch self {
        case .damaged: .databaseProblem
        case .erasureNotConfirmed: .usage
        case .unreadableConfiguration, .invalidConfiguration, .invalidImport, .nothingToCompare,
            .nothingToEvaluate, .tooFewToTune, .noShownRanks, .unknownNeed:
            .invalidData
        }
    }
}
