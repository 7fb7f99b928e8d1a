import Foundation
import MidstTestSupport
import Testing

/// An output path never overwrites the database, a file Midst keeps beside it, or the command's
/// own input (issue 22, item 2).
@Suite("Output paths that would destroy data are refused")
struct ProtectedOutputTests {
    @Test(
        "report, run --report, export, tune, features, backup and --rejects refuse the database, its companions and the input",
        arguments: [
            (["report", "latest", "--out", "midst.sqlite"], "is the database"),
            (["report", "latest", "--out", "./sub/../midst.sqlite"], "is the database"),
            (["run", "--report", "midst.sqlite-wal"], "write-ahead log"),
            (["export", "latest", "--what", "shortlist", "--out", "midst.sqlite-pseudonym.key"], "pseudonym key"),
            (["export", "latest", "--what", "shortlist", "--out", "midst.sqlite-staff-snapshot"], "staff snapshot"),
            (["tune", "--out", "midst.sqlite"], "is the database"),
            (["features", "--out", "midst.sqlite"], "is the database"),
            (["backup", "link.sqlite"], "is the database"),
            (["import", "staff", "in.csv", "--skip-invalid", "--rejects", "in.csv"], "the file being imported"),
            (["import", "staff", "in.csv", "--skip-invalid", "--rejects", "hard-link.csv"], "the file being imported"),
        ])
    func refused(arguments: [String], what: String) throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        try FileManager.default.createDirectory(
            atPath: folder.path("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("link.sqlite"), withDestinationPath: folder.path("midst.sqlite"))
        try FileManager.default.copyItem(atPath: sample("staff.csv"), toPath: folder.path("in.csv"))
        try FileManager.default.linkItem(atPath: folder.path("in.csv"), toPath: folder.path("hard-link.csv"))
        let files = ["midst.sqlite", "in.csv"]
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder.path($0))) }
        let runs = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url).stdout

        let result = try MidstProcess.run(arguments, in: folder.url)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(what), "\(result.stderr)")
        #expect(result.stderr.contains("Midst will not write over it"))
        let after = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder.path($0))) }
        #expect(after == before, "nothing was written")
        #expect(try MidstProcess.run(["runs", "--format", "csv"], in: folder.url).stdout == runs)
    }

    @Test("an ordinary output path is written as before")
    func ordinaryPath() throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["report", "latest", "--out", "report.html"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path("report.html")))
    }

    @Test("CSV output puts a ' before text a spreadsheet would run as a formula; numbers stay numbers")
    func formulaCells() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        try """
            id,partnership,host_institution,country,profession,mode,priority
            N999,"=HYPERLINK(""http://x"")",@SUM(A1),UG,doctor,remote,1

            """.write(toFile: folder.path("evil.csv"), atomically: true, encoding: .utf8)
        #expect(try MidstProcess.run(["import", "needs", "evil.csv"], in: folder.url).status == 0)
        let csv = try MidstProcess.run(["needs", "list", "--format", "csv"], in: folder.url).stdout
        let line = try #require(csv.split(separator: "\n").first { $0.hasPrefix("N999,") })
        #expect(line.contains(#""'=HYPERLINK(""http://x"")""#))
        #expect(line.contains(",'@SUM(A1),"))
        #expect(!line.contains(",=") && !line.contains(",@"))
        let json = try MidstProcess.run(["needs", "list", "--format", "json"], in: folder.url).stdout
        #expect(json.contains(#""@SUM(A1)""#), "JSON keeps the value as it is")
    }

    @Test("generate refuses to replace files already in the folder unless --force")
    func generateKeepsExistingFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let first = try MidstProcess.run(
            ["generate", "--staff", "20", "--needs", "3", "--out", "data"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: folder.path("data/staff.csv")))
        let again = try MidstProcess.run(
            ["generate", "--staff", "5", "--needs", "1", "--seed", "2", "--out", "data"], in: folder.url)
        #expect(again.status == 64)
        #expect(again.stderr.contains("already holds staff.csv and needs.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("data/staff.csv"))) == written)
        let forced = try MidstProcess.run(
            ["generate", "--staff", "5", "--needs", "1", "--seed", "2", "--out", "data", "--force"],
            in: folder.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("data/staff.csv"))) != written)
    }
}

