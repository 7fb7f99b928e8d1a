import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// Midst's own writes keep the staff snapshot current, so that the next query need not rebuild
/// it; what they leave must be exactly what a rebuild from the database makes.
@Suite("Staff snapshot kept current at write time")
struct SnapshotMaintenanceTests {
    /// The snapshot file with its overlay applied, when together they are current; else `nil`.
    private func currentSnapshot(_ database: MidstDatabase) throws -> [UInt8]? {
        guard let kept = database.keptStaff(generation: try database.staffGeneration()) else {
            return nil
        }
        let table = kept.applied(reference: BundledReference.data)
        return withExtendedLifetime(table) { Array(table.bytes) }
    }

    /// The table a rebuild makes now (the snapshot file is removed first).
    private func rebuilt(_ database: MidstDatabase) throws -> [UInt8] {
        try FileManager.default.removeItem(atPath: database.snapshotPath)
        let table = try database.staffTable(reference: BundledReference.data)
        return withExtendedLifetime(table) { Array(table.bytes) }
    }

    /// Expects the write to have left a current snapshot equal to a rebuild.
    private func expectKeptCurrent(
        _ database: MidstDatabase, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let kept = try currentSnapshot(database)
        #expect(kept != nil, "no current snapshot after \(what)", sourceLocation: sourceLocation)
        guard let kept else { return }
        let fresh = try rebuilt(database)
        #expect(kept == fresh, "\(what)", sourceLocation: sourceLocation)
    }

    @Test("imports of staff, needs and outcomes leave a current snapshot equal to a rebuild")
    func importsKeepItCurrent() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        _ = try database.importStaff(try bytes(ofSample: "staff.csv"), options: options("staff.csv"))
        try expectKeptCurrent(database, "the first staff import")
        _ = try database.importNeeds(try bytes(ofSample: "needs.csv"), options: options("needs.csv"))
        try expectKeptCurrent(database, "the needs import")
        _ = try database.importOutcomes(
            try bytes(ofSample: "outcomes.csv"), options: options("outcomes.csv"))
        try expectKeptCurrent(database, "the outcomes import")
        // A correction naming only some columns, a withdrawal, a new person, a larger capacity.
        let partial = """
            id,profession,specialties,seniority,consent,max_assignments
            S0033,doctor,paediatrics,consultant,no,1
            S0014,nurse,nursing_adult,band7,yes,3
            S9000,doctor,paediatrics,ST4,yes,2
            """
        _ = try database.importStaff(Array(partial.utf8), options: options("partial.csv"))
        try expectKeptCurrent(database, "a partial re-import")
        // The whole file again, read straight from its bytes: every person replaced but the one
        // whose withdrawal an older record cannot undo.
        var again = options("staff.csv")
        again.appliesOlderRecords = true
        again.skipsInvalid = true
        let summary = try database.importStaff(try bytes(ofSample: "staff.csv"), options: again)
        #expect(summary.rejected.count == 1)
        #expect(summary.plainRecords > 0)
        try expectKeptCurrent(database, "a full re-import")
        // A need closed: the commitments held for it are freed.
        var needs = try String(contentsOf: sampleDataFolder.appendingPathComponent("needs.csv"), encoding: .utf8)
        needs = needs.replacingOccurrences(of: ",open,", with: ",closed,")
        _ = try database.importNeeds(Array(needs.utf8), options: options("closed.csv"))
        try expectKeptCurrent(database, "needs closed")
    }

    @Test("consent, outcomes recorded one by one and erasure keep it current")
    func recordsKeepItCurrent() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try expectKeptCurrent(database, "the sample's imports")
        let now = Timestamp(parsing: "2026-11-26T09:00:00Z")!
        try database.changeConsent(staffID: "S0288", to: false, reason: "asked", at: now)
        try expectKeptCurrent(database, "a withdrawal")
        #expect(try !database.staffTable(reference: BundledReference.data).ids.contains(RecordID(rawValue: "S0288")))
        try database.changeConsent(staffID: "S0288", to: true, reason: nil, at: now)
        try expectKeptCurrent(database, "consent given back")
        try database.recordOutcome(
            Outcome(needID: RecordID(rawValue: "N001"), staffID: RecordID(rawValue: "S0288"),
                    kind: .accepted, date: CalendarDate(iso: "2026-11-26")!))
        try expectKeptCurrent(database, "an accepted outcome")
        try database.recordOutcome(
            Outcome(needID: RecordID(rawValue: "N001"), staffID: RecordID(rawValue: "S0288"),
                    kind: .completed, date: CalendarDate(iso: "2026-11-27")!))
        try expectKeptCurrent(database, "a completed outcome")
        _ = try database.forgetStaff(id: "S0288")
        try expectKeptCurrent(database, "an erasure")
        #expect(try !database.staffTable(reference: BundledReference.data).ids.contains(RecordID(rawValue: "S0288")))
    }

    @Test("a change by another route is never built on: the next query rebuilds, and so does a write after it")
    func otherRoutesRebuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        #expect(try currentSnapshot(database) != nil)
        // As the sqlite3 shell would: the triggers give the generation a new value.
        try database.pool.write { db in
            try db.execute(sql: "UPDATE staff SET consent = 0 WHERE id = 'S0014'")
        }
        #expect(try currentSnapshot(database) == nil)
        // A Midst write now has no current snapshot to carry on, so it leaves none.
        try database.changeConsent(
            staffID: "S0288", to: false, reason: nil, at: Timestamp(parsing: "2026-11-26T09:00:00Z")!)
        #expect(try currentSnapshot(database) == nil)
        let ids = try database.staffTable(reference: BundledReference.data).ids
        #expect(!ids.contains(RecordID(rawValue: "S0014")))
        #expect(!ids.contains(RecordID(rawValue: "S0288")))
        #expect(try currentSnapshot(database) != nil)
    }

    @Test("an import read straight from the bytes leaves the same snapshot as one decoded row by row")
    func plainRowsMatchDecoded() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var snapshots: [[UInt8]] = []
        for readsPlain in [true, false] {
            let database = try MidstDatabase.open(at: folder.path("plain-\(readsPlain).sqlite"))
            var options = options("staff.csv")
            options.readsPlainRows = readsPlain
            let summary = try database.importStaff(try bytes(ofSample: "staff.csv"), options: options)
            #expect((summary.plainRecords > 0) == readsPlain)
            let snapshot = try #require(try currentSnapshot(database))
            #expect(snapshot == (try rebuilt(database)))
            // Past the header (whose generation is random): the people.
            snapshots.append(Array(snapshot[24...]))
        }
        #expect(snapshots[0] == snapshots[1])
    }

    @Test("a dry run or a failed import leaves the snapshot as it was")
    func failedImportsLeaveIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try #require(try currentSnapshot(database))
        var dryRun = options("change.csv")
        dryRun.isDryRun = true
        let change = "id,profession,specialties,seniority,consent\nS0288,doctor,paediatrics,consultant,no\n"
        _ = try database.importStaff(Array(change.utf8), options: dryRun)
        #expect(try currentSnapshot(database) == before)
        let bad = change + "S0289,doctor,not_a_specialty,consultant,yes\n"
        #expect(throws: ImportFailure.self) {
            _ = try database.importStaff(Array(bad.utf8), options: options("bad.csv"))
        }
        #expect(try currentSnapshot(database) == before)
    }
}
