import Foundation
import GRDB
import MidstTestSupport
import Testing

@Suite("A command behind another process's lock, end to end")
struct LockedDatabaseCommandTests {
    @Test(
        "a write behind an open write transaction says what it waits for, then fails after 10 s with exit 2"
    )
    func writeBehindOpenTransaction() throws {
        let folder = try SampleFolders.imported.copy()
        defer { folder.cleanUp() }
        // A fresh connection's WAL is empty, so Midst's own opening writes (issue 22: it then
        // waited 5 minutes, saying it waited for an import).
        let other = try DatabaseQueue(path: folder.path("midst.sqlite"))
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let started = Date()
            let result = try MidstProcess.run(
                ["staff", "consent", "S0288", "--withdraw"], in: folder.url)
            let waited = Date().timeIntervalSince(started)
            try db.execute(sql: "ROLLBACK")
            #expect(result.status == 2)
            let holder =
                "another process's write (another Midst command, or a transaction left open in the sqlite3 shell or another tool)"
            #expect(
                result.stderr.contains("midst.sqlite: waiting up to 10 s for \(holder) to finish…"),
                "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "error: midst.sqlite: locked by \(holder) for over 10 s; nothing was changed"),
                "\(result.stderr)")
            #expect(waited >= 10 && waited < 60, "\(waited) s")
        }
        try other.close()
        let show = try MidstProcess.run(["staff", "show", "S0288"], in: folder.url)
        #expect(
            show.stdout.contains("consent             1\n"), "consent unchanged: \(show.stdout)")
    }
}
