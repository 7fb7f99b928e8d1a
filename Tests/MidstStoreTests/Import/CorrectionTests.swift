import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Corrections without loss")
struct CorrectionTests {
    static func row(_ database: MidstDatabase, _ id: String) throws -> Row {
        try database.pool.read { db in
            try #require(try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id]))
        }
    }

    static func importing(_ text: String, into database: MidstDatabase, format: ImportFormat = .csv, force: Bool = false)
        throws -> ImportSummary
    {
        var options = options(format == .csv ? "fix.csv" : "fix.jsonl", format: format)
        options.appliesOlderRecords = force
        return try database.importStaff(Array(text.utf8), options: options)
    }

    @Test("a file with only the required columns changes them and keeps every other stored value")
    func partialFileKeepsTheRest() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try Self.row(database, "S0288")
        let summary = try Self.importing(
            "id,profession,specialties,seniority,consent\nS0288,doctor,neonatal_medicine,ST6,no\n",
            into: database)
        #expect(summary.updated == 1)
        let after = try Self.row(database, "S0288")
        for column in ["name", "email", "countries", "languages", "available_from", "available_to", "employer", "placements", "max_assignments", "remote", "in_country"] {
            #expect(after[column] as DatabaseValue == before[column] as DatabaseValue, "\(column)")
        }
        #expect(after["consent"] as Bool == false)
        #expect(after["specialties"] as String == "neonatal_medicine")
        // The lookup tables agree with the kept columns.
        let languages = try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM staff_language WHERE staff_key = ?", arguments: [before["staff_key"] as Int64])
        }
        #expect(languages == (before["languages"] as String).split(separator: ";").count)
        let history = try #require(try database.subjectAccess(staffID: "S0288")).consentHistory
        #expect(history.count == 1)
        #expect(history.first?.source == "import fix.csv")
    }

    @Test("an empty cell in a present column clears it; a JSON key set to null clears, an absent key keeps")
    func emptyClearsAbsentKeeps() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try Self.row(database, "S0288")
        _ = try Self.importing(
            "id,profession,specialties,seniority,consent,email\nS0288,doctor,neonatal_medicine,ST6,yes,\n",
            into: database)
        var after = try Self.row(database, "S0288")
        #expect(after["email"] as String? == nil)
        #expect(after["name"] as String? == before["name"] as String?)
        let json = #"{"id":"S0288","profession":"doctor","specialties":"neonatal_medicine","seniority":"ST6","consent":"yes","name":null}"#
        _ = try Self.importing(json + "\n", into: database, format: .jsonl)
        after = try Self.row(database, "S0288")
        #expect(after["name"] as String? == nil)
        #expect(after["countries"] as String == before["countries"] as String)
    }

    @Test("an older record is refused per line (all-or-nothing, or skipped), and applied with force")
    func olderRecordsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let stored = try Self.row(database, "S0288")["updated_at"] as String
        let old = "id,profession,specialties,seniority,consent,updated_at\nS0288,doctor,paediatrics,ST6,yes,2020-01-01\nS0001,nurse,nursing_adult,band5,yes,2026-11-26\n"
        #expect(throws: ImportFailure.self) { try Self.importing(old, into: database) }
        #expect(try Self.row(database, "S0288")["updated_at"] as String == stored)
        #expect(try Self.row(database, "S0001")["updated_at"] as String != "2026-11-26T00:00:00Z")
        do {
            _ = try Self.importing(old, into: database)
        } catch let failure as ImportFailure {
            #expect(failure.issues.count == 1)
            #expect(failure.issues.first?.line == 2)
            #expect(failure.issues.first?.field == "updated_at")
        }
        var skipping = options("fix.csv")
        skipping.skipsInvalid = true
        let skipped = try database.importStaff(Array(old.utf8), options: skipping)
        #expect(skipped.rejected.map(\.line) == [2])
        #expect(skipped.updated == 1)
        _ = try Self.importing(old, into: database, force: true)
        #expect(try Self.row(database, "S0288")["specialties"] as String == "paediatrics")
    }

    @Test("a withdrawal of consent is never undone by an older or undated record, even with force")
    func withdrawalNotUndone() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try database.changeConsent(
            staffID: "S0288", to: false, reason: "asked",
            at: Timestamp(parsing: "2026-11-20T09:00:00Z")!)
        for file in [
            "id,profession,specialties,seniority,consent,updated_at\nS0288,doctor,neonatal_medicine,ST6,yes,2026-11-01\n",
            "id,profession,specialties,seniority,consent\nS0288,doctor,neonatal_medicine,ST6,yes\n",
        ] {
            for force in [false, true] {
                #expect(throws: ImportFailure.self) { try Self.importing(file, into: database, force: force) }
                #expect(try Self.row(database, "S0288")["consent"] as Bool == false)
            }
        }
        _ = try Self.importing(
            "id,profession,specialties,seniority,consent,updated_at\nS0288,doctor,neonatal_medicine,ST6,yes,2026-11-25\n",
            into: database)
        #expect(try Self.row(database, "S0288")["consent"] as Bool == true)
    }

    static let header = "id,profession,specialties,seniority,consent,updated_at\n"

    @Test("a record dated beyond tomorrow is refused, naming file, line and field, and cannot undo a withdrawal")
    func futureRecordRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        try database.changeConsent(
            staffID: "S0288", to: false, reason: "asked",
            at: Timestamp(parsing: "2026-11-20T09:00:00Z")!)
        let typo = Self.header + "S0288,doctor,neonatal_medicine,ST6,yes,2062-11-20\n"
        let failure = try #require(throws: ImportFailure.self) {
            try Self.importing(typo, into: database)
        }
        #expect(
            failure.issues.map(\.description) == [
                "fix.csv:2: field 'updated_at': 2062-11-20 is in the future (today is 2026-11-25; a record may be dated at most 1 day later): a typo? Future dates are refused, so that they cannot outrank later corrections"
            ])
        var skipping = options("fix.csv")
        skipping.skipsInvalid = true
        let skipped = try database.importStaff(Array(typo.utf8), options: skipping)
        #expect(skipped.rejected.map(\.line) == [2])
        #expect(try Self.row(database, "S0288")["consent"] as Bool == false)
        #expect(try Self.row(database, "S0288")["updated_at"] as String == "2026-11-20T09:00:00Z")
        // Tomorrow is within the allowance.
        _ = try Self.importing(
            Self.header + "S0288,doctor,neonatal_medicine,ST6,yes,2026-11-26T08:00:00Z\n",
            into: database)
        #expect(try Self.row(database, "S0288")["consent"] as Bool == true)
    }

    @Test("a withdrawal applies whatever its date; the rest of an older record does not")
    func olderWithdrawalApplies() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let newer = Self.header + "S0288,doctor,neonatal_medicine,ST6,yes,2026-11-20\n"
        _ = try Self.importing(newer, into: database)
        let older = Self.header + "S0288,doctor,paediatrics,ST6,no,2026-11-01\n"
        let summary = try Self.importing(older, into: database)
        #expect(summary.rejected.isEmpty && summary.updated == 1)
        let row = try Self.row(database, "S0288")
        #expect(row["consent"] as Bool == false)
        #expect(row["specialties"] as String == "neonatal_medicine")
        #expect(row["updated_at"] as String == "2026-11-20T00:00:00Z")
        let history = try #require(try database.subjectAccess(staffID: "S0288")).consentHistory
        #expect(history.last?.hasConsented == false)
        #expect(history.last?.source == "import fix.csv")
        // The newer record, which gave consent, cannot give it back.
        #expect(throws: ImportFailure.self) { try Self.importing(newer, into: database) }
        #expect(try Self.row(database, "S0288")["consent"] as Bool == false)
        // The snapshot kept current by the import no longer holds them.
        let table = try database.staffTable(reference: BundledReference.data)
        #expect(!(0..<table.count).contains { table.id(at: $0).rawValue == "S0288" })
    }

    @Test("a withdrawal made in the database directly is honoured by later imports")
    func withdrawalInTheDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        #expect(try Self.row(database, "S0288")["consent"] as Bool == true)
        // As the sqlite3 shell would, on its own connection.
        let shell = try DatabaseQueue(path: database.path)
        try shell.write { db in
            try db.execute(sql: "UPDATE staff SET consent = 0 WHERE id = 'S0288'")
        }
        try shell.close()
        var skipping = options("staff.csv")
        skipping.skipsInvalid = true
        let summary = try database.importStaff(try bytes(ofSample: "staff.csv"), options: skipping)
        #expect(summary.rejected.count == 1)
        #expect(summary.rejected.first?.issues.first?.field == "consent")
        #expect(try Self.row(database, "S0288")["consent"] as Bool == false)
        #expect(try Self.row(database, "S0288")["consent_changed_at"] as String? != nil)
        let history = try #require(try database.subjectAccess(staffID: "S0288")).consentHistory
        #expect(history.map(\.source) == ["the database, outside Midst"])
        // Midst's own changes are not taken for one made outside it.
        try database.changeConsent(
            staffID: "S0001", to: false, reason: nil, at: Timestamp(parsing: "2026-11-20T09:00:00Z")!)
        let own = try #require(try database.subjectAccess(staffID: "S0001")).consentHistory
        #expect(own.map(\.source) == ["midst staff consent"])
    }
}
