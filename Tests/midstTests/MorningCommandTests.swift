import Foundation
import MidstTestSupport
import Testing

/// The coordinator's morning (issue 13): gaps, the report, and what changed since last night.
@Suite("The coordinator's morning")
struct MorningCommandTests {
    /// A folder holding the sample data imported and one batch run: a copy of the one
    /// ``SampleFolders/importedAndRun`` prepares once per test process.
    static func sampleRun() throws -> TemporaryFolder {
        try SampleFolders.importedAndRun.copy()
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("gaps names every open need with a slot left, with the run's own proposal counts")
    func gapsAgreeWithTheRun() throws {
        let folder = try Self.sampleRun()
        defer { folder.cleanUp() }
        let gaps = try MidstProcess.run(["gaps", "--format", "json"], in: folder.url)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let object = try #require(try Self.json(gaps.stdout) as? [String: Any])
        let needs = try #require(object["needs"] as? [[String: Any]])
        let supply = try #require(object["supply"] as? [[String: Any]])
        let open = try #require(
            try Self.json(
                try MidstProcess.run(
                    ["needs", "list", "--status", "open,proposed,asked", "--format", "json"], in: folder.url
                ).stdout)
                as? [[String: Any]])
        let shown = try #require(
            try Self.json(try MidstProcess.run(["show", "latest", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        var proposed: [String: Int] = [:]
        for line in shown where line["proposed"] as? String == "yes" {
            proposed[line["need_id"] as! String, default: 0] += 1
        }
        let short = Set(open.filter { (proposed[$0["id"] as! String] ?? 0) < $0["open_slots"] as! Int }.map { $0["id"] as! String })
        #expect(!short.isEmpty)
        #expect(Set(needs.map { $0["need_id"] as! String }) == short)
        for need in needs {
            let id = need["need_id"] as! String
            #expect(need["proposed"] as? Int == proposed[id] ?? 0, "\(id)")
            #expect((need["why"] as? String)?.isEmpty == false)
        }
        #expect(supply.map { $0["needs"] as! Int }.reduce(0, +) == open.count)
        let table = try MidstProcess.run(["gaps"], in: folder.url)
        #expect(table.stdout.contains("Supply against demand"))
        let csv = try MidstProcess.run(["gaps", "--format", "csv"], in: folder.url)
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("--part"))
        let supplyCSV = try MidstProcess.run(["gaps", "--part", "supply", "--format", "csv"], in: folder.url)
        #expect(supplyCSV.stdout.hasPrefix("country,specialty,language,min_level,needs,slots,people,shortfall\n"))
    }

    @Test("report writes one owner-only page; run --report writes it with the run; a bad run or path says so")
    func reportCommand() throws {
        let folder = try Self.sampleRun()
        defer { folder.cleanUp() }
        let report = try MidstProcess.run(["report", "--out", "r.html"], in: folder.url)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("Wrote the report of run 1 to r.html"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path("r.html"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let html = try String(contentsOfFile: folder.path("r.html"), encoding: .utf8)
        #expect(html.contains("Midst: the morning&#39;s work for 2026-06-01 (run 1)"))
        let withRun = try MidstProcess.run(["run", "--report", "night.html", "--pseudonymise"], in: folder.url)
        #expect(withRun.status == 0, "\(withRun.stderr)")
        let night = try String(contentsOfFile: folder.path("night.html"), encoding: .utf8)
        #expect(night.contains("(run 2)"))
        #expect(night.contains("Since run 1"))
        #expect(night.contains("P-") && !night.contains(">S0"), "pseudonyms, no staff ids")
        let stray = try MidstProcess.run(["run", "--pseudonymise"], in: folder.url)
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("add --report FILE"))
        let missing = try MidstProcess.run(["report", "9", "--out", "x.html"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no run '9'"))
        let unwritable = try MidstProcess.run(["report", "--out", "no/such/folder/r.html"], in: folder.url)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("no/such/folder/r.html"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("x.html")))
    }

    @Test("diff says why a person left: excluded by a coordinator, outranked with the scores, withdrew consent")
    func diffSaysWhy() throws {
        let folder = try Self.sampleRun()
        defer { folder.cleanUp() }
        let shown = try #require(
            try Self.json(try MidstProcess.run(["show", "latest", "--need", "N001", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        #expect(shown.count >= 4, "N001 has a shortlist to cut")
        let first = try #require(shown.first { $0["rank"] as? Int == 1 }?["staff_id"] as? String)
        let excluded = try MidstProcess.run(["decide", "N001", first, "--exclude", "--reason", "test"], in: folder.url)
        #expect(excluded.status == 0, "\(excluded.stderr)")
        #expect(try MidstProcess.run(["run", "--top", "2"], in: folder.url).status == 0)
        let diff = try MidstProcess.run(["diff", "--format", "json"], in: folder.url)
        #expect(diff.status == 0, "\(diff.stderr)")
        let changes = try #require(try Self.json(diff.stdout) as? [[String: Any]])
        let left = changes.filter { $0["change"] as? String == "left" }
        #expect(left.contains { $0["need_id"] as? String == "N001" && $0["staff_id"] as? String == first && $0["why"] as? String == "excluded by a coordinator" })
        let outranked = left.filter { ($0["why"] as? String)?.hasPrefix("outranked: scores ") == true }
        #expect(!outranked.isEmpty, "cutting the shortlists to 2 outranks people")
        #expect(left.allSatisfy { ($0["why"] as? String)?.isEmpty == false })
        let runs = try #require(
            try Self.json(try MidstProcess.run(["runs", "--format", "json"], in: folder.url).stdout) as? [[String: Any]])
        let scored = runs.map { $0["needs"] as! Int }
        let table = try MidstProcess.run(["diff"], in: folder.url)
        #expect(
            table.stdout.contains("(run 1 scored \(scored[1]) needs, run 2 scored \(scored[0]))"),
            "the counts of `runs`: \(table.stdout.prefix(200))")
    }

    @Test("run, runs and show count the same edges and proposed pairs, after a pin off the shortlist too")
    func countsAgree() throws {
        let folder = try Self.sampleRun()
        defer { folder.cleanUp() }
        let listed = try #require(
            try Self.json(try MidstProcess.run(["show", "latest", "--need", "N001", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        let everyone = try #require(
            try Self.json(try MidstProcess.run(["search", "--format", "json"], in: folder.url).stdout) as? [[String: Any]])
        let outsider = try #require(
            everyone.map { $0["id"] as! String }.first { id in !listed.contains { $0["staff_id"] as? String == id } })
        #expect(try MidstProcess.run(["decide", "N001", outsider, "--pin"], in: folder.url).status == 0)
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let runs = try #require(
            try Self.json(try MidstProcess.run(["runs", "--format", "json"], in: folder.url).stdout) as? [[String: Any]])
        let shown = try #require(
            try Self.json(try MidstProcess.run(["show", "latest", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        let lines = shown.filter { $0["rank"] is Int }
        let proposed = shown.filter { ["yes", "pinned"].contains($0["proposed"] as? String) }
        #expect(runs[0]["edges"] as? Int == lines.count)
        #expect(runs[0]["assigned"] as? Int == proposed.count)
        #expect(shown.contains { $0["staff_id"] as? String == outsider && $0["proposed"] as? String == "pinned" })
        #expect(run.stdout.contains("shortlist edges     \(lines.count) "))
        #expect(run.stdout.contains("proposed pairs      \(proposed.count) ("))
        #expect(run.stdout.contains("1 of them pinned"))
    }

    @Test("shell completions (README, Installing) know every command, the new ones too")
    func completions() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for shell in ["bash", "zsh", "fish"] {
            let script = try MidstProcess.run(["--generate-completion-script", shell], in: folder.url)
            #expect(script.status == 0, "\(shell): \(script.stderr)")
            for command in ["report", "gaps", "needs", "staff", "run"] {
                #expect(script.stdout.contains(command), "\(shell) completes \(command)")
            }
        }
    }
}
