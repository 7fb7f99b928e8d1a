import Foundation
import MidstTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nights that fail loudly: a wrong path, an empty database, a second batch, a damaged file.
@Suite("Failing loudly")
struct FailLoudlyTests {
    /// Every command that must find a database, with arguments that would otherwise be valid.
    static let commandsNeedingADatabase: [[String]] = [
        ["run"], ["runs"], ["show", "latest"], ["diff", "1", "2"],
        ["export", "latest", "--what", "shortlist", "--out", "x.csv"],
        ["outcome", "N001", "S0001", "accepted"], ["decide", "N001", "S0001", "--pin"],
        ["decisions"], ["candidates", "N001"], ["why", "N001", "S0001"],
        ["search", "--profession", "nurse"], ["evaluate"], ["tune"], ["features", "--out", "f.csv"],
        ["generate", "--outcomes", "--out", "gen"], ["staff", "show", "S0001"],
        ["staff", "consent", "S0001", "--withdraw"], ["staff", "forget", "S0001", "--yes"],
        ["backup", "copy.sqlite"],
    ]

    @Test("every command but init and import refuses a missing database, names it and creates nothing")
    func missingDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for arguments in Self.commandsNeedingADatabase {
            let result = try MidstProcess.run(arguments + ["--db", "typo.sqlite"], in: folder.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("typo.sqlite: no database here"), "\(arguments)")
            #expect(result.stderr.contains("midst init"), "\(arguments)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(left.isEmpty, "created \(left)")
    }

