/// An error Midst reports to a person: the command line prints `error: ` and ``message`` once,
/// on stderr, and exits with ``exitStatus`` (as swift-argument-parser's `MessageInfo` does for
/// its own errors). The store's and the core's errors adopt it; an error that does not is a
/// database or file problem (``ExitStatus/databaseProblem``).
package protocol MidstError: Error, Sendable {
    /// The problem in words, with what to do about it; no `error: ` prefix.
    var message: String { get }
    /// How the process ends when this error ends a command.
    var exitStatus: ExitStatus { get }
}

/// How a Midst command ends, documented in `midst --help` and the README.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Invalid input data, a record that does not exist, or a change that was refused: nothing
    /// was changed.
    case invalidData = 1
    /// A database or file problem.
    case databaseProblem = 2
    /// A command-line usage error.
    case usage = 64
}
