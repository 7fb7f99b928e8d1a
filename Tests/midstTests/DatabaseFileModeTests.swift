import Foundation
import GRDB
import MidstTestSupport
import Testing

@Suite("The files beside a database that others may read")
struct DatabaseFileModeTests {
    func mode(_ path: String) -> mode_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o777 : nil
    }

    @Test("after a run on a 0644 database, its -wal and -shm are 0600 and stderr names the fix")
    func companionsOwnerOnly() throws {
        let folder = try SampleFolders.imported.copy()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        try #require(chmod(path, 0o644) == 0)
        // Another program's connection, as the sqlite3 shell's would be: SQLite creates the
        // files with the database's mode, and they outlive the run while it stays open.
        let other = try DatabaseQueue(path: path)
        try other.read { _ = try Int.fetchOne($0, sql: "SELECT count(*) FROM staff") }
        try #require(mode(path + "-wal") == 0o644 && mode(path + "-shm") == 0o644)
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(mode(path + "-wal") == 0o600)
        #expect(mode(path + "-shm") == 0o600)
        #expect(
            run.stderr.contains(
                "midst.sqlite holds personal data and other users may read it (mode 644)"),
            "\(run.stderr)")
        #expect(run.stderr.contains("chmod 600 midst.sqlite"))
        #expect(mode(path) == 0o644, "the user's own mode is theirs to change")
        try other.close()
    }
}
