import Foundation
import GRDB
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

/// Closing and reopening needs, and what outcomes mean for commitments (issue 21).
@Suite("Need statuses and commitments")
struct NeedStatusTests {
    private let now = Timestamp(parsing: "2026-12-05T08:00:00Z")!

    @Test("closing a need keeps its other columns, records why and when, and reopening undoes it")
    func closeAndReopen() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try #require(try database.need(id: "N002"))
        try database.changeStatus(
            NeedStatusChange(needID: RecordID(rawValue: "N002"), status: .closed, reason: "funding ended"),
            now: now)
        var closed = try #require(try database.need(id: "N002"))
        #expect(closed.status == .closed)
        let stored = try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT status_reason, status_changed_at FROM need WHERE id = 'N002'")
        }
        #expect(stored?["status_reason"] == "funding ended")
        #expect(stored?["status_changed_at"] == now.iso)
        closed.status = before.status
        #expect(closed == before)
        #expect(!(try database.openNeeds().contains { $0.id.rawValue == "N002" }))
        try database.changeStatus(
            NeedStatusChange(needID: RecordID(rawValue: "N002"), status: .open), now: now)
        #expect(try database.openNeeds().contains { $0.id.rawValue == "N002" })
        #expect(throws: UnknownRecord.self) {
            try database.changeStatus(
                NeedStatusChange(needID: RecordID(rawValue: "N999"), status: .closed), now: now)
        }
    }

    @Test("a needs file of only id and status changes statuses and nothing else", arguments: [ImportFormat.csv, .jsonl])
    func statusOnlyFile(format: ImportFormat) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try database.openNeeds()
        let file =
            format == .csv
            ? "id,status,reason\nN001,closed,dates passed\nN003,closed,\n"
            : "{\"id\": \"N001\", \"status\": \"closed\", \"reason\": \"dates passed\"}\n{\"id\": \"N003\", \"status\": \"closed\"}\n"
        let summary = try database.importNeeds(
            Array(file.utf8), options: options("status.\(format.rawValue)", format: format))
        #expect(summary.records == 2)
        let after = try database.openNeeds()
        #expect(Set(before.map(\.id)).subtracting(after.map(\.id)) == [RecordID(rawValue: "N001"), RecordID(rawValue: "N003")])
        #expect(try database.need(id: "N001")?.hostInstitution == before.first { $0.id.rawValue == "N001" }?.hostInstitution)
        let bad = "id,status\nN001,finished\n"
        #expect(throws: (any Error).self) {
            try database.importNeeds(Array(bad.utf8), options: options("bad.csv"))
        }
        let unknown = "id,status\nN999,closed\n"
        #expect(throws: (any Error).self) {
            try database.importNeeds(Array(unknown.utf8), options: options("unknown.csv"))
        }
    }

    @Test("a commitment is an acceptance that is its pair's latest outcome: a withdrawal frees it")
    func withdrawalFreesCapacity() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let need = try #require(try database.openNeeds().first)
        let person = "S0288"
        let held = try database.context(forStaff: person).commitments
        try database.recordOutcome(
            Outcome(
                needID: need.id, staffID: RecordID(rawValue: person), kind: .accepted,
                date: CalendarDate(iso: "2026-11-01")!))
        #expect(try database.context(forStaff: person).commitments == held + 1)
        try database.recordOutcome(
            Outcome(
                needID: need.id, staffID: RecordID(rawValue: person), kind: .withdrawn,
                date: CalendarDate(iso: "2026-11-03")!))
        #expect(try database.context(forStaff: person).commitments == held)
        // Accepted again after the withdrawal: committed again.
        try database.recordOutcome(
            Outcome(
                needID: need.id, staffID: RecordID(rawValue: person), kind: .accepted,
                date: CalendarDate(iso: "2026-11-10")!))
        #expect(try database.context(forStaff: person).commitments == held + 1)
        let followUp = try database.followUp(
            asOf: CalendarDate(iso: "2026-11-11"), rules: FollowUpRules())
        #expect(
            followUp.standing(need: need.id, staff: RecordID(rawValue: person))
                == .placed(.accepted, on: CalendarDate(iso: "2026-11-10")!))
        // The snapshot a write keeps is the one a rebuild gives.
        let kept = try database.staffTable(reference: BundledReference.data)
        let row = try #require(kept.rows(of: [RecordID(rawValue: person)])[RecordID(rawValue: person)])
        let record = try #require(try database.staff(id: person))
        #expect(Int(kept.freeCapacity[Int(row)]) == max(0, record.maxAssignments - held - 1))
    }

    @Test("every need's state in one vocabulary: expired, closed, filled, asked, proposed, open")
    func standings() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let day = CalendarDate(iso: "2026-12-05")!
        func standings() throws -> [String: NeedStanding] {
            Dictionary(
                uniqueKeysWithValues: try database.needStandings(
                    followUp: database.followUp(asOf: day, rules: FollowUpRules())
                ).map { ($0.need.id.rawValue, $0) })
        }
        let before = try standings()
        // N001 ended on 2026-09-30.
        #expect(before["N001"]?.state == .expired)
        #expect(before["N001"]?.isOverdue == false)
        let open = try #require(
            before.values.filter { $0.state == .open && $0.need.slots == 1 }.map(\.need.id).sorted().first)
        let other = try #require(
            before.values.filter { $0.state == .open && $0.need.id != open }.map(\.need.id).sorted().first)
        let third = try #require(
            before.values.filter { $0.state == .open && ![open, other].contains($0.need.id) }.map(\.need.id).sorted().first)
        try database.recordOutcome(
            Outcome(needID: open, staffID: RecordID(rawValue: "S0288"), kind: .accepted, date: day))
        try database.recordOutcome(
            Outcome(needID: other, staffID: RecordID(rawValue: "S0288"), kind: .asked, date: day))
        try database.changeStatus(NeedStatusChange(needID: third, status: .closed, reason: "done"), now: now)
        let after = try standings()
        #expect(after[open.rawValue]?.state == .filled)
        #expect(after[open.rawValue]?.placed == 1)
        #expect(after[other.rawValue]?.state == .asked)
        #expect(after[third.rawValue]?.state == .closed)
        #expect(after[third.rawValue]?.statusReason == "done")
        #expect(after.values.allSatisfy { $0.placed + $0.openSlots >= $0.need.slots })
    }
}
