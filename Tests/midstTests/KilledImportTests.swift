import Foundation
import Testing

@Suite("Killed imports", .serialized)
struct KilledImportTests {
    @Test("kill -9 in the middle of a bulk load: the database keeps what it had and works on")
    func killedBulkLoad() throws {
        let folder = try WorkFolder()
        defer { folder.cleanUp() }
        // 100,000 people is about 21 MB, a bulk load (16 MiB and up).
        let generated = try MidstProcess.run(
            ["generate", "--staff", "100000", "--needs", "10", "--seed", "5", "--out", "data"],
            in: folder.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let all = try String(contentsOfFile: folder.path("data/staff.csv"), encoding: .utf8)
        let first = all.split(separator: "\n").prefix(501).joined(separator: "\n") + "\n"
        try first.write(toFile: folder.path("data/first.csv"), atomically: true, encoding: .utf8)
        #expect(try MidstProcess.run(["import", "staff", "data/first.csv"], in: folder.url).status == 0)
        let search = ["search", "--limit", "200000", "--format", "csv"]
        let before = try MidstProcess.run(search, in: folder.url)
        #expect(before.status == 0)
        #expect(before.stdout.split(separator: "\n").count > 100)

        let importing = try MidstProcess.start(["import", "staff", "data/staff.csv"], in: folder.url)
        // The rollback journal appears with the import's first write; kill it then.
        let journal = folder.path("midst.sqlite-journal")
        let deadline = Date().addingTimeInterval(120)
        while importing.isRunning, !FileManager.default.fileExists(atPath: journal),
            Date() < deadline
        {
            usleep(2_000)
        }
        let killedMidWrite = importing.isRunning && FileManager.default.fileExists(atPath: journal)
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        #expect(killedMidWrite, "the import ended before it could be killed mid-write")

        // The next reader rolls the hot journal back: the same people, nothing of the killed load.
        let after = try MidstProcess.run(search, in: folder.url)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        #expect(!FileManager.default.fileExists(atPath: journal))
        let again = try MidstProcess.run(["import", "staff", "data/staff.csv"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("100000 records, 99500 new, 500 updated"), "\(again.stdout)")
    }
}