/// An existing file at an output path is replaced only when Midst wrote it for the same purpose,
/// or with `--force` (issue 22, item 2).
@Suite("Existing files are replaced only when Midst wrote them, or with --force")
struct ExistingOutputTests {
    @Test(
        "a file Midst did not write is refused, kept byte for byte; Midst's own is replaced; --force replaces",
        arguments: [
            ["report", "latest", "--out", "OUT"],
            ["run", "--report", "OUT"],
            ["export", "latest", "--what", "shortlist", "--out", "OUT"],
            ["export", "latest", "--what", "assignments", "--format", "jsonl", "--out", "OUT"],
            ["tune", "--out", "OUT"],
            ["features", "--out", "OUT"],
            ["backup", "OUT"],
        ])
    func replacedOnlyWhenOurs(arguments: [String]) throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        let out = folder.path("OUT")
        let precious = Data("my own notes, not a Midst file\n".utf8)
        try precious.write(to: URL(fileURLWithPath: out))

        let refused = try MidstProcess.run(arguments, in: folder.url)
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("OUT already exists and is not"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == precious)

        let forced = try MidstProcess.run(arguments + ["--force"], in: folder.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(written != precious)

        // Written by Midst for this purpose: replaced without asking, as every night.
        let again = try MidstProcess.run(arguments, in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("a report written by an earlier Midst (no generator mark) is replaced without --force")
    func earlierReport() throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        try "<!DOCTYPE html><html><head><title>Midst: run 1 of the nightly match batch</title></head></html>"
            .write(toFile: folder.path("report.html"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(["report", "latest", "--out", "report.html"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: folder.path("report.html"), encoding: .utf8).contains("name=\"generator\""))
    }

    @Test("an export of another kind is not replaced without --force")
    func otherKindOfExport() throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        let assignments = ["export", "latest", "--what", "assignments", "--out", "out.csv"]
        #expect(try MidstProcess.run(assignments, in: folder.url).status == 0)
        let shortlist = try MidstProcess.run(
            ["export", "latest", "--what", "shortlist", "--out", "out.csv"], in: folder.url)
        #expect(shortlist.status == 64)
        #expect(shortlist.stderr.contains("not an export of the same kind"))
    }

    @Test("--rejects never replaces a file Midst did not write; its own rejects file is replaced")
    func rejectsFile() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        // The sample's first record, and a copy of it with a profession Midst does not know.
        let sample = try String(contentsOfFile: sample("staff.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(2).map(String.init)
        let invalid = sample[1].replacingOccurrences(of: "S0001,", with: "S9999,")
            .replacingOccurrences(of: ",nurse,", with: ",astronaut,")
            .replacingOccurrences(of: ",doctor,", with: ",astronaut,")
        #expect(invalid != sample[1])
        try ([sample[0], sample[1], invalid].joined(separator: "\n") + "\n")
            .write(toFile: folder.path("bad.csv"), atomically: true, encoding: .utf8)
        let precious = Data("someone's spreadsheet\n".utf8)
        try precious.write(to: URL(fileURLWithPath: folder.path("notes.csv")))
        let arguments = ["import", "staff", "bad.csv", "--skip-invalid", "--rejects", "notes.csv"]

        let refused = try MidstProcess.run(arguments, in: folder.url)
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("not a rejects file Midst wrote"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("notes.csv"))) == precious)

        let first = try MidstProcess.run(
            ["import", "staff", "bad.csv", "--skip-invalid", "--rejects", "rejects.csv"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try MidstProcess.run(
            ["import", "staff", "bad.csv", "--skip-invalid", "--rejects", "rejects.csv"], in: folder.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOfFile: folder.path("rejects.csv"), encoding: .utf8).hasPrefix("line,problems"))
    }
}
