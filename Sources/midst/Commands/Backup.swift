import ArgumentParser
import MidstStore

/// `midst backup FILE`: a consistent copy of the database.
struct Backup: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE, safely, even while a batch or an import runs.",
        discussion: """
            Uses SQLite's online backup: the copy is one consistent state of the database (a \
            run or import in progress is in it entirely or not at all). The copy is written \
            beside FILE and renamed into place, readable by its owner only. It holds personal \
            data: keep it as safely as the database, and remember that a person erased later is \
            still in it.

            To restore: stop every Midst command, move the database's -wal and -shm files \
            away, copy the backup over the database file, then run `midst check` and `midst runs`. \
            Anyone erased since the backup was taken is back: erase them again.

              midst backup /secure/midst-2026-11-27.sqlite
            """)

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file")) var file: String
    @Flag(help: "Replace a file at FILE that is not a Midst database.") var force = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try self.database.refuseOverwriting(file, purpose: .backup, force: force)
        let database = try self.database.openExisting()
        try database.backup(to: file)
        print("Backed up \(Terminal.safe(database.path)) to \(Terminal.safe(file))")
    }
}
