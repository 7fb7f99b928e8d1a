import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Recording runs")
struct RunTests {
    @Test("a nightly run records the run whole and returns it as the latest")
    func nightlyRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        var events: [NightlyRun.Event] = []
        let outcome = try await NightlyRun(options: NightlyRun.Options(top: 5, note: "nightly", asOf: sampleDay))
            .run(on: database) { events.append($0) }
        #expect(try database.run("latest") == outcome.record)
        #expect(outcome.record.status == "completed")
        #expect(outcome.record.note == "nightly")
        #expect(outcome.warnings.isEmpty)
        #expect(try database.shortlist(run: outcome.record.id).count == outcome.record.edges)
        guard case .written = try #require(events.last) else {
            Issue.record("the last event is \(String(describing: events.last)), not written")
            return
        }
    }

    @Test("a run that matches needs and people but shortlists nobody says so")
    func nobodyShortlisted() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try await database.pool.write { try $0.execute(sql: "UPDATE need SET min_score = 100") }
        let outcome = try await NightlyRun(options: NightlyRun.Options(top: 5, asOf: sampleDay))
            .run(on: database)
        #expect(outcome.record.edges == 0)
        #expect(outcome.record.needs > 0 && outcome.record.eligibleStaff > 0)
        #expect(
            outcome.warnings.contains(
                .nobodyShortlisted(needs: outcome.record.needs, people: outcome.record.eligibleStaff)))
    }

    @Test("a nightly run while another batch holds the lock fails at once and records nothing")
    func nightlyRunLocked() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let held = try BatchLock.acquire(forDatabaseAt: database.path, waits: false)
        await #expect(throws: StoreError.self) {
            _ = try await NightlyRun(options: NightlyRun.Options(asOf: sampleDay)).run(on: database)
        }
        withExtendedLifetime(held) {}
        #expect(try database.runs().isEmpty)
    }

    @Test("a recorded run is the latest, with its shortlists and a proposal within every capacity")
    func recorded() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let run = try await completedRun(database)
        let id = try database.recordRun(run)
        let latest = try #require(try database.run("latest"))
        #expect(latest.id == id)
        #expect(latest.status == "completed")
        #expect(latest.optimalObjective >= latest.greedyObjective - 1e-9)
        let lines = try database.shortlist(run: id)
        #expect(lines.count == run.shortlists.reduce(0) { $0 + $1.count })
        let pairs = try database.assignments(run: id)
        #expect(pairs.count == run.proposal.pairs.count)
        let slots = Dictionary(uniqueKeysWithValues: run.needs.map { ($0.id.rawValue, $0.slots) })
        for (need, count) in Dictionary(grouping: pairs, by: \.needID).mapValues(\.count) {
            #expect(count <= slots[need]!)
        }
        for (staffID, count) in Dictionary(grouping: pairs, by: \.staffID).mapValues(\.count) {
            let person = try #require(try database.staff(id: staffID))
            #expect(count <= person.maxAssignments)
            #expect(person.hasConsented)
        }
        let n001 = try database.shortlist(run: id, needID: "N001")
        #expect(n001.first?.staffID == "S0288")
        #expect(n001.map(\.rank) == Array(1..<(n001.count + 1)))
        // The run is written with foreign-key enforcement off (inTransactionTrustingKeys).
        let danglingReferences = try await database.pool.read {
            try Row.fetchAll($0, sql: "PRAGMA foreign_key_check")
        }
        #expect(danglingReferences.isEmpty)
        let foreignKeysOn = try await database.pool.write {
            try Bool.fetchOne($0, sql: "PRAGMA foreign_keys")
        }
        #expect(foreignKeysOn == true)
    }

    @Test(
        "a run that fails while writing leaves the previous run as the latest, and nothing of itself"
    )
    func atomic() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let first = try database.recordRun(try await completedRun(database))
        let shortlistRows = try database.shortlist(run: first).count
        // A table holding someone the database does not have makes the write fail midway.
        let ghost = Staff(
            id: RecordID(rawValue: "GHOST"), profession: SpecialtyCode(rawValue: "doctor"),
            specialties: [SpecialtyCode(rawValue: "neonatal_medicine")],
            seniority: Seniority(rawValue: 5)!,
            countryTies: [CountryTie(country: CountryCode(rawValue: "UG"), kind: .nationality)],
            languages: [
                Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native),
                Staff.LanguageSkill(language: LanguageCode(rawValue: "lg"), level: .native),
            ],
            hasConsented: true, pastPlacements: 4, updatedAt: Timestamp(secondsSince1970: 0))
        let table = StaffTable(
            staff: [ghost], contexts: [Staff.Context()], reference: BundledReference.data)
        let broken = try await completedRun(database, table: table)
        #expect(throws: (any Error).self) { _ = try database.recordRun(broken) }
        // Foreign-key enforcement, off while a run is written, is back on after a failed write.
        let foreignKeysOn = try await database.pool.write {
            try Bool.fetchOne($0, sql: "PRAGMA foreign_keys")
        }
        #expect(foreignKeysOn == true)
        #expect(try database.run("latest")?.id == first)
        #expect(try database.runs().count == 1)
        #expect(try database.shortlist(run: first).count == shortlistRows)
        try database.recordFailedRun(
            startedAt: Timestamp(secondsSince1970: 0), note: nil, config: "{}", configHash: "x",
            solver: "optimal",
            topK: 5, failure: "disk full")
        #expect(try database.runs().map(\.status) == ["failed", "completed"])
        #expect(try database.run("latest")?.id == first)
    }

    @Test(
        "a run whose proposal fails after its shortlists are written leaves the previous run as the latest, and nothing of itself"
    )
    func proposalFailsAfterShortlists() async throws {
        struct SolverFailed: Error {}
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let first = try database.recordRun(try await completedRun(database))
        func rowCount(_ table: String) async throws -> Int {
            try await database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
        }
        let shortlistRows = try await rowCount("shortlist")
        let assignmentRows = try await rowCount("assignment")
        let teamRows = try await rowCount("run_team")
        let run = try await completedRun(database).shortlistedRun
        #expect(run.shortlisted.shortlists.contains { !$0.isEmpty })
        var isProposalAsked = false
        #expect(throws: SolverFailed.self) {
            _ = try database.recordRun(run) {
                isProposalAsked = true
                throw SolverFailed()
            }
        }
        #expect(isProposalAsked)
        #expect(try database.runs().map(\.id) == [first])
        #expect(try await rowCount("shortlist") == shortlistRows)
        #expect(try await rowCount("assignment") == assignmentRows)
        #expect(try await rowCount("run_team") == teamRows)
        let foreignKeysOn = try await database.pool.write {
            try Bool.fetchOne($0, sql: "PRAGMA foreign_keys")
        }
        #expect(foreignKeysOn == true)
        // The database takes the next run.
        let next = try database.recordRun(try await completedRun(database))
        #expect(try database.run("latest")?.id == next)
    }

    @Test("a run recorded while its proposal is solved is recorded as one solved first")
    func solvedWhileWriting() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let completed = try await completedRun(database)
        let sequential = try database.recordRun(completed)
        let run = try await completedRun(database).shortlistedRun
        let overlapped = try database.recordRun(run) { run.shortlisted.propose() }
        let before = try #require(try database.run(String(sequential)))
        let after = try #require(try database.run(String(overlapped)))
        #expect(after.status == "completed")
        #expect(after.edges == before.edges && after.assigned == before.assigned)
        #expect(after.pairsExamined == before.pairsExamined && after.needs == before.needs)
        #expect(after.totalScore == before.totalScore)
        #expect(after.optimalObjective == before.optimalObjective)
        #expect(after.greedyObjective == before.greedyObjective)
        #expect(after.proposalObjective == before.proposalObjective)
        #expect(after.asOf == sampleDay)
        #expect(after.writeSeconds >= 0)
        #expect(try database.shortlist(run: overlapped) == database.shortlist(run: sequential))
        #expect(try database.assignments(run: overlapped) == database.assignments(run: sequential))
        #expect(try database.teamLanguages(run: overlapped) == database.teamLanguages(run: sequential))
        #expect(try database.assignments(run: overlapped).count == completed.proposal.pairs.count)
    }

    @Test("the same data gives the same shortlists and proposal every time")
    func determinism() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let first = try database.recordRun(try await completedRun(database))
        let second = try database.recordRun(try await completedRun(database))
        #expect(try database.shortlist(run: first) == database.shortlist(run: second))
        #expect(try database.assignments(run: first) == database.assignments(run: second))
    }
}
