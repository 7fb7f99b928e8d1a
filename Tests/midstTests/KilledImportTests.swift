import Foundation
import MidstTestSupport
import Testing

/// Bulk loads (16 MiB and up) run with a rollback journal; these tests kill them and read
/// during them from other processes.
@Suite("Bulk loads from the command line", .serialized)
struct KilledImportTests {
    static let search = ["search", "--limit", "200000", "--format", "csv"]

    /// A folder holding 100,000 generated people in data/staff.csv (about 21 MB, a bulk load)
    /// and a database with the first 500 of them; and what `midst search` lists then.
    static func preparedFolder() throws -> (folder: TemporaryFolder, before: String) {
        let folder = try TemporaryFolder()
        let generated = try MidstProcess.run(
            ["generate", "--staff", "100000", "--needs", "10", "--seed", "5", "--out", "data"],
            in: folder.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let all = try String(contentsOfFile: folder.path("data/staff.csv"), encoding: .utf8)
        let first = all.split(separator: "\n").prefix(501).joined(separator: "\n") + "\n"
        try first.write(toFile: folder.path("data/first.csv"), atomically: true, encoding: .utf8)
        let imported = try MidstProcess.run(["import", "staff", "data/first.csv"], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = try MidstProcess.run(search, in: folder.url)
        #expect(before.status == 0)
        #expect(before.stdout.split(separator: "\n").count > 100)
        return (folder, before.stdout)
    }

    /// Starts the bulk load of data/staff.csv and waits until `ready` holds while it runs;
    /// returns the process and whether it was still running then.
    static func startBulkLoad(in folder: TemporaryFolder, until ready: () -> Bool) throws -> (
        Process, caught: Bool
    ) {
        let importing = try MidstProcess.start(["import", "staff", "data/staff.csv"], in: folder.url)
        let deadline = Date().addingTimeInterval(120)
        while importing.isRunning, !ready(), Date() < deadline { usleep(500) }
        return (importing, importing.isRunning && ready())
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// After a killed load: the same people as before (the next command to open the database
    /// rolled the journal back), and the load works.
    static func expectUnchanged(_ folder: TemporaryFolder, before: String) throws {
        let after = try MidstProcess.run(search, in: folder.url)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before)
        let again = try MidstProcess.run(["import", "staff", "data/staff.csv"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("100000 records, 99500 new, 500 updated"), "\(again.stdout)")
    }

    @Test("kill -9 at a bulk load's first write: the database keeps what it had and works on")
    func killedAtFirstWrite() throws {
        let (folder, before) = try Self.preparedFolder()
        defer { folder.cleanUp() }
        // The rollback journal appears with the load's first write.
        let journal = folder.path("midst.sqlite-journal")
        let (importing, caught) = try Self.startBulkLoad(in: folder) {
            FileManager.default.fileExists(atPath: journal)
        }
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        #expect(caught, "the import ended before it could be killed")
        try Self.expectUnchanged(folder, before: before)
    }

    @Test("kill -9 once a bulk load has written pages: the next command rolls the half-written file back")
    func killedWhileCommitting() throws {
        let (folder, before) = try Self.preparedFolder()
        defer { folder.cleanUp() }
        // The file grows as the load's new pages are written: when its cache fills, and at the
        // commit.
        let database = folder.path("midst.sqlite")
        let original = Self.size(database)
        let (importing, caught) = try Self.startBulkLoad(in: folder) {
            Self.size(database) > original + (1 << 20)
        }
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        #expect(caught, "the commit ended before it could be killed")
        #expect(FileManager.default.fileExists(atPath: folder.path("midst.sqlite-journal")))
        try Self.expectUnchanged(folder, before: before)
    }

    @Test("a command started during a bulk load waits for it, then sees everything it loaded")
    func readerWaits() throws {
        let (folder, before) = try Self.preparedFolder()
        defer { folder.cleanUp() }
        let journal = folder.path("midst.sqlite-journal")
        let (importing, caught) = try Self.startBulkLoad(in: folder) {
            FileManager.default.fileExists(atPath: journal)
        }
        #expect(caught, "the import ended before a reader could start")
        let during = try MidstProcess.run(Self.search, in: folder.url)
        importing.waitUntilExit()
        #expect(importing.terminationStatus == 0)
        #expect(during.status == 0, "\(during.stderr)")
        #expect(
            during.stdout.split(separator: "\n").count
                > before.split(separator: "\n").count * 50)
    }
}
