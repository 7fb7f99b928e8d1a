import Foundation
import MidstTestSupport
import Testing

/// CSV as Excel writes it, words for codes, and commands that guess what was meant (issue 25).
@Suite("Spreadsheet imports and typos")
struct SpreadsheetImportCommandTests {
    static let header = "id;profession;specialties;seniority;consent;available_from"

    @Test("a semicolon file imports; both flags an error suggests work on it")
    func semicolonFlags() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text =
            Self.header + ";shoe_size\r\nA1;doctor;Neonatal medicine;ST4;yes;2026-03-01;9\r\n"
            + "A2;doctor;paediatrics;ST9;yes;2026-03-01;8\r\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let refused = try MidstProcess.run(["import", "staff", "s.csv"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--ignore-unknown-columns"), "\(refused.stderr)")
        let result = try MidstProcess.run(
            ["import", "staff", "s.csv", "--ignore-unknown-columns", "--skip-invalid"],
            in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(semicolon-separated): 2 records, 1 new"), "\(result.stdout)")
        let rejects = try String(contentsOfFile: folder.path("s.csv.rejects.csv"), encoding: .utf8)
        #expect(rejects.hasPrefix("line;problems;id;profession;"), "\(rejects)")
        let forced = try MidstProcess.run(
            ["import", "staff", "s.csv", "--delimiter", "comma", "--dry-run"], in: folder.url)
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("column 1 of the header is unknown"), "\(forced.stderr)")
    }

    @Test("--rejects alone implies --skip-invalid, and the summary says so")
    func rejectsAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text =
            Self.header + "\nA1;doctor;paediatrics;ST4;yes;2026-03-01\n"
            + "A2;doctor;paediatrics;ST9;yes;2026-03-01\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(
            ["import", "staff", "s.csv", "--rejects", "r.csv"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 rejected"))
        #expect(result.stdout.contains("(--rejects implies --skip-invalid)"))
        #expect(FileManager.default.fileExists(atPath: folder.path("r.csv")))
    }

    @Test("a Windows-1252 file is refused with how to save it as CSV UTF-8")
    func windows1252() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = "id,name,profession,specialties,seniority,consent\nA1,Ren\u{E9}e,doctor,paediatrics,ST4,yes\n"
        try Data(text.unicodeScalars.map { UInt8($0.value) }).write(to: folder.url.appendingPathComponent("s.csv"))
        let result = try MidstProcess.run(["import", "staff", "s.csv"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("s.csv:2: the file is not UTF-8: byte 0xE9 (byte 7 of the line"), "\(result.stderr)")
        #expect(result.stderr.contains("CSV UTF-8"))
    }

    @Test("a dry run or a failed import in an empty folder leaves it empty; run still refuses")
    func nothingOnDisk() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let input = try TemporaryFolder()
        defer { input.cleanUp() }
        let good = "id,profession,specialties,seniority,consent\nA1,doctor,paediatrics,ST4,yes\n"
        try good.write(toFile: input.path("good.csv"), atomically: true, encoding: .utf8)
        try (good + "A2,doctor,paediatrics,ST9,yes\n").write(
            toFile: input.path("bad.csv"), atomically: true, encoding: .utf8)
        for arguments in [
            ["import", "staff", input.path("good.csv"), "--dry-run"],
            ["import", "staff", input.path("bad.csv")],
            ["import", "staff", input.path("bad.csv"), "--dry-run"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == (arguments.last == "--dry-run" && arguments[2].hasSuffix("good.csv") ? 0 : 1), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [], "\(arguments)")
        }
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("midst.sqlite"))
        let imported = try MidstProcess.run(["import", "staff", input.path("good.csv")], in: folder.url)
        #expect(imported.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("midst.sqlite")))
    }

    @Test(
        "a misspelt command at any level gets a suggestion, and exit 64",
        arguments: [
            (["import", "staf", "x.csv"], "did you mean `midst import staff`?"),
            (["needs", "shw"], "did you mean `midst needs show`?"),
            (["help", "gap"], "did you mean `midst gaps`?"),
            (["help", "import", "stuff"], "did you mean `midst import staff`?"),
        ])
    func misspeltSubcommand(arguments: [String], suggestion: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(arguments, in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains(suggestion), "\(result.stderr)")
    }

    @Test("help of a real command still prints its help")
    func helpOfCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["help", "import", "staff"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--delimiter"))
    }

    @Test(
        "a date on the command line gets the message a file's date gets",
        arguments: [
            ["search", "--available-from", "2026-02-30"],
            ["outcome", "N1", "S1", "accepted", "--date", "2026-02-30"],
        ])
    func noSuchDate(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(arguments, in: folder.url)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("'2026-02-30' is no such date"), "\(result.stderr)")
    }
}
