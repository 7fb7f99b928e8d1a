import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// A write of a few people leaves the staff snapshot as it is and an overlay beside it (issue
/// 23); queries, runs and later writes read the two as the one snapshot a rebuild makes.
@Suite("Staff overlay beside the snapshot")
struct StaffOverlayStoreTests {
    private static let now = Timestamp(parsing: "2026-11-26T09:00:00Z")!

    /// The bytes of a file beside the database, or `nil` when it is not there.
    private func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    /// The candidates of every open need, as `midst candidates` ranks them: ids and scores.
    private func answers(_ database: MidstDatabase, top: Int) throws -> [[String]] {
        let config = ScoringConfig()
        let followUp = try database.followUp(asOf: sampleDay, rules: config.followUp)
        return try database.openNeeds().map { need in
            try database.candidates(
                for: need, top: top, config: config, explaining: false, followUp: followUp
            )
            .map { "\($0.staff.id) \($0.score)" }
        }
    }

    /// The answers of a full rebuild from the database, leaving the kept files as they were.
    private func rebuiltAnswers(_ database: MidstDatabase, top: Int) throws -> [[String]] {
        let kept = [database.snapshotPath, database.overlayPath].map { ($0, contents($0)) }
        for (path, _) in kept { try? FileManager.default.removeItem(atPath: path) }
        let answers = try answers(database, top: top)
        for (path, bytes) in kept {
            try? FileManager.default.removeItem(atPath: path)
            if let bytes { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
        }
        return answers
    }

    @Test(
        "after random one-person writes the candidates equal a rebuild's, and the snapshot is never rewritten",
        arguments: [5, 6])
    func randomWritesMatchRebuild(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // The snapshot the sample left, current with its overlay.
        let generation = try database.staffGeneration()
        let base = try #require(database.keptStaff(generation: generation)).base.stamp
        let snapshot = try #require(contents(database.snapshotPath))
        let staffIDs = try database.pool.read {
            try String.fetchAll($0, sql: "SELECT id FROM staff")
        }
        let needIDs = try database.openNeeds().map(\.id)
        var random = SeededRandom(seed: seed)
        var overlaid = 0
        for write in 0..<24 {
            let person = staffIDs.randomElement(using: &random)!
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                try database.changeConsent(
                    staffID: person, to: Bool.random(using: &random), reason: nil, at: Self.now)
            case 1:
                let kinds: [Outcome.Kind] = [.accepted, .completed, .declined, .withdrawn]
                try database.recordOutcome(
                    Outcome(
                        needID: needIDs.randomElement(using: &random)!,
                        staffID: RecordID(rawValue: person),
                        kind: kinds.randomElement(using: &random)!,
                        date: CalendarDate(
                            iso: "2026-11-2\(Int.random(in: 0...5, using: &random))")!))
            case 2:
                // HR corrects one person: a file of some columns, dated after everything stored.
                let seniority = ["consultant", "ST4", "band6", "band7"].randomElement(
                    using: &random)!
                let profession = seniority.hasPrefix("band") ? "nurse" : "doctor"
                let specialty = profession == "nurse" ? "nursing_adult" : "paediatrics"
                let file = """
                    id,profession,specialties,seniority,consent,max_assignments,updated_at
                    \(person),\(profession),\(specialty),\(seniority),yes,\(Int.random(in: 1...3, using: &random)),2026-11-26T10:0\(write % 10):00Z
                    """
                _ = try database.importStaff(Array(file.utf8), options: options("one.csv"))
            default:
                try database.changeConsent(staffID: person, to: true, reason: nil, at: Self.now)
            }
            let generation = try database.staffGeneration()
            if let kept = database.keptStaff(generation: generation), kept.overlay != nil {
                overlaid += 1
                #expect(kept.base.stamp == base, "write \(write) rewrote the snapshot")
            }
            let top = [3, 10, 40][write % 3]
            #expect(
                try answers(database, top: top) == rebuiltAnswers(database, top: top),
                "write \(write)")
        }
        #expect(overlaid == 24, "every write left an overlay over the same snapshot")
        #expect(contents(database.snapshotPath) == snapshot)
        // The whole table (as the nightly run reads it) folds the overlay into a new snapshot.
        let folded = try database.staffTable(reference: BundledReference.data)
        let current = try #require(
            MidstDatabase.snapshot(
                at: database.snapshotPath, generation: try database.staffGeneration()))
        #expect(Array(current.bytes) == Array(folded.bytes))
        try FileManager.default.removeItem(atPath: database.snapshotPath)
        let rebuilt = try database.staffTable(reference: BundledReference.data)
        #expect(Array(rebuilt.bytes) == Array(folded.bytes))
    }

    @Test("a write past the overlay's bound makes a new snapshot with the overlay folded in")
    func largeWriteFolds() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var generator = DataGenerator(reference: BundledReference.data, seed: 3)
        let people = StaffOverlay.mostPeople + 200
        let staff = try generator.records(staff: people, needs: 0).staff
        let header = "id,profession,specialties,seniority,consent,max_assignments,updated_at"
        func file(dated day: String, _ consent: (Int) -> String) -> [UInt8] {
            Array(
                ([header]
                    + staff.enumerated().map { index, person in
                        "\(person.id),\(person.profession.rawValue),\(person.specialties.map(\.rawValue).joined(separator: ";")),\(person.seniority.description),\(consent(index)),2,\(day)T00:00:00Z"
                    }).joined(separator: "\n").utf8)
        }
        _ = try database.importStaff(
            file(dated: "2026-11-21") { _ in "yes" }, options: options("all.csv"))
        let first = try #require(contents(database.snapshotPath))
        try database.changeConsent(
            staffID: staff[8].id.rawValue, to: false, reason: nil, at: Self.now)
        #expect(contents(database.snapshotPath) == first)
        #expect(FileManager.default.fileExists(atPath: database.overlayPath))
        // Every other person withdrawn by a file: more than an overlay holds.
        var later = options("half.csv")
        later.now = Timestamp(parsing: "2026-11-27T12:00:00Z")!
        later.today = CalendarDate(iso: "2026-11-27")!
        _ = try database.importStaff(
            file(dated: "2026-11-27") { $0 % 2 == 0 ? "no" : "yes" }, options: later)
        let generation = try database.staffGeneration()
        let kept = try #require(
            MidstDatabase.snapshot(at: database.snapshotPath, generation: generation))
        #expect(kept.count == people / 2)
        #expect(!kept.ids.contains(staff[8].id))
        try FileManager.default.removeItem(atPath: database.snapshotPath)
        let rebuilt = try database.staffTable(reference: BundledReference.data)
        #expect(Array(rebuilt.bytes) == Array(kept.bytes))
    }

    @Test(
        "forget folds the overlay into a new snapshot without the person and destroys the overlay")
    func forgetDestroysOverlay() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // S0288 corrected by hand, so that the overlay holds their row.
        try database.changeConsent(staffID: "S0288", to: false, reason: nil, at: Self.now)
        try database.changeConsent(staffID: "S0288", to: true, reason: nil, at: Self.now)
        let overlay = try #require(contents(database.overlayPath))
        #expect(MidstDatabase.file(at: database.overlayPath, contains: Array("S0288".utf8)))
        #expect(!overlay.isEmpty)
        _ = try database.forgetStaff(id: "S0288")
        #expect(!FileManager.default.fileExists(atPath: database.overlayPath))
        let now = try #require(
            MidstDatabase.snapshot(
                at: database.snapshotPath, generation: try database.staffGeneration()))
        #expect(!now.ids.contains(RecordID(rawValue: "S0288")))
        #expect(!MidstDatabase.file(at: database.snapshotPath, contains: Array("S0288".utf8)))
    }

    @Test("a change made outside Midst leaves the overlay stale: the next query rebuilds")
    func outsideChangeRebuilds() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try database.changeConsent(staffID: "S0014", to: false, reason: nil, at: Self.now)
        #expect(database.keptStaff(generation: try database.staffGeneration())?.overlay != nil)
        // As the sqlite3 shell would: the triggers give the generation a new value.
        try database.pool.write { db in
            try db.execute(sql: "UPDATE staff SET consent = 0 WHERE id = 'S0288'")
        }
        #expect(database.keptStaff(generation: try database.staffGeneration()) == nil)
        let before = try answers(database, top: 50)
        #expect(!before.joined().contains { $0.hasPrefix("S0288 ") || $0.hasPrefix("S0014 ") })
        #expect(try before == rebuiltAnswers(database, top: 50))
    }
}
