import Foundation
import MidstTestSupport
import Testing

/// The coordinator's loop from the command line (issue 21): run, ask, record, run again.
@Suite("The nightly loop, end to end")
struct NightlyLoopCommandTests {
    /// The first two people of N002's shortlist in the latest run.
    private func topTwo(of need: String, in folder: TemporaryFolder) throws -> [String] {
        let shown = try MidstProcess.run(
            ["show", "latest", "--need", need, "--format", "csv"], in: folder.url)
        let people = shown.stdout.split(separator: "\n").dropFirst().map {
            String($0.split(separator: ",")[2])
        }
        try #require(people.count >= 2, "\(shown.stdout)")
        return Array(people.prefix(2))
    }

    @Test("an ask is kept, a decline is never proposed again and why names it, an acceptance fills the slot")
    func askDeclineAccept() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        let (first, second) = try { let two = try topTwo(of: "N002", in: folder); return (two[0], two[1]) }()
        for (person, kind) in [(first, "asked"), (second, "declined")] {
            let recorded = try MidstProcess.run(
                ["outcome", "N002", person, kind, "--date", "2026-06-01"], in: folder.url)
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        let again = try MidstProcess.run(["run"], in: folder.url)
        #expect(again.stdout.contains("asked and awaited"), "\(again.stdout)")
        let shown = try MidstProcess.run(
            ["show", "latest", "--need", "N002", "--format", "csv"], in: folder.url)
        #expect(shown.stdout.contains(",\(first),") && shown.stdout.contains(",asked,"))
        #expect(!shown.stdout.contains(",\(second),"))
        let why = try MidstProcess.run(["why", "N002", second], in: folder.url)
        #expect(why.stdout.contains("is not a candidate for N002"))
        #expect(why.stdout.contains("outcome: declined it on 2026-06-01"))
        let candidates = try MidstProcess.run(["candidates", "N002", "--format", "csv"], in: folder.url)
        #expect(!candidates.stdout.contains("\n\(second),") && !candidates.stdout.contains(",\(second),"))

        // The asked person accepts: N002's two slots hold one placed person, and why says placed.
        #expect(
            try MidstProcess.run(
                ["outcome", "N002", first, "accepted", "--date", "2026-06-01"], in: folder.url
            ).status == 0)
        let placed = try MidstProcess.run(["why", "N002", first], in: folder.url)
        #expect(placed.stdout.contains("is placed on it (accepted on 2026-06-01)"), "\(placed.stdout)")
        #expect(!placed.stdout.contains("capacity"))
        let listed = try MidstProcess.run(["needs", "list", "--format", "json"], in: folder.url)
        let needs = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let n002 = try #require(needs.first { $0["id"] as? String == "N002" })
        #expect(n002["placed"] as? Int == 1)
        #expect(n002["open_slots"] as? Int == (n002["slots"] as? Int ?? 0) - 1)
    }

    @Test("needs expire after their end date; close and reopen keep the other columns")
    func expiryAndClosing() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let late = ["MIDST_AS_OF": "2026-12-05"]
        let expired = try MidstProcess.run(
            ["needs", "list", "--status", "expired", "--format", "csv"], in: folder.url,
            environment: late)
        #expect(expired.stdout.contains("\nN001,expired,"))
        let run = try MidstProcess.run(["run"], in: folder.url, environment: late)
        #expect(run.status == 0)
        #expect(run.stderr.contains("expired"))
        #expect(run.stderr.contains("N001"))
        let shown = try MidstProcess.run(
            ["show", "latest", "--need", "N001", "--format", "csv"], in: folder.url)
        #expect(shown.stdout.split(separator: "\n").count == 1, "an expired need has no shortlist")
        let gaps = try MidstProcess.run(["gaps"], in: folder.url)
        #expect(gaps.stdout.contains("Expired: "))

        let closed = try MidstProcess.run(
            ["needs", "close", "N003", "--reason", "partner paused the project"], in: folder.url)
        #expect(closed.status == 0, "\(closed.stderr)")
        let closedShown = try MidstProcess.run(["needs", "show", "N003"], in: folder.url)
        #expect(closedShown.stdout.contains("Need N003 (closed"))
        #expect(closedShown.stdout.contains("partner paused the project"))
        #expect(closedShown.stdout.contains("Kabarole"))
        #expect(try MidstProcess.run(["needs", "reopen", "N003"], in: folder.url).status == 0)
        let reopened = try MidstProcess.run(["needs", "show", "N003"], in: folder.url)
        #expect(!reopened.stdout.contains("(closed"))
        let unknown = try MidstProcess.run(["needs", "close", "N999"], in: folder.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no need with id 'N999'"))
    }

    @Test("a day that is no date is refused, naming the flag")
    func badDay() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["run", "--as-of", "2026-02-30"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("'2026-02-30' is no such date"))
    }

    @Test("an outcome recorded with a date beyond tomorrow is refused, as an import would refuse it")
    func futureOutcomeDate() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let before = try MidstProcess.run(["needs", "show", "N001"], in: folder.url).stdout
        let typo = try MidstProcess.run(
            ["outcome", "N001", "S0001", "accepted", "--date", "2062-11-20"], in: folder.url)
        #expect(typo.status == 64, "\(typo.stderr)")
        #expect(typo.stderr.contains("2062-11-20 is in the future"), "\(typo.stderr)")
        #expect(try MidstProcess.run(["needs", "show", "N001"], in: folder.url).stdout == before)
        let today = try MidstProcess.run(
            ["outcome", "N001", "S0001", "declined", "--date", MidstProcess.asOf], in: folder.url)
        #expect(today.status == 0, "\(today.stderr)")
    }

    @Test("export --what contacts lists each proposed consenting person with e-mail; --pseudonymise refuses it")
    func contacts() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        let exported = try MidstProcess.run(
            ["export", "latest", "--what", "contacts", "--out", "asks.csv"], in: folder.url)
        #expect(exported.status == 0, "\(exported.stderr)")
        let text = try String(contentsOfFile: folder.path("asks.csv"), encoding: .utf8)
        #expect(text.hasPrefix("need_id,need,staff_id,name,email,score,action,asked_on,reasons\n"))
        let assignments = try MidstProcess.run(
            ["export", "latest", "--what", "assignments", "--out", "pairs.csv"], in: folder.url)
        #expect(assignments.status == 0)
        let pairs = try String(contentsOfFile: folder.path("pairs.csv"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == pairs.split(separator: "\n").count)
        #expect(text.contains("@nhs.example"))
        #expect(text.contains(",ask,"))
        let refused = try MidstProcess.run(
            ["export", "latest", "--what", "contacts", "--out", "x.csv", "--pseudonymise"],
            in: folder.url)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("cannot be pseudonymised"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("x.csv")))
    }

    @Test("tables fit the terminal's width, cutting long text with …; CSV stays whole")
    func tablesFitTheTerminal() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let narrow = try MidstProcess.run(
            ["why", "N002", "S0034"], in: folder.url, environment: ["COLUMNS": "80"])
        #expect(narrow.status == 0)
        let table = narrow.stdout.split(separator: "\n").drop { !$0.hasPrefix("component") }
        try #require(!table.isEmpty)
        #expect(table.allSatisfy { $0.count <= 80 }, "\(narrow.stdout)")
        #expect(narrow.stdout.contains("…"))
        #expect(narrow.stderr.contains("cut to fit the terminal"))
        let whole = try MidstProcess.run(["why", "N002", "S0034"], in: folder.url)
        #expect(!whole.stdout.contains("…"), "a pipe gets whole lines")
        let csv = try MidstProcess.run(
            ["why", "N002", "S0034", "--format", "csv"], in: folder.url,
            environment: ["COLUMNS": "80"])
        #expect(!csv.stdout.contains("…"))
        #expect(csv.stdout.split(separator: "\n").contains { $0.count > 80 })
    }
}
