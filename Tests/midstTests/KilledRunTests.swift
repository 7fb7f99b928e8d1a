import Foundation
import MidstTestSupport
import Testing

/// A batch killed at any moment (`kill -9`, a power cut) must leave the last completed run as
/// the latest, with all its rows, and nothing of its own.
@Suite("midst run killed midway")
struct KilledRunTests {
    /// A folder with 20,000 generated staff and 400 needs, big enough for a run to be killed
    /// while it scores or writes.
    static func generatedFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for arguments in [
            ["generate", "--staff", "20000", "--needs", "400", "--seed", "4", "--out", "data"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            precondition(result.status == 0, result.stderr)
        }
        return folder
    }

    /// The runs listed, newest first, as (id, status, edges).
    static func runs(in folder: TemporaryFolder) throws -> [(id: String, status: String, edges: Int)] {
        let listed = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map { $0.split(separator: ",") }
        guard let header = lines.first else { return [] }
        let id = header.firstIndex(of: "run")!
        let status = header.firstIndex(of: "status")!
        let edges = header.firstIndex(of: "edges")!
        return lines.dropFirst().map { (String($0[id]), String($0[status]), Int($0[edges]) ?? -1) }
    }

    @Test("recruiters' queries work while a batch runs")
    func readersDuringRun() throws {
        let folder = try Self.generatedFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        let batch = try MidstProcess.start(["run"], in: folder.url)
        // A run lasts far longer than starting a process, so the query starts while it scores.
        #expect(batch.isRunning)
        let reading = try MidstProcess.run(["show", "latest", "--format", "csv"], in: folder.url)
        batch.waitUntilExit()
        #expect(reading.status == 0, "\(reading.stderr)")
        #expect(reading.stdout.split(separator: "\n").count > 100)
        #expect(batch.terminationStatus == 0)
    }

    /// The size of the database's write-ahead log, 0 when there is none.
    static func walSize(_ folder: TemporaryFolder) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(
            atPath: folder.path("midst.sqlite-wal"))
        return (attributes?[.size] as? Int) ?? 0
    }

    @Test(
        "kill -9 while a run scores and while it writes: the previous run stays the latest and whole"
    )
    func killedRuns() throws {
        let folder = try Self.generatedFolder()
        defer { folder.cleanUp() }
        let first = try MidstProcess.run(["run", "--note", "good"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let good = try #require(try Self.runs(in: folder).first)
        let goodShortlists = try MidstProcess.run(
            ["show", good.id, "--format", "csv"], in: folder.url
        ).stdout

        // Killed while loading or scoring (a run lasts far longer than 50 ms), then killed as
        // soon as, and shortly after, its write reaches the log: during or just after the commit.
        var killedEarly = 0
        for moment in [-0.05, -0.2, 0, 0.002, 0.01, 0.03] {
            let countBefore = try Self.runs(in: folder).count
            let walBefore = Self.walSize(folder)
            let batch = try MidstProcess.start(["run", "--note", "killed"], in: folder.url)
            if moment < 0 {
                Thread.sleep(forTimeInterval: -moment)
                if batch.isRunning { killedEarly += 1 }
            } else {
                let deadline = Date().addingTimeInterval(120)
                while batch.isRunning, Self.walSize(folder) <= walBefore, Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.001)
                }
                Thread.sleep(forTimeInterval: moment)
            }
            kill(batch.processIdentifier, SIGKILL)
            batch.waitUntilExit()
            // A killed run left nothing, or (killed after its commit) it is whole.
            let runs = try Self.runs(in: folder)
            #expect(runs.count == countBefore || runs.count == countBefore + 1)
            if moment < 0, batch.terminationReason == .uncaughtSignal {
                #expect(runs.count == countBefore)
            }
            for run in runs {
                #expect(run.status == "completed")
                let shown = try MidstProcess.run(
                    ["show", run.id, "--format", "csv"], in: folder.url)
                #expect(shown.stdout.split(separator: "\n").count == run.edges + 1, "run \(run.id)")
            }
        }
        #expect(killedEarly == 2)
        // The good run is untouched, and the database takes the next run.
        let again = try MidstProcess.run(["show", good.id, "--format", "csv"], in: folder.url)
        #expect(again.stdout == goodShortlists)
        let next = try MidstProcess.run(["run", "--note", "after"], in: folder.url)
        #expect(next.status == 0, "\(next.stderr)")
        let latest = try #require(try Self.runs(in: folder).first)
        #expect(latest.status == "completed")
        #expect(Int(latest.id)! > Int(good.id)!)
    }
}
