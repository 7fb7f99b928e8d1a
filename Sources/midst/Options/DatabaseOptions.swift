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

    /// Refuses to write `output` over the database or a file Midst keeps beside it, or over one
    /// of `inputs`, before anything is done (exit 64); and, unless `force`, over an existing file
    /// Midst did not write for `purpose` (`nil` when the command checks that itself).
    func refuseOverwriting(
        _ output: String, purpose: OutputPurpose?, force: Bool = false,
        inputs: [(path: String, what: String)] = []
    ) throws {
        try OutputPath.refuse(
            output, databaseAt: path, keyFile: pseudonymKeySource.keyFile, inputs: inputs)
        if let purpose { try OutputPath.refuseReplacing(output, purpose: purpose, force: force) }
    }

    /// The path in force: the option, the environment, or the default.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["MIDST_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "midst.sqlite"
    }

    /// Opens an existing database read-only, for a command that only reads: the file is left
    /// byte-for-byte as it was. A missing file is an error naming the path (exit 2); only `init`
    /// and `import` create a database.
    func openExisting() throws -> MidstDatabase {
        try MidstDatabase.openExisting(at: path, readOnly: true)
    }

    /// Opens an existing database for a command that writes (a run, a decision, an outcome); a
    /// missing file is an error naming the path (exit 2).
    func openExistingForWriting() throws -> MidstDatabase {
        try MidstDatabase.openExisting(at: path)
    }

    /// Opens (creating when needed) the database, for `init` and `import` only.
    func open() throws -> MidstDatabase { try MidstDatabase.open(at: path) }

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

/// A command that works on a database: the root command describes SQLite's failures against
/// its path.
protocol DatabaseCommand {
    var database: DatabaseOptions { get }
}

extension MidstDatabase {
    /// The run named `reference` (an id or `latest`).
    ///
    /// - Throws: ``UnknownRecord`` naming it when there is none.
    func recordedRun(_ reference: String) throws -> RunRecord {
        guard let record = try run(reference) else {
            throw UnknownRecord(message: "no run '\(reference)' (see `midst runs`)")
        }
        return record
    }
}
