import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// `midst search` answers a filter of a profession, languages, availability and a mode from the
/// staff snapshot and its overlay (issue 23); it must find the people SQL finds, in the same order.
@Suite("Staff search from the snapshot")
struct StaffSearchTests {
    private static let now = Timestamp(parsing: "2026-12-01T00:00:00Z")!

    /// A database of `count` generated staff (seed 4) with a current snapshot.
    private func generatedDatabase(in folder: TemporaryFolder, count: Int) throws -> MidstDatabase {
        var generator = DataGenerator(reference: BundledReference.data, seed: 4)
        var text = DataGenerator.staffHeader
        for index in 1...count { text += generator.staffLine(index: index) }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        _ = try database.importStaff(
            Array(text.utf8),
            options: ImportOptions(format: .csv, fileName: "staff.csv", now: Self.now))
        _ = try database.staffTable(reference: BundledReference.data)
        return database
    }

    /// A filter the snapshot answers, drawn from `random`.
    private func randomFilter(
        professions: [String], languages: [String], using random: inout SeededRandom
    ) -> StaffFilter {
        var filter = StaffFilter()
        filter.profession = SpecialtyCode(rawValue: professions.randomElement(using: &random)!)
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            filter.languages.append(
                Need.LanguageRequirement(
                    language: LanguageCode(rawValue: languages.randomElement(using: &random)!),
                    minimumLevel: LanguageLevel(rawValue: Int.random(in: 1...7, using: &random))!))
        }
        if Bool.random(using: &random) {
            filter.availableFrom = CalendarDate(
                iso: "2026-0\(Int.random(in: 1...9, using: &random))-15")
        }
        if Bool.random(using: &random) {
            filter.availableTo = CalendarDate(
                iso: "2027-0\(Int.random(in: 1...9, using: &random))-01")
        }
        let modes: [Staff.WorkModes?] = [nil, .remote, .inCountry, [.remote, .inCountry]]
        filter.mode = modes.randomElement(using: &random)!
        filter.limit = [1, 7, 50, 5000].randomElement(using: &random)!
        return filter
    }

    @Test(
        "random filters find the same people from the snapshot as with SQL, with and without an overlay",
        arguments: [1, 2])
    func snapshotMatchesSQL(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try generatedDatabase(in: folder, count: 3000)
        let (professions, languages, ids) = try database.read { db in
            (
                try String.fetchAll(db, sql: "SELECT DISTINCT profession FROM staff ORDER BY 1"),
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT language FROM staff_language GROUP BY language HAVING count(*) >= 20 ORDER BY 1"
                ),
                try String.fetchAll(db, sql: "SELECT id FROM staff ORDER BY id")
            )
        }
        try #require(professions.count >= 3 && languages.count >= 5)
        var random = SeededRandom(seed: seed)
        var found = 0
        var overlaid = 0
        for round in 0..<4 {
            // After the first round, a few consents withdrawn or given back: an overlay.
            for _ in 0..<(round == 0 ? 0 : 15) {
                try database.changeConsent(
                    staffID: ids.randomElement(using: &random)!, to: Bool.random(using: &random),
                    reason: nil, at: Self.now)
            }
            let kept = try #require(database.keptStaff(generation: database.staffGeneration()))
            if kept.overlay != nil { overlaid += 1 }
            for _ in 0..<50 {
                let filter = randomFilter(
                    professions: professions, languages: languages, using: &random)
                // The snapshot answers it (else both sides below would be the SQL).
                #expect(
                    try kept.staffKeys(matching: filter, reference: BundledReference.data) != nil)
                let fromSnapshot = try database.searchStaff(filter).map(\.id.rawValue)
                let withSQL = try database.read {
                    try MidstDatabase.searchStaffWithSQL(filter, $0)
                }.map(\.id.rawValue)
                #expect(fromSnapshot == withSQL, "\(filter)")
                found += fromSnapshot.count
            }
        }
        #expect(overlaid >= 2)
        #expect(found > 1000)
    }

    @Test("a filter the snapshot does not hold, or a snapshot not current, is answered with SQL")
    func otherFiltersUseSQL() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try generatedDatabase(in: folder, count: 500)
        var filter = StaffFilter()
        filter.profession = SpecialtyCode(rawValue: "nurse")
        filter.country = CountryCode(rawValue: "UG")
        let kept = try #require(database.keptStaff(generation: database.staffGeneration()))
        #expect(try kept.staffKeys(matching: filter, reference: BundledReference.data) == nil)
        filter.country = nil
        #expect(try kept.staffKeys(matching: filter, reference: BundledReference.data) != nil)
        // A change made outside Midst: the snapshot is of an older generation.
        try database.pool.write {
            try $0.execute(
                sql:
                    "UPDATE staff SET consent = 0 WHERE id = (SELECT min(id) FROM staff WHERE profession = 'nurse' AND consent = 1)"
            )
        }
        #expect(try database.keptStaff(generation: database.staffGeneration()) == nil)
        let withSQL = try database.read { try MidstDatabase.searchStaffWithSQL(filter, $0) }
        #expect(try database.searchStaff(filter).map(\.id) == withSQL.map(\.id))
        #expect(!withSQL.isEmpty)
    }
}