    @Test("a run with no open needs and nobody matchable completes, warning on stderr and in the summary")
    func emptyRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["init"], in: folder.url).status == 0)
        let result = try MidstProcess.run(["run"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: there are no open needs"))
        #expect(result.stderr.contains("warning: nobody is matchable"))
        #expect(result.stdout.contains("warning             no open needs"))
        #expect(result.stdout.contains("warning             nobody matchable"))
    }

    @Test("a second batch fails at once naming the running one, and waits for it with --wait")
    func secondBatch() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        // Hold the batch lock as a running batch would.
        let lockPath = folder.path("midst.sqlite-batch.lock")
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX) == 0)
        _ = "pid 4242, started 2026-11-27T01:00:00Z".withCString {
            write(descriptor, $0, strlen($0))
        }
        let refused = try MidstProcess.run(["run"], in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("another batch is running"))
        #expect(refused.stderr.contains("pid 4242"))
        #expect(refused.stderr.contains("--wait"))
        let runs = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        #expect(runs.stdout.split(separator: "\n").count == 1, "no run was recorded")

        let errors = folder.url.appendingPathComponent("waiting.txt")
        let waiting = try MidstProcess.start(["run", "--wait"], in: folder.url, errorsTo: errors)
        // It says so when it finds the lock held, then blocks on it; a run that does not wait
        // ends instead.
        func saysItWaits() -> Bool {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            return said.contains("waiting for the batch already running (pid 4242")
        }
        poll { saysItWaits() || !waiting.isRunning }
        #expect(saysItWaits(), "--wait says it waits for the running batch")
        #expect(waiting.isRunning, "--wait waits while the lock is held")
        flock(descriptor, LOCK_UN)
        close(descriptor)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        let after = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        #expect(after.stdout.split(separator: "\n").count == 2)
    }

    @Test("the database, its WAL, snapshot, exports, rejects and key file are owner-only")
    func ownerOnlyFiles() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run", "--top", "3"], in: folder.url).status == 0)
        let export = try MidstProcess.run(
            ["export", "latest", "--what", "shortlist", "--out", "s.csv", "--pseudonymise"],
            in: folder.url)
        #expect(export.status == 0)
        try "id,profession,specialties,seniority,consent\nX1,nurse,nursing_children,band99,yes\n".write(
            toFile: folder.path("bad.csv"), atomically: true, encoding: .utf8)
        _ = try MidstProcess.run(
            ["import", "staff", "bad.csv", "--skip-invalid", "--rejects", "r.csv"], in: folder.url)
        for name in [
            "midst.sqlite", "midst.sqlite-staff-snapshot", "s.csv", "r.csv",
            "midst.sqlite-pseudonym.key", "midst.sqlite-batch.lock",
        ] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path(name))
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test("commands that only read leave the closed database file byte-for-byte unchanged")
    func readingChangesNoByte() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        let before = try Data(contentsOf: folder.url.appendingPathComponent("midst.sqlite"))
        for arguments in [
            ["runs"], ["show", "latest"], ["diff", "1", "2"], ["decisions"],
            ["candidates", "N001"], ["why", "N001", "S0288"], ["search", "--profession", "nurse"],
            ["evaluate"], ["staff", "show", "S0288"],
            ["export", "latest", "--what", "assignments", "--out", "a.csv"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let after = try Data(contentsOf: folder.url.appendingPathComponent("midst.sqlite"))
            #expect(after == before, "\(arguments) changed the database file")
        }
    }

    @Test("pseudonyms use a key kept outside the database: a key file or MIDST_PSEUDONYM_KEY")
    func pseudonymKeyOutsideTheDatabase() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run", "--top", "3"], in: folder.url).status == 0)
        func export(_ name: String, _ environment: [String: String] = [:]) throws -> String {
            let result = try MidstProcess.run(
                ["export", "latest", "--what", "assignments", "--out", name, "--pseudonymise"],
                in: folder.url, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOfFile: folder.path(name), encoding: .utf8)
        }
        let first = try export("a.csv")
        let keyText = try String(contentsOfFile: folder.path("midst.sqlite-pseudonym.key"), encoding: .utf8)
        #expect(keyText.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
        let database = try Data(contentsOf: folder.url.appendingPathComponent("midst.sqlite"))
        let hexKey = keyText.trimmingCharacters(in: .whitespacesAndNewlines)
        let rawKey = Data(stride(from: 0, to: 64, by: 2).map {
            UInt8(hexKey.dropFirst($0).prefix(2), radix: 16)!
        })
        #expect(database.range(of: rawKey) == nil, "the key is not in the database")
        #expect(try export("b.csv") == first, "the same key file gives the same pseudonyms")
        let rotated = try export("c.csv", ["MIDST_PSEUDONYM_KEY": String(repeating: "ab", count: 32)])
        #expect(rotated != first, "another key gives other pseudonyms")
        let bad = try MidstProcess.run(
            ["export", "latest", "--what", "assignments", "--out", "d.csv", "--pseudonymise"],
            in: folder.url, environment: ["MIDST_PSEUDONYM_KEY": "short"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("MIDST_PSEUDONYM_KEY"))
    }
}

@Suite("Hostile text on the terminal")
struct HostileTextTests {
    @Test("terminal escapes and bidi overrides stored in a field are shown escaped in tables, verbatim in CSV")
    func escapesNeutralised() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let name = "Eve \u{1B}[2J\u{1B}]0;owned\u{07}\u{202E}gnp.exe"
        let csv = "id,name,profession,specialties,seniority,consent\nH1,\"\(name)\",doctor,paediatrics,ST4,yes\n"
        try csv.write(toFile: folder.path("h.csv"), atomically: true, encoding: .utf8)
        #expect(try MidstProcess.run(["import", "staff", "h.csv"], in: folder.url).status == 0)
        let table = try MidstProcess.run(["search", "--profession", "doctor"], in: folder.url)
        #expect(table.status == 0)
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(table.stdout.contains("\\u{1b}[2J"))
        let show = try MidstProcess.run(["staff", "show", "H1"], in: folder.url)
        #expect(!show.stdout.unicodeScalars.contains { $0.value == 0x1B })
        let raw = try MidstProcess.run(["search", "--profession", "doctor", "--format", "csv"], in: folder.url)
        #expect(raw.stdout.contains(name), "CSV keeps the stored text as it is")
    }
}
