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
        let path =
            db ?? ProcessInfo.processInfo.environment["MIDST_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "midst.sqlite"
        Terminal.databasePath = path
        return path
    }

    /// Opens an existing database read-only, for a command that only reads: the file is left
    /// byte-for-byte as it was. A missing file is an error naming the path (exit 2); only `init`
    /// and `import` create a database.
    func openExisting() throws -> MidstDatabase {
        try Terminal.exitOnError(code: .databaseProblem) {
            try MidstDatabase.openExisting(at: path, readOnly: true)
        }
    }

    /// Opens an existing database for a command that writes (a run, a decision, an outcome); a
    /// missing file is an error naming the path (exit 2).
    func openExistingForWriting() throws -> MidstDatabase {
        try Terminal.exitOnError(code: .databaseProblem) {
            try MidstDatabase.openExisting(at: path)
        }
    }

    /// Opens (creating when needed) the database, for `init` and `import` only.
    func open() throws -> MidstDatabase {
        try Terminal.exitOnError(code: .databaseProblem) { try MidstDatabase.open(at: path) }
    }

    /// Where the key of pseudonymised exports comes from (`MIDST_PSEUDONYM_KEY`,
    /// `MIDST_PSEUDONYM_KEY_FILE`, else a key file beside the database).
    var pseudonymKeySource: PseudonymKeySource {
        let environment = ProcessInfo.processInfo.environment
        return PseudonymKeySource(
            hexKey: environment["MIDST_PSEUDONYM_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            keyFile: environment["MIDST_PSEUDONYM_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? PseudonymKeySource.defaultKeyFile(forDatabaseAt: path))
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
