import ArgumentParser
import Foundation
import Logging

/// `midst`: matches internationally recruited NHS staff to Health Partnership needs.
@main
struct Midst: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "midst",
        abstract: "Match internationally recruited NHS staff to the needs of Health Partnerships.",
        discussion: """
            Midst keeps staff, partnership needs and outcomes in one SQLite file (./midst.sqlite by \
            default; set --db or MIDST_DB). Start with:

              midst init
              midst import staff SampleData/staff.csv
              midst import needs SampleData/needs.csv

            Exit codes: 0 success; 1 invalid input data (nothing was changed); 2 a database or file \
            problem; 64 a command-line usage error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Import.self, RunBatch.self, Runs.self, Show.self, Diff.self, Export.self,
            RecordOutcome.self, Decide.self, Decisions.self, Candidates.self, Search.self, Why.self,
            Config.self, Generate.self, Reference.self, Evaluate.self, Tune.self, StaffCommands.self,
            Backup.self, Check.self,
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
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
