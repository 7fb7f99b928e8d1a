import ArgumentParser
import Foundation
import Logging
import MidstCore

/// `midst`: matches internationally recruited NHS staff to Health Partnership needs.
@main
struct Midst: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midst",
        abstract: "Match internationally recruited NHS staff to the needs of Health Partnerships.",
        discussion: """
            Midst keeps staff, partnership needs and outcomes in one SQLite file (./midst.sqlite by \
            default; set --db or MIDST_DB). Start with:

              midst import staff SampleData/staff.csv
              midst import needs SampleData/needs.csv
              midst run --report report.html
              midst show latest
              midst gaps

            `midst init` creates an empty database; `import` creates one too. Every command that \
            uses the database takes --db PATH (all but reference and config).

            Exit codes: 0 success; 1 invalid input data (nothing was changed); 2 a database or file \
            problem; 64 a command-line usage error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Import.self, Run.self, Runs.self, Show.self, Diff.self, Export.self,
            OutcomeCommand.self, Decide.self, Decisions.self, Candidates.self, Search.self, Why.self,
            Config.self, Generate.self, Reference.self, Evaluate.self, Tune.self, Features.self, StaffCommand.self,
            Backup.self, Check.self, Needs.self, GapsCommand.self, Report.self,
        ]
    )

    /// Logs go to stderr, at the level in MIDST_LOG_LEVEL (default: warning). Midst never logs
    /// personal fields, only counts and identifiers of runs and files.
    static func main() async {
        // Everything Midst creates (the database, its WAL, snapshot, exports, rejects, backups)
        // is readable and writable by its owner only: staff records are personal data.
        umask(0o077)
        let level = ProcessInfo.processInfo.environment["MIDST_LOG_LEVEL"].flatMap(
            Logger.Level.init(rawValue:))
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
        if let suggestion = Self.suggestion(for: Array(CommandLine.arguments.dropFirst())) {
            Terminal.note(suggestion)
            Foundation.exit(64)
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let path = (command as? any DatabaseCommand)?.database.path ?? "the database"
            exit(reporting: ErrorReport(error, databasePath: path))
        }
    }

    /// Ends the process for an error that ended a command: the one place that prints
    /// `error: …` and maps an error to its exit status.
    static func exit(reporting report: ErrorReport) -> Never {
        switch report {
        case .argumentParser(let error): exit(withError: error)
        case .midst(let message, let status):
            Terminal.note("error: \(message)")
            Foundation.exit(status.rawValue)
        }
    }

    /// For a word where a command belongs that names none (`midst improt`, `midst import staf`,
    /// `midst needs shw`, `midst help gap`), the error naming the nearest command at that level.
    /// Words are followed down the command tree until an option, or a command that takes
    /// arguments rather than commands.
    static func suggestion(for arguments: [String]) -> String? {
        var words = arguments[...]
        if words.first == "help" { words = words.dropFirst() }
        var command: any ParsableCommand.Type = Midst.self
        var path = ["midst"]
        while let word = words.first, !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                words = words.dropFirst()
                continue
            }
            var names = subcommands.map { $0._commandName }
            if path.count == 1 {
                guard word != "help" else { return nil }
                names.append("help")
            }
            let parent = path.joined(separator: " ")
            let nearest = names.map { ($0, editDistance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
            let hint =
                nearest.map {
                    $0.1 <= max(2, word.count / 3) ? "did you mean `\(parent) \($0.0)`? " : ""
                } ?? ""
            let what = path.count == 1 ? "a midst command" : "a command of `\(parent)`"
            return "error: '\(word)' is not \(what); \(hint)(see `\(parent) --help` for them all)"
        }
        return nil
    }

    /// Levenshtein distance: the fewest single-character edits from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
