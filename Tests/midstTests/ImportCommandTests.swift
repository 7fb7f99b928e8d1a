import Foundation
import MidstTestSupport
import Testing

@Suite("midst init and import, end to end")
struct ImportCommandTests {
    @Test("init creates midst.sqlite in the working folder and import loads the sample data")
    func initAndImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let created = try MidstProcess.run(["init"], in: folder.url)
        #expect(created.status == 0)
        #expect(created.stdout.contains("midst.sqlite: ready"))
        #expect(FileManager.default.fileExists(atPath: folder.path("midst.sqlite")))
        let staff = try MidstProcess.run(["import", "staff", sample("staff.csv")], in: folder.url)
        #expect(staff.status == 0)
        #expect(staff.stdout.contains("300 records, 300 new, 0 updated, 0 rejected"))
        let needs = try MidstProcess.run(["import", "needs", sample("needs.csv")], in: folder.url)
        #expect(needs.stdout.contains("42 records, 42 new"))
        let outcomes = try MidstProcess.run(
            ["import", "outcomes", sample("outcomes.csv")], in: folder.url)
        #expect(outcomes.stdout.contains("68 records, 68 new"))
        #expect(staff.stderr.isEmpty)
    }

    @Test("--db and MIDST_DB choose the database file")
    func databaseLocation() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try MidstProcess.run(["init", "--db", "a.sqlite"], in: folder.url)
        _ = try MidstProcess.run(["init"], in: folder.url, environment: ["MIDST_DB": "b.sqlite"])
        #expect(FileManager.default.fileExists(atPath: folder.path("a.sqlite")))
        #expect(FileManager.default.fileExists(atPath: folder.path("b.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: folder.path("midst.sqlite")))
    }

    @Test(
        "each invalid sample file exits 1, names its line and field, and imports nothing",
        arguments: [
            (
                "staff", "staff-unknown-codes.csv",
                "staff-unknown-codes.csv:3: field 'languages': unknown language code 'xx'"
            ),
            (
                "staff", "staff-bad-level-and-dates.csv",
                "staff-bad-level-and-dates.csv:3: field 'available_to': 2026-03-01 is before"
            ),
            (
                "staff", "staff-duplicate-id.csv",
                "staff-duplicate-id.csv:3: id 'X001' appears again (first on line 2)"
            ),
            (
                "staff", "staff-wrong-column-count.csv",
                "staff-wrong-column-count.csv:3: expected 16 fields"
            ),
            (
                "staff", "staff-unterminated-quote.csv",
                "staff-unterminated-quote.csv:3: a quoted field is never closed"
            ),
            (
                "staff", "staff-missing-consent-column.csv",
                "staff-missing-consent-column.csv:1: required column 'consent' is missing"
            ),
            ("staff", "staff-bad.jsonl", "staff-bad.jsonl:3: unknown key 'favourite_colour'"),
            (
                "needs", "needs-bad-specialty-mode-priority.csv",
                "needs-bad-specialty-mode-priority.csv:3: field 'mode': 'on-site'"
            ),
            (
                "outcomes", "outcomes-unknown-staff.csv",
                "outcomes-unknown-staff.csv:3: field 'staff_id': unknown staff id 'S9999'"
            ),
        ])
    func invalidFiles(kind: String, file: String, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for (what, name) in [("staff", "staff.csv"), ("needs", "needs.csv")] {
            #expect(
                try MidstProcess.run(["import", what, sample(name)], in: folder.url).status == 0)
        }
        let result = try MidstProcess.run(
            ["import", kind, sample("invalid/\(file)")], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message))
        #expect(result.stderr.contains("nothing was imported"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--skip-invalid imports the valid rows and writes a rejects file with the reasons")
    func skipInvalidWritesRejects() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let rejects = folder.path("rejects.csv")
        let result = try MidstProcess.run(
            [
                "import", "staff", sample("invalid/staff-unknown-codes.csv"), "--skip-invalid",
                "--rejects", rejects,
            ],
            in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("2 records, 1 new, 0 updated, 1 rejected"))
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("line,problems,id,name,email"))
        #expect(lines[1].hasPrefix("3,\"countries: unknown country code 'ZZ'"))
        #expect(lines[1].contains(",X002,Bo Lee,"))
    }

    @Test("a file with an unknown extension needs --format")
    func unknownExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["import", "staff", "staff.txt"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format csv or --format jsonl"))
    }

    @Test("a missing input file is reported by name")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["import", "staff", "nowhere.csv"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere.csv"))
    }
}
