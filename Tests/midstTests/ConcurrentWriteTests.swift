import Foundation
import MidstTestSupport
import Testing

/// One-person writes (erasure, consent withdrawal, a corrected record) made while a batch run and
/// a recruiter's query are under way (issue 22, item 1): nothing crashes, nothing answers empty
/// with success, and every answer is one the two serial orders give: the run (or the query)
/// entirely before the write, or entirely after it. A run may instead be refused (non-zero exit),
/// leaving the runs recorded as they were.
///
/// The moments of the writes come from a fixed seed (`MIDST_INTERLEAVING_SEED`);
/// `MIDST_INTERLEAVINGS` per write (3 by default, to keep CI short) on a generated database of
/// `MIDST_INTERLEAVING_STAFF` people (5,000 by default; RELIABILITY.md gives longer runs).
@Suite("Writes during runs and queries", .serialized)
struct ConcurrentWriteTests {
    static let environment = ProcessInfo.processInfo.environment
    static let interleavings = environment["MIDST_INTERLEAVINGS"].flatMap { Int($0) } ?? 3
    static let staff = environment["MIDST_INTERLEAVING_STAFF"].flatMap { Int($0) } ?? 5_000
    static let seed = environment["MIDST_INTERLEAVING_SEED"].flatMap { UInt64($0) } ?? 20_261_205

    /// The one-person writes tried.
    enum Write: String, CaseIterable, CustomTestStringConvertible {
        case forgetShortlisted, forgetNeverMatchable, withdrawConsent, correctRecord

        var testDescription: String { rawValue }
    }

    /// A generated database with one run, and what the write is made to.
    struct Base {
        var folder: TemporaryFolder
        /// The need queried, on which `person` is the first candidate.
        var need: String
        /// The person written to.
        var person: String
        /// A person who never consented (never matchable).
        var refuser: String
        /// The person's record with another specialty and a later `updated_at`, as a staff file.
        var correction: String
    }

