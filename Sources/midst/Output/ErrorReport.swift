import ArgumentParser
import MidstCore
import MidstStore

/// How an error that ended a command is reported, modelled on swift-argument-parser's
/// `MessageInfo`: its own errors (help, usage, validation, an exit code) it reports itself;
/// a ``MidstError`` is `error: ` and its message, with its status; anything else is a database
/// or file problem, described against the database the command used.
enum ErrorReport {
    /// An error swift-argument-parser reports (usage and validation errors exit 64).
    case argumentParser(any Error)
    /// `error: message` on stderr, then exit with `status`.
    case midst(message: String, status: ExitStatus)

    /// The report of `error`; `databasePath` names the database in SQLite's failures.
    init(_ error: any Error, databasePath: String) {
        switch error {
        case let error as any MidstError:
            self = .midst(message: error.message, status: error.exitStatus)
        case _ where Self.isArgumentParsers(error):
            self = .argumentParser(error)
        default:
            self = .midst(
                message: StoreError.message(for: error, path: databasePath),
                status: .databaseProblem)
        }
    }

    /// Whether swift-argument-parser threw `error`: its public errors (`ValidationError`,
    /// `CleanExit`, `ExitCode`) and the internal ones its `help` command throws from `run()`.
    private static func isArgumentParsers(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
