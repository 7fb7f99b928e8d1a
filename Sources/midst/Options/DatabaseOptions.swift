import ArgumentParser
import Foundation
import MidstStore

/// The `--db` option every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database file (default: $MIDST_DB, else ./midst.sqlite).", valueName: "path"
        ))
    var db: String?

    /// The path in force: the option, the environment, or the default.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["MIDST_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "midst.sqlite"
    }

    /// Opens an existing database for a command that reads, turning store errors into a clean exit.
    func openExisting() throws -> MidstDatabase {
        try Terminal.exitOnError(code: .databaseProblem) {
            try MidstDatabase.openExisting(at: path)
        }
    }

    /// Opens (creating when needed) the database, turning store errors into a clean exit.
    func open() throws -> MidstDatabase {
        try Terminal.exitOnError(code: .databaseProblem) { try MidstDatabase.open(at: path) }
    }
}

extension MidstDatabase {
    /// The run named `reference` (an id or `latest`), or a clean exit naming it when there is none.
    func recordedRun(_ reference: String) throws -> RunRecord {
        guard let record = try Terminal.exitOnError(code: .databaseProblem, { try run(reference) })
        else {
            throw Terminal.fail("no run '\(reference)' (see `midst runs`)", code: .invalidData)
        }
        return record
    }
}