    static let base: Base = {
        let folder = try! TemporaryFolder()
        for arguments in [
            ["generate", "--staff", "\(staff)", "--needs", "120", "--seed", "5", "--out", "data"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
            ["run", "--note", "before"],
        ] {
            let result = try! MidstProcess.run(arguments, in: folder.url)
            precondition(result.status == 0, result.stderr)
        }
        let shortlist = try! MidstProcess.run(
            ["export", "latest", "--what", "shortlist", "--out", "base.csv"], in: folder.url)
        precondition(shortlist.status == 0, shortlist.stderr)
        let first = try! String(contentsOfFile: folder.path("base.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().first!.split(separator: ",").map(String.init)
        let (need, person) = (first[0], first[1])
        let lines = try! String(contentsOfFile: folder.path("data/staff.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = { (name: String) in header.firstIndex(of: name)! }
        // Generated fields hold no quoted commas except in lists, which use ';'.
        let records = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let refuser = records.first { $0[column("consent")] == "no" }![column("id")]
        var record = records.first { $0[column("id")] == person }!
        let other = records.first { $0[column("specialties")] != record[column("specialties")] && $0[column("profession")] == record[column("profession")] }!
        record[column("specialties")] = other[column("specialties")]
        record[column("updated_at")] = ISO8601DateFormatter().string(from: Date())
        return Base(
            folder: folder, need: need, person: person, refuser: refuser,
            correction: lines[0] + "\n" + record.joined(separator: ",") + "\n")
    }()

    /// The command that makes `write`, run in `folder`.
    static func make(_ write: Write, in folder: TemporaryFolder) throws -> MidstProcess.Result {
        switch write {
        case .forgetShortlisted:
            return try MidstProcess.run(["staff", "forget", base.person, "--yes"], in: folder.url)
        case .forgetNeverMatchable:
            return try MidstProcess.run(["staff", "forget", base.refuser, "--yes"], in: folder.url)
        case .withdrawConsent:
            return try MidstProcess.run(["staff", "consent", base.person, "--withdraw"], in: folder.url)
        case .correctRecord:
            try base.correction.write(toFile: folder.path("correction.csv"), atomically: true, encoding: .utf8)
            return try MidstProcess.run(["import", "staff", "correction.csv"], in: folder.url)
        }
    }

    /// A copy of the base database (and its snapshot and key) in a new folder.
    static func copy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for file in try FileManager.default.contentsOfDirectory(atPath: base.folder.path(""))
        where file.hasPrefix("midst.sqlite") {
            try FileManager.default.copyItem(atPath: base.folder.path(file), toPath: folder.path(file))
        }
        return folder
    }

    /// The latest run's shortlists, as exported, and the number of completed runs.
    static func latestShortlists(in folder: TemporaryFolder) throws -> (csv: String, runs: Int) {
        let export = try MidstProcess.run(
            ["export", "latest", "--what", "shortlist", "--out", "latest.csv", "--force"], in: folder.url)
        #expect(export.status == 0, "\(export.stderr)")
        let runs = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        return (
            try String(contentsOfFile: folder.path("latest.csv"), encoding: .utf8),
            runs.stdout.split(separator: "\n").filter { $0.contains(",completed,") }.count
        )
    }

    static func candidates(in folder: TemporaryFolder) throws -> MidstProcess.Result {
        try MidstProcess.run(["candidates", base.need, "--format", "csv", "--top", "50"], in: folder.url)
    }

    /// What a run and a query give in each serial order: entirely before the write (as the write
    /// leaves a finished run: an erased person anonymised) and entirely after it.
    static func serialOrders(_ write: Write) throws -> (runs: Set<String>, queries: Set<String>) {
        let runFirst = try copy()
        defer { runFirst.cleanUp() }
        let queryBefore = try candidates(in: runFirst)
        #expect(try MidstProcess.run(["run"], in: runFirst.url).status == 0)
        #expect(try make(write, in: runFirst).status == 0)
        let writeFirst = try copy()
        defer { writeFirst.cleanUp() }
        #expect(try make(write, in: writeFirst).status == 0)
        let queryAfter = try candidates(in: writeFirst)
        #expect(try MidstProcess.run(["run"], in: writeFirst.url).status == 0)
        return (
            [try latestShortlists(in: runFirst).csv, try latestShortlists(in: writeFirst).csv],
            [queryBefore.stdout, queryAfter.stdout]
        )
    }

    /// How `answer` differs from the closest of `expected`, briefly: line counts and the first
    /// line that differs.
    static func difference(_ answer: String, from expected: Set<String>) -> String {
        let lines = answer.split(separator: "\n")
        return expected.map { other in
            let otherLines = other.split(separator: "\n")
            let first = Array(zip(lines, otherLines)).firstIndex { $0 != $1 } ?? min(lines.count, otherLines.count)
            let got = first < lines.count ? String(lines[first]) : "(end)"
            let wanted = first < otherLines.count ? String(otherLines[first]) : "(end)"
            return "\(lines.count) lines against \(otherLines.count); line \(first + 1): \(got) instead of \(wanted)"
        }.joined(separator: " | ")
    }

    @Test("a write during a run and a query: each answer is one of the serial orders'", arguments: Write.allCases)
    func interleaved(write: Write) async throws {
        let expected = try Self.serialOrders(write)
        #expect(expected.runs.allSatisfy { $0.split(separator: "\n").count > 1 }, "the run alone shortlists people")
        var random = SeededBytes(seed: Self.seed &+ UInt64(Write.allCases.firstIndex(of: write)!))
        // How long a run takes here: the writes land anywhere from its start to just past its end.
        let timing = try Self.copy()
        defer { timing.cleanUp() }
        let started = Date()
        _ = try MidstProcess.run(["run"], in: timing.url)
        let runSeconds = Date().timeIntervalSince(started)

        for _ in 0..<Self.interleavings {
            let folder = try Self.copy()
            defer { folder.cleanUp() }
            let runsBefore = try Self.latestShortlists(in: folder).runs
            let delay = Double(random.next()) / 255 * runSeconds * 1.1
            let queryDelay = Double(random.next()) / 255 * runSeconds
            async let run = Task.detached { try MidstProcess.run(["run"], in: folder.url) }.value
            async let query = Task.detached {
                try await Task.sleep(for: .seconds(queryDelay))
                return try Self.candidates(in: folder)
            }.value
            try await Task.sleep(for: .seconds(delay))
            let written = try Self.make(write, in: folder)
            #expect(written.status == 0, "the write commits and says so: \(written.stderr)")
            let (ran, queried) = try await (run, query)

            #expect(ran.status == 0 || ran.status == 2, "a run succeeds or is refused (exit 2), never crashes: \(ran.status) \(ran.stderr)")
            let latest = try Self.latestShortlists(in: folder)
            if ran.status == 0 {
                #expect(latest.runs == runsBefore + 1)
                let isSerial = expected.runs.contains(latest.csv)
                #expect(
                    isSerial,
                    "the run's shortlists are those of a serial order (write after \(delay) s): \(Self.difference(latest.csv, from: expected.runs))")
            } else {
                #expect(latest.runs == runsBefore, "a refused run is not recorded")
            }
            #expect(queried.status == 0, "the query answers: \(queried.stderr)")
            let isSerialAnswer = expected.queries.contains(queried.stdout)
            #expect(
                isSerialAnswer,
                "the query's answer is that of a serial order (query after \(queryDelay) s): \(Self.difference(queried.stdout, from: expected.queries))")
        }
    }
}
