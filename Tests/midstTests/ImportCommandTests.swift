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
                "staff-unknown-codes.csv:3: field 'languages': unknown language code (use"
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
            ("staff", "staff-bad.jsonl", "staff-bad.jsonl:3: an unknown key (not shown"),
            (
                "needs", "needs-bad-specialty-mode-priority.csv",
                "needs-bad-specialty-mode-priority.csv:3: field 'mode': the value 'on-site'"
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
        #expect(lines[1].hasPrefix("3,\"countries: unknown country code (use"))
        #expect(lines[1].contains(",X002,Bo Lee,"))
    }

    @Test("a file with an unknown extension needs --format")
    func unknownExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["import", "staff", "staff.txt"], in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format csv, --format jsonl or --format xlsx"))
    }

    @Test("a missing input file is reported by name")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["import", "staff", "nowhere.csv"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere.csv"))
    }

    // MARK: What errors show

    @Test("a staff file with shifted columns is refused without printing the name or the e-mail")
    func shiftedColumnsStayPrivate() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = """
            id,name,email,profession,specialties,seniority,consent
            X1,,nhs,doctor,Brian Ssekandi,brian.ssekandi@nhs.example,yes

            """
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        for extra in [[], ["--skip-invalid", "--rejects", "r.csv"]] {
            let result = try MidstProcess.run(["import", "staff", "s.csv"] + extra, in: folder.url)
            #expect(result.status == (extra.isEmpty ? 1 : 0))
            #expect(result.stderr.contains("s.csv:2: field 'specialties': unknown specialty (see"))
            #expect(result.stderr.contains("s.csv:2: field 'seniority': the value is not a level"))
            #expect(result.stderr.contains("s.csv:2: field 'email': not an e-mail address"))
            for secret in ["Brian", "Ssekandi", "brian.ssekandi", "@nhs.example"] {
                #expect(!result.stderr.contains(secret), "\(result.stderr)")
                #expect(!result.stdout.contains(secret), "\(result.stdout)")
            }
        }
        // The rejects file, asked for, keeps the record as it was: it is the user's own data.
        let rejects = try String(contentsOfFile: folder.path("r.csv"), encoding: .utf8)
        #expect(rejects.contains(",X1,,nhs,doctor,Brian Ssekandi,brian.ssekandi@nhs.example,yes"))
        let problems = try #require(rejects.components(separatedBy: ",X1,").first)
        #expect(problems.contains("specialties: unknown specialty"))
        #expect(!problems.contains("Brian") && !problems.contains("@nhs.example"))
    }

    @Test("terminal escapes and line breaks in a need's values are shown escaped, never raw")
    func escapesShownEscaped() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text =
            "id,partnership,host_institution,country,profession,specialty,mode\n"
            + "N1,P,H,UG,doctor,\"cardio\nlogy\u{1B}[2J\",hybrid\u{1B}[31m\n"
        try text.write(toFile: folder.path("n.csv"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(["import", "needs", "n.csv"], in: folder.url)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(
            result.stderr.contains(
                "n.csv:2: field 'specialty': unknown specialty 'cardio\\u{a}logy\\u{1b}[2J'"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "n.csv:2: field 'mode': the value 'hybrid\\u{1b}[31m' is not remote"),
            "\(result.stderr)")
        // One line per problem, and nothing else: no line break came through.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("n.csv:2: ") || $0.hasPrefix("error:") })
    }

    @Test("a NUL in a name is refused, naming the line and the field, in CSV and JSON Lines")
    func nulRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let csv = "id,name,profession,specialties,seniority,consent\nX1,Zo\u{0}Nakato,doctor,paediatrics,ST4,yes\n"
        let json = #"{"id":"X1","name":"Zo\u0000Nakato","profession":"doctor","specialties":"paediatrics","seniority":"ST4","consent":"yes"}"# + "\n"
        try csv.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        try json.write(toFile: folder.path("s.jsonl"), atomically: true, encoding: .utf8)
        for (file, line) in [("s.csv", 2), ("s.jsonl", 1)] {
            let result = try MidstProcess.run(["import", "staff", file], in: folder.url)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains("\(file):\(line): field 'name': holds a NUL character"),
                "\(result.stderr)")
            #expect(!result.stderr.contains("Nakato"))
        }
    }

    @Test("a record dated after tomorrow is refused, with --skip-invalid too")
    func futureDateRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = "id,profession,specialties,seniority,consent,updated_at\nX1,doctor,paediatrics,ST4,yes,2062-11-20\n"
        try text.write(toFile: folder.path("s.csv"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(["import", "staff", "s.csv"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("s.csv:2: field 'updated_at': 2062-11-20 is in the future"))
        let skipped = try MidstProcess.run(["import", "staff", "s.csv", "--skip-invalid"], in: folder.url)
        #expect(skipped.stdout.contains("1 records, 0 new, 0 updated, 1 rejected"))
    }
}
