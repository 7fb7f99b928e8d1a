import Foundation
import Testing

/// A batch killed at any moment (`kill -9`, a power cut) must leave the last completed run as
/// the latest, with all its rows, and nothing of its own.
@Suite("midst run killed midway")
struct KilledRunTests {
    /// A folder with 20,000 generated staff and 400 needs, big enough for a run to be killed
    /// while it scores or writes.
    static func generatedFolder() throws -> WorkFolder {
        let folder = try WorkFolder()
        for arguments in [
            ["generate", "--staff", "20000", "--needs", "400", "--seed", "4", "--out", "data"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            precondition(result.status == 0, result.stderr)
        }
        return folder
    }

    /// The runs listed, as (id, status, edges).
    static func runs(in folder: WorkFolder) throws -> [(id: String, status: String, edges: Int)] {
        let listed = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map { $0.split(separator: ",") }
        guard let header = lines.first else { return [] }
        let id = header.firstIndex(of: "run")!
        let status = header.firstIndex(of: "status")!
        let edges = header.firstIndex(of: "edges")!
        return lines.dropFirst().map { (String($0[id]), String($0[status]), Int($0[edges]) ?? -1) }
    }

    @Test(
        "kill -9 at several moments: the previous run stays the latest and whole; queries work during the run"
    )
    func killedRuns() throws {
        let folder = try Self.generatedFolder()
        defer { folder.cleanUp() }
        let first = try MidstProcess.run(["run", "--note", "good"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.runs(in: folder)
        #expect(before.count == 1)
        let good = try #require(before.first)
        let goodShortlists = try MidstProcess.run(
            ["show", good.id, "--format", "csv"], in: folder.url
        ).stdout

        var killedWhileRunning = 0
        for delay in [0.05, 0.3, 0.8, 1.5, 2.5] {
            let countBefore = try Self.runs(in: folder).count
            let batch = try MidstProcess.start(["run", "--note", "killed"], in: folder.url)
            Thread.sleep(forTimeInterval: delay)
            if batch.isRunning {
                // Readers are not blocked by a running batch (WAL).
                let reading = try MidstProcess.run(
                    ["show", "latest", "--format", "csv"], in: folder.url)
                #expect(reading.status == 0, "\(reading.stderr)")
                kill(batch.processIdentifier, SIGKILL)
                killedWhileRunning += 1
            }
            batch.waitUntilExit()
            // A killed run left nothing, or (killed after its commit) it is whole.
            let runs = try Self.runs(in: folder)
            #expect(runs.count == countBefore || runs.count == countBefore + 1)
            for run in runs {
                #expect(run.status == "completed")
                let shown = try MidstProcess.run(
                    ["show", run.id, "--format", "csv"], in: folder.url)
                #expect(shown.stdout.split(separator: "\n").count == run.edges + 1, "run \(run.id)")
            }
        }
        #expect(killedWhileRunning >= 3)
        // The good run is untouched, and the database takes the next run.
        let again = try MidstProcess.run(["show", good.id, "--format", "csv"], in: folder.url)
        #expect(again.stdout == goodShortlists)
        let next = try MidstProcess.run(["run", "--note", "after"], in: folder.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.runs(in: folder).last?.status == "completed")
    }
}
