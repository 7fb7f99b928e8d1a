import Foundation
import GRDB
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

/// Where each asked person stood in the ranking they were asked from (docs/TUNING.md,
/// "Exposure"): from the outcomes file, or from the latest completed run.
@Suite("Outcome exposure")
struct ExposureTests {
    private func stored(_ database: MidstDatabase) throws -> [RecordID: [RecordID: Exposure]] {
        try database.outcomeLog().exposures
    }

    @Test("an outcomes file's shown_rank and shown_score are stored per pair; a file without them stores none")
    func fromFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // The sample's outcomes file has no exposure columns: it imported as before.
        #expect(try stored(database).isEmpty)
        let csv = """
            need_id,staff_id,outcome,date,shown_rank,shown_score
            N001,S0288,asked,2026-05-01,3,71.25
            N001,S0288,accepted,2026-05-02,4,
            N001,S0006,declined,2026-05-01,,

            """
        let summary = try database.importOutcomes(Array(csv.utf8), options: options("outcomes.csv"))
        #expect(summary.rejected.isEmpty)
        let exposures = try stored(database)
        // One row per pair: the later row's rank (and its missing score) replaced the first.
        #expect(exposures[RecordID(rawValue: "N001")]?[RecordID(rawValue: "S0288")] == Exposure(rank: 4))
        #expect(exposures[RecordID(rawValue: "N001")]?[RecordID(rawValue: "S0006")] == nil)
    }

    @Test("a bad shown_rank, or a shown_score without a rank, is refused naming line and field")
    func badValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let csv = """
            need_id,staff_id,outcome,date,shown_rank,shown_score
            N001,S0288,asked,2026-05-01,0,50
            N001,S0006,asked,2026-05-01,,50
            N001,S0007,asked,2026-05-01,2,150

            """
        var skipping = options("outcomes.csv")
        skipping.skipsInvalid = true
        let summary = try database.importOutcomes(Array(csv.utf8), options: skipping)
        let fields = summary.rejected.map { ($0.line, $0.issues.map(\.field)) }
        #expect(fields.count == 3)
        #expect(fields[0].0 == 2 && fields[0].1 == ["shown_rank"])
        #expect(fields[1].0 == 3 && fields[1].1 == ["shown_score"])
        #expect(fields[2].0 == 4 && fields[2].1 == ["shown_score"])
        #expect(try stored(database).isEmpty)
    }

    @Test("midst outcome takes the rank and score of the latest completed run that shortlisted the person, and keeps the first")
    func fromRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let runID = try database.recordRun(try await completedRun(database))
        let line = try #require(try database.shortlist(run: runID).first { $0.rank == 2 })
        let need = RecordID(rawValue: line.needID)
        let person = RecordID(rawValue: line.staffID)
        try database.recordOutcome(
            Outcome(needID: need, staffID: person, kind: .asked, date: sampleDay))
        #expect(try stored(database)[need]?[person] == Exposure(rank: 2, score: line.score))
        let runKey = try await database.pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT run_key FROM outcome_exposure WHERE rank = 2")
        }
        #expect(runKey == runID)

        // A later answer keeps what the person was asked at, even after a new run.
        let later = try database.recordRun(try await completedRun(database, top: 1))
        #expect(later != runID)
        try database.recordOutcome(
            Outcome(needID: need, staffID: person, kind: .accepted, date: sampleDay))
        #expect(try stored(database)[need]?[person] == Exposure(rank: 2, score: line.score))

        // Someone no run shortlisted for the need has no exposure.
        let shortlisted = Set(try database.shortlist(run: runID, needID: line.needID).map(\.staffID))
        let other = try #require(
            try await database.pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM staff") }
                .first { !shortlisted.contains($0) })
        try database.recordOutcome(
            Outcome(needID: need, staffID: RecordID(rawValue: other), kind: .asked, date: sampleDay))
        #expect(try stored(database)[need]?[RecordID(rawValue: other)] == nil)
    }

    @Test("an exposure given with the outcome replaces the run's")
    func givenWins() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let runID = try database.recordRun(try await completedRun(database))
        let line = try #require(try database.shortlist(run: runID).first)
        let need = RecordID(rawValue: line.needID)
        let person = RecordID(rawValue: line.staffID)
        try database.recordOutcome(Outcome(needID: need, staffID: person, kind: .asked, date: sampleDay))
        try database.recordOutcome(
            Outcome(
                needID: need, staffID: person, kind: .declined, date: sampleDay,
                exposure: Exposure(rank: 9, score: 12.5)))
        #expect(try stored(database)[need]?[person] == Exposure(rank: 9, score: 12.5))
    }
}
