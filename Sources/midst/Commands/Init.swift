import ArgumentParser
import MidstStore

/// `midst init`: create the database or bring its schema up to date.
struct Init: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one's schema up to date.",
        discussion: """
            Safe to run again: an up-to-date database is left as it is. A database written by a \
            newer version of Midst is refused, never downgraded.

              midst init --db partnerships.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try database.open()
        let applied = try database.appliedMigrations()
        print(
            "\(database.path): ready (schema \(applied.last ?? "empty"), \(applied.count) migrations)"
        )
    }
}
