import Foundation
import MidstTestSupport
import Testing

/// An output path never overwrites the database, a file Midst keeps beside it, or the command's
/// own input (issue 22, item 2).
@Suite("Output paths that would destroy data are refused")
struct ProtectedOutputTests {
    @Test(
        "report, run --report, export, tune, backup and --rejects refuse the database, its companions and the input",
        arguments: [
            (["report", "latest", "--out", "midst.sqlite"], "is the database"),
            (["report", "latest", "--out", "./sub/../midst.sqlite"], "is the database"),
            (["run", "--report", "midst.sqlite-wal"], "write-ahead log"),
            (["export", "latest", "--what", "shortlist", "--out", "midst.sqlite-pseudonym.key"], "pseudonym key"),
            (["export", "latest", "--what", "shortlist", "--out", "midst.sqlite-staff-snapshot"], "staff snapshot"),
            (["tune", "--out", "midst.sqlite"], "is the database"),
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
