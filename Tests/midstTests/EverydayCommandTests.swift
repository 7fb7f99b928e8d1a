import Foundation
import MidstTestSupport
import Testing

/// Spreadsheet round trips and messages that say what to do (issue 13, first part).
@Suite("Everyday commands")
struct EverydayCommandTests {
    static let header = "id,profession,specialties,seniority,consent,available_from"

    @Test("a rejects file, once fixed, imports again as it is")
    func rejectsRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = Self.header + "\nA1,doctor,paediatrics,ST4,yes,2026-03-01\nA2,doctor,paediatrics,ST9,yes,2026-02-30\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let first = try MidstProcess.run(
            ["import", "staff", "s.csv", "--skip-invalid", "--rejects", "r.csv"], in: folder.url)
        #expect(first.status == 0)
        #expect(first.stderr.contains("the value is no such date"), "\(first.stderr)")
        var rejects = try String(contentsOfFile: folder.path("r.csv"), encoding: .utf8)
        #expect(rejects.hasPrefix("line,problems,id,"))
        rejects = rejects.replacingOccurrences(of: ",ST9,", with: ",ST4,")
            .replacingOccurrences(of: ",2026-02-30", with: ",2026-02-28")
        try rejects.write(toFile: folder.path("r.csv"), atomically: true, encoding: .utf8)
        let again = try MidstProcess.run(["import", "staff", "r.csv"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("1 records, 1 new"), "\(again.stdout)")
    }

    @Test("a spreadsheet's trailing empty column is accepted")
    func trailingEmptyColumn() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = Self.header + ",\nA1,doctor,paediatrics,ST4,yes,2026-03-01,\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(["import", "staff", "s.csv"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("an unknown column is an error listing the known ones, or read past with a warning when asked")
    func unknownColumns() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = "id,profession,specialties,seniority,consent,shoe_size\nA1,doctor,paediatrics,ST4,yes,43\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let refused = try MidstProcess.run(["import", "staff", "s.csv"], in: folder.url)
        #expect(refused.status == 1)
        // Not named: a staff file without its header row would have a name there.
        #expect(refused.stderr.contains("column 6 of the header is unknown"))
        #expect(refused.stderr.contains("known columns: id, name, email"))
        #expect(refused.stderr.contains("--ignore-unknown-columns"))
        let read = try MidstProcess.run(
            ["import", "staff", "s.csv", "--ignore-unknown-columns"], in: folder.url)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("warning: s.csv: read past unknown column 'shoe_size'"))
    }

    @Test("a misspelt command gets a suggestion, and exit 64")
    func misspeltCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["imprt", "staff", "x.csv"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean `midst import`?"), "\(result.stderr)")
        let far = try MidstProcess.run(["zzzzzzzz"], in: folder.url)
        #expect(far.status == 64)
        #expect(far.stderr.contains("midst --help"))
        #expect(!far.stderr.contains("did you mean"))
    }

    @Test("midst --help starts a newcomer with the sample data and the batch")
    func helpStartsWithRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let help = try MidstProcess.run(["--help"], in: folder.url)
        #expect(help.stdout.contains("midst run"))
        #expect(help.stdout.contains("midst import staff SampleData/staff.csv"))
    }
}

@Suite("diff with no runs named")
struct DiffDefaultsTests {
    @Test("midst diff compares the completed run before the latest with the latest")
    func lastNight() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let alone = try MidstProcess.run(["run"], in: folder.url)
        #expect(alone.status == 0)
        let first = try MidstProcess.run(["diff"], in: folder.url)
        #expect(first.status == 1)
        #expect(first.stderr.contains("nothing to compare"))
        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        let named = try MidstProcess.run(["diff", "1", "2", "--format", "csv"], in: folder.url)
        let unnamed = try MidstProcess.run(["diff", "--format", "csv"], in: folder.url)
        #expect(unnamed.status == 0)
        #expect(unnamed.stdout == named.stdout)
        #expect(!unnamed.stdout.isEmpty)
    }
}

@Suite("Messages for bad option values")
struct OptionValueTests {
    @Test("--top -1 says what a valid value is")
    func negativeTop() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        for arguments in [["candidates", "N001", "--top", "-1"], ["run", "--top", "-1"]] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("--top must be a whole number of 1 or more"), "\(result.stderr)")
        }
    }
}

@Suite("needs list and needs show")
struct NeedsCommandTests {
    @Test("needs list filters by status and country; needs show gives the shortlist, decisions and outcomes")
    func listAndShow() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let all = try MidstProcess.run(["needs", "list", "--format", "csv"], in: folder.url)
        #expect(all.status == 0)
        // Records start with their id (a description may run over several lines).
        let sampleNeeds = try String(contentsOfFile: sample("needs.csv"), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("N0") }.count
        #expect(all.stdout.split(separator: "\n").filter { $0.hasPrefix("N0") }.count == sampleNeeds)
        #expect(all.stdout.hasPrefix("id,"))
        let uganda = try MidstProcess.run(
            ["needs", "list", "--status", "open", "--country", "UG", "--format", "csv"], in: folder.url)
        let rows = uganda.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains(",open,") && $0.contains("UG") })
        #expect(rows.count < sampleNeeds)
        let bad = try MidstProcess.run(["needs", "list", "--status", "done"], in: folder.url)
        #expect(bad.status == 64)

        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        #expect(try MidstProcess.run(["decide", "N001", "S0156", "--exclude", "--reason", "on leave"], in: folder.url).status == 0)
        let shown = try MidstProcess.run(["needs", "show", "N001"], in: folder.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Need N001 (proposed, overdue as of 2026-06-01)"))
        #expect(shown.stdout.contains("min_score"))
        #expect(shown.stdout.contains("Shortlist in run 1"))
        #expect(shown.stdout.contains("S0288"))
        #expect(shown.stdout.contains("on leave"))
        let missing = try MidstProcess.run(["needs", "show", "N999"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no need with id 'N999'"))
    }
}

@Suite("An empty shortlist says why")
struct EmptyShortlistTests {
    @Test("show --need on a need nobody fits prints its nearest misses")
    func nearestMissesLine() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        let needs = try MidstProcess.run(["needs", "list", "--status", "open", "--format", "csv"], in: folder.url)
        let ids = needs.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        var explained = 0
        for id in ids {
            let shown = try MidstProcess.run(["show", "latest", "--need", id, "--format", "table"], in: folder.url)
            #expect(shown.status == 0)
            let csv = try MidstProcess.run(["show", "latest", "--need", id, "--format", "csv"], in: folder.url)
            let isEmpty = csv.stdout.split(separator: "\n").count == 1
            #expect(shown.stdout.contains("Why nobody") == isEmpty, "\(id)")
            if isEmpty {
                #expect(shown.stdout.contains("pass every hard constraint"))
                explained += 1
            }
        }
        #expect(explained > 0, "the sample has needs nobody fits")
    }
}
