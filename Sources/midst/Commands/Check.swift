import ArgumentParser
import MidstStore

/// `midst check`: is the database file sound?
struct Check: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database file for damage (SQLite's integrity check).",
        discussion: """
            Reads every page of the file. Commands notice damage only in the pages they read; \
            run this before the nightly batch, or after copying or restoring the file, to be \
            sure of all of it. Exit 0 when sound; 2, with the problems found, when not (restore \
            the last backup, see `midst backup`). --full also compares every index with its \
            table (slower).

              midst check && midst run
              midst check --full
            """)

    @Flag(help: "Also compare every index with its table (integrity_check rather than quick_check).")
    var full = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let problems = try database.integrityProblems(full: full)
        guard problems.isEmpty else {
            throw CommandFailure.damaged(path: database.path, problems: problems)
        }
        print("\(database.path): sound (\(full ? "integrity_check" : "quick_check") found no problem)")
    }
}
