import Foundation
import GRDB
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

/// The morning's ask list: who to ask today and whose answer is awaited, with e-mails.
@Suite("Ask list")
struct AskListTests {
    private func night(_ database: MidstDatabase, on day: CalendarDate) async throws -> RunRecord {
        let config = ScoringConfig()
        let table = try database.staffTable(reference: BundledReference.data)
        let result = await Batch(scorer: Scorer(reference: BundledReference.data, config: config))
            .run(
                needs: try database.openNeeds(), table: table, decisions: [],
                followUp: try database.followUp(asOf: day, rules: config.followUp))
        let id = try database.recordRun(
            CompletedRun(
                startedAt: Timestamp(secondsSince1970: day.dayNumber * 86_400), note: nil,
                config: config.json(), configHash: config.fingerprint, solver: "optimal", topK: 20,
                table: table, result: result, loadSeconds: 0))
        return try #require(try database.run(String(id)))
    }

    @Test("lists each proposed consenting person with name, e-mail and reasons; an ask made is awaited")
    func askList() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let scorer = Scorer(reference: BundledReference.data)
        let monday = CalendarDate(iso: "2026-12-07")!
        let first = try await night(database, on: monday)
        #expect(first.asOf == monday)
        let table = try database.staffTable(reference: BundledReference.data)
        let followUp = try database.followUp(asOf: monday, rules: FollowUpRules())
        let list = try database.askList(run: first, table: table, scorer: scorer, followUp: followUp)
        #expect(list.count == first.assigned)
        let line = try #require(list.first)
        #expect(line.isToAsk)
        let person = try #require(try database.staff(id: line.staffID))
        #expect(line.email == person.email)
        #expect(line.name == person.name)
        #expect(!line.reasons.isEmpty)

        // Asked on Monday; on Wednesday the ask is awaited, two days old.
        try database.recordOutcome(
            Outcome(
                needID: RecordID(rawValue: line.needID), staffID: person.id, kind: .asked,
                date: monday))
        let wednesday = monday.adding(days: 2)
        let second = try await night(database, on: wednesday)
        let awaited = try database.askList(
            run: second, table: try database.staffTable(reference: BundledReference.data),
            scorer: scorer,
            followUp: try database.followUp(asOf: wednesday, rules: FollowUpRules()))
        let kept = try #require(awaited.first { $0.needID == line.needID && $0.staffID == line.staffID })
        #expect(kept.basis == .asked)
        #expect(kept.askedOn == monday)
        #expect(kept.daysWaiting == 2)

        // Withdrawing consent takes them off every list.
        try database.changeConsent(
            staffID: person.id.rawValue, to: false, reason: "test",
            at: Timestamp(parsing: "2026-12-09T08:00:00Z")!)
        let after = try database.askList(
            run: second, table: try database.staffTable(reference: BundledReference.data),
            scorer: scorer,
            followUp: try database.followUp(asOf: wednesday, rules: FollowUpRules()))
        #expect(!after.contains { $0.staffID == line.staffID })
    }
}
