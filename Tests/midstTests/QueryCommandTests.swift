import Foundation
import MidstTestSupport
import Testing

/// The recruiter's commands on the sample data, run as a user would.
@Suite("midst candidates, why, search and config, end to end")
struct QueryCommandTests {
    /// A folder holding the sample data imported into midst.sqlite: a copy of the one
    /// ``SampleFolders/imported`` prepares once per test process.
    static func sampleFolder() throws -> TemporaryFolder {
        try SampleFolders.imported.copy()
    }

    @Test(
        "candidates for the Ugandan neonatal need rank the planted people and never a non-consenting one"
    )
    func candidates() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            ["candidates", "N001", "--top", "5", "--format", "csv"], in: folder.url)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "rank,staff_id,name,score,specialties,countries,languages")
        #expect(lines.count == 6)
        let ids = lines.dropFirst().map { $0.split(separator: ",")[1] }
        #expect(ids.first == "S0288")
        #expect(Set(ids).isSuperset(of: ["S0288", "S0156", "S0086"]))
        let everyone = try MidstProcess.run(
            ["candidates", "N001", "--top", "300", "--format", "csv"], in: folder.url)
        #expect(!everyone.stdout.contains("S0243"))
        #expect(!everyone.stdout.contains("S0034"))
    }

    @Test("candidates --explain --format json carries every component and its reason")
    func candidatesExplained() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            ["candidates", "N001", "--top", "1", "--explain", "--format", "json"], in: folder.url)
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let first = try #require(rows.first)
        #expect(first["staff_id"] as? String == "S0288")
        let names = [
            "specialty", "country", "language", "seniority", "availability", "experience",
            "partnership",
        ]
        let parts = names.compactMap { first[$0] as? Double }
        #expect(parts.count == names.count)
        #expect(abs(parts.reduce(0, +) - (first["score"] as? Double ?? -1)) < 1e-9)
        #expect(
            (first["reasons"] as? String)?.contains(
                "Speaks Ganda (native), a language of the need's site")
                == true)
    }

    @Test("why names the constraint that excludes a person")
    func whyExcluded() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["why", "N001", "S0034"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("S0034 is not a candidate for N001:"))
        #expect(result.stdout.contains("profession is nurse, the need asks for doctor"))
    }

    @Test("why treats a non-consenting person like an unknown one, and unknown ids exit 1")
    func whyHidesNonConsenting() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        let hidden = try MidstProcess.run(["why", "N001", "S0243"], in: folder.url)
        #expect(hidden.status == 1)
        #expect(hidden.stderr.contains("no consenting staff member with id 'S0243'"))
        #expect(hidden.stdout.isEmpty)
        let unknownNeed = try MidstProcess.run(["why", "N999", "S0288"], in: folder.url)
        #expect(unknownNeed.status == 1)
        #expect(unknownNeed.stderr.contains("no need with id 'N999'"))
        let unknownForCandidates = try MidstProcess.run(["candidates", "N999"], in: folder.url)
        #expect(unknownForCandidates.status == 1)
    }

    @Test("a name or an e-mail address given for an id is never repeated: why, staff show, decide")
    func idsThatAreNotIDs() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        for arguments in [
            ["why", "N001", "Brian Ssekandi"], ["why", "N001", "brian.ssekandi@nhs.example"],
            ["staff", "show", "Brian Ssekandi"], ["decide", "N001", "brian.ssekandi@nhs.example", "--pin"],
            ["why", "Brian\u{1B}[2J", "S0288"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("the id given (not a valid id"), "\(result.stderr)")
            #expect(!result.stderr.contains("Brian") && !result.stderr.contains("brian"))
        }
    }

    @Test("search combines filters with AND and shows only consenting staff")
    func search() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            [
                "search", "--profession", "doctor", "--country", "UG", "--language", "lg:B1",
                "--format", "csv",
            ], in: folder.url)
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").dropFirst().map {
            String($0.split(separator: ",")[0])
        }
        #expect(ids == ["S0086", "S0156", "S0288"])
        let bad = try MidstProcess.run(["search", "--language", "xx"], in: folder.url)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Unknown language 'xx'"))
    }

    @Test("config print-defaults prints exactly the shipped defaults file")
    func printDefaults() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["config", "print-defaults"], in: folder.url)
        let shipped = try String(
            contentsOf: MidstProcess.packageRoot.appendingPathComponent(
                "docs/scoring-defaults.json"), encoding: .utf8)
        #expect(result.stdout == shipped)
    }

    @Test("a configuration changes the score, and a typo in one is named")
    func configuration() throws {
        let folder = try Self.sampleFolder()
        defer { folder.cleanUp() }
        try #"{"weights": {"language": 50}}"#.write(
            toFile: folder.path("scoring.json"), atomically: true, encoding: .utf8)
        let plain = try MidstProcess.run(["why", "N001", "S0288"], in: folder.url)
        let tuned = try MidstProcess.run(
            ["why", "N001", "S0288", "--config", "scoring.json"], in: folder.url)
        #expect(plain.stdout.contains("score 95.38 of 100"))
        #expect(tuned.stdout.contains("score 95.25 of 100"))
        try #"{"weights": {"langauge": 50}}"#.write(
            toFile: folder.path("typo.json"), atomically: true, encoding: .utf8)
        let typo = try MidstProcess.run(
            ["why", "N001", "S0288", "--config", "typo.json"], in: folder.url)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("unknown key 'weights.langauge'"))
    }
}

@Suite("Decisions about a person who withdraws consent")
struct WithdrawnDecisionTests {
    @Test("a pin is kept but not shown while its person has withdrawn consent, and shown again once they consent again")
    func pinHiddenWhileWithdrawn() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        func listed() throws -> [Substring] {
            let result = try MidstProcess.run(["decisions", "--format", "csv"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").dropFirst().map { $0 }
        }
        for arguments in [
            ["decide", "N001", "S0288", "--pin", "--reason", "asked for"],
            ["decide", "N001", "S0156", "--exclude", "--reason", "on leave"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try listed().map { $0.split(separator: ",")[1] } == ["S0156", "S0288"])
        let withdrawn = try MidstProcess.run(["staff", "consent", "S0288", "--withdraw"], in: folder.url)
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(try listed().map { $0.split(separator: ",")[1] } == ["S0156"])
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let shown = try MidstProcess.run(["show", "latest", "--need", "N001"], in: folder.url)
        #expect(!shown.stdout.contains("S0288"), "\(shown.stdout)")
        let given = try MidstProcess.run(["staff", "consent", "S0288", "--give"], in: folder.url)
        #expect(given.status == 0, "\(given.stderr)")
        #expect(try listed().map { $0.split(separator: ",")[1] } == ["S0156", "S0288"])
    }
}
