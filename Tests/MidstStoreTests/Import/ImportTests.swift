import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Importing staff, needs and outcomes")
struct ImportTests {
    @Test("the sample data imports completely and the counts match the files")
    func sampleData() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let staff = try database.importStaff(
            try bytes(ofSample: "staff.csv"), options: options("staff.csv"))
        let needs = try database.importNeeds(
            try bytes(ofSample: "needs.csv"), options: options("needs.csv"))
        let outcomes = try database.importOutcomes(
            try bytes(ofSample: "outcomes.csv"), options: options("outcomes.csv"))
        #expect(
            (staff.records, staff.inserted, staff.updated, staff.rejected.count) == (300, 300, 0, 0)
        )
        #expect((needs.records, needs.inserted) == (42, 42))
        #expect((outcomes.records, outcomes.inserted) == (68, 68))
        let counts = try database.pool.read { db in
            try [
                Int.fetchOne(db, sql: "SELECT count(*) FROM staff"),
                Int.fetchOne(db, sql: "SELECT count(*) FROM need"),
                Int.fetchOne(db, sql: "SELECT count(*) FROM outcome"),
                Int.fetchOne(db, sql: "SELECT count(*) FROM import_log"),
            ]
        }
        #expect(counts == [300, 42, 68, 3])
        let danglingReferences = try database.pool.read {
            try Row.fetchAll($0, sql: "PRAGMA foreign_key_check")
        }
        #expect(danglingReferences.isEmpty)
        let foreignKeysOn = try database.pool.write {
            try Bool.fetchOne($0, sql: "PRAGMA foreign_keys")
        }
        #expect(foreignKeysOn == true)
    }

    @Test("lookup rows mirror each person's specialties, ties and languages")
    func lookupRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let mismatches = try database.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM staff s WHERE
                      (SELECT group_concat(specialty, ';') FROM
                        (SELECT specialty FROM staff_specialty WHERE staff_key = s.staff_key ORDER BY position))
                        IS NOT s.specialties
                      OR (SELECT count(*) FROM staff_language WHERE staff_key = s.staff_key)
                        != length(s.languages) - length(replace(s.languages, ';', '')) + (s.languages != '')
                    """)
        }
        #expect(mismatches == 0)
        let luganda = try database.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.id FROM staff_language l JOIN staff s USING (staff_key)
                    WHERE l.language = 'lg' AND l.level_rank = 7 ORDER BY s.id
                    """)
        }
        #expect(luganda.contains("S0288"))
    }

    @Test("a need's several professions, specialties and its site are stored and read back")
    func needV2Columns() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let csv = """
            id,partnership,host_institution,site,countries,professions,specialties,skills,partners,min_score,require_specialty,mode
            N900,Gulu–Manchester IPC,Gulu Regional Referral Hospital,Gulu,UG;SS,doctor;nurse,infectious_diseases,infection_prevention_control,Manchester University NHS Foundation Trust;R0A,40.5,no,either
            """
        let summary = try database.importNeeds(Array(csv.utf8), options: options("v2.csv"))
        #expect(summary.inserted == 1)
        let need = try #require(try database.need(id: "N900"))
        #expect(need.site == "Gulu")
        #expect(need.professions.map(\.rawValue) == ["doctor", "nurse"])
        #expect(
            need.specialties.map(\.rawValue) == ["infectious_diseases", "infection_prevention_control"])
        #expect(need.countries.map(\.rawValue) == ["UG", "SS"])
        #expect(need.partners == ["Manchester University NHS Foundation Trust", "R0A"])
        #expect(need.minimumScore == 40.5)
        #expect(need.requiresSpecialty == false)
        #expect(try database.openNeeds().first { $0.id.rawValue == "N900" } == need)
    }

    @Test("a need's v3 columns (skills_required, site languages by country) are stored and read back")
    func needV3Columns() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let csv = """
            id,partnership,host_institution,countries,professions,specialties,skills,skills_required,preferred_languages,mode
            N901,East Africa paediatric nursing,Mulago Hospital,UG;KE;TZ,nurse,nursing_children,education;leadership_management,all,lg:B2;KE:sw;TZ:sw:C1;UG:ach,either
            """
        let summary = try database.importNeeds(Array(csv.utf8), options: options("v3.csv"))
        #expect(summary.inserted == 1)
        let need = try #require(try database.need(id: "N901"))
        #expect(need.skillsRequired == .all)
        // A language of the main country's site keeps no country; one language may be a site
        // language in two countries.
        let sites = need.preferredLanguages.map {
            "\($0.country?.rawValue ?? "-"):\($0.language.rawValue):\($0.minimumLevel.code)"
        }
        #expect(Set(sites) == ["-:lg:B2", "KE:sw:B1", "TZ:sw:C1", "-:ach:B1"])
        #expect(try database.openNeeds().first { $0.id.rawValue == "N901" } == need)
    }

    @Test("re-importing an id updates the record and keeps its key")
    func upsert() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let before = try database.pool.read {
            try Int.fetchOne($0, sql: "SELECT staff_key FROM staff WHERE id = 'S0288'")
        }
        let csv = """
            id,profession,specialties,seniority,countries,languages,consent
            S0288,doctor,paediatrics,consultant,UG:nationality;KE:worked:2,en:C2;sw:C1,no
            NEW1,nurse,nursing_adult,band6,GB:nationality,en:native,yes
            """
        let summary = try database.importStaff(Array(csv.utf8), options: options("update.csv"))
        #expect((summary.inserted, summary.updated) == (1, 1))
        let row = try #require(
            try database.pool.read { db in
                try Row.fetchOne(
                    db,
                    sql:
                        "SELECT staff_key, seniority, consent, languages FROM staff WHERE id = 'S0288'"
                )
            })
        #expect(row["staff_key"] as Int? == before)
        #expect(row["seniority"] as Int == 5)
        #expect(row["consent"] as Bool == false)
        let languages = try database.pool.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT language FROM staff_language WHERE staff_key = ? ORDER BY language",
                arguments: [before])
        }
        #expect(languages == ["en", "sw"])
        let ties = try database.pool.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT country || ':' || kind FROM staff_country_tie WHERE staff_key = ? ORDER BY 1",
                arguments: [before])
        }
        #expect(ties == ["KE:worked", "UG:nationality"])
        let outcomes = try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome")
        }
        #expect(outcomes == 68)
    }

    @Test(
        "an invalid file is rejected whole and leaves the database byte-for-byte unchanged",
        arguments: try FileManager.default.contentsOfDirectory(
            atPath: sampleDataFolder.appendingPathComponent("invalid").path
        ).sorted())
    func invalidFileChangesNothing(file: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        let database = try sampleDatabase(in: folder)
        // Move everything from the WAL into the main file, so that the file alone is the content.
        _ = try database.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let input = try bytes(ofSample: "invalid/\(file)")
        let format = ImportFormat(fileName: file)!
        let fileOptions = options(file, format: format)
        #expect {
            if file.hasPrefix("needs") {
                _ = try database.importNeeds(input, options: fileOptions)
            } else if file.hasPrefix("outcomes") {
                _ = try database.importOutcomes(input, options: fileOptions)
            } else {
                _ = try database.importStaff(input, options: fileOptions)
            }
        } throws: { error in
            guard let failure = error as? ImportFailure, !failure.issues.isEmpty else {
                return false
            }
            return failure.issues.allSatisfy { $0.file == file && $0.line >= 1 }
        }
        _ = try database.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after)
    }

    @Test("each problem names the line and field")
    func problemsNameLineAndField() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let failure = try #require(throws: ImportFailure.self) {
            _ = try database.importStaff(
                try bytes(ofSample: "invalid/staff-unknown-codes.csv"),
                options: options("staff-unknown-codes.csv"))
        }
        #expect(
            failure.issues.map(\.description) == [
                "staff-unknown-codes.csv:3: field 'countries': unknown country code (use ISO 3166-1 alpha-2 or alpha-3, XS for Somaliland, or the country's English name)",
                "staff-unknown-codes.csv:3: field 'languages': unknown language code (use ISO 639-1, 639-3 or a BCP 47 tag)",
            ])
    }

    @Test("with skip-invalid the valid records are imported and the others reported")
    func skipInvalid() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var skipping = options("staff-unknown-codes.csv")
        skipping.skipsInvalid = true
        let summary = try database.importStaff(
            try bytes(ofSample: "invalid/staff-unknown-codes.csv"), options: skipping)
        #expect((summary.records, summary.inserted, summary.rejected.count) == (2, 1, 1))
        #expect(summary.rejected.first?.line == 3)
        #expect(summary.rejected.first?.original.first == "X002")
        let ids = try database.pool.read { try String.fetchAll($0, sql: "SELECT id FROM staff") }
        #expect(ids == ["X001"])
    }

    /// A staff CSV of `count` valid people, `P1` to `Pcount`, on lines 2 to `count + 1`.
    static func manyStaff(_ count: Int) -> [String] {
        (1...count).map { "P\($0),doctor,paediatrics,ST4,yes" }
    }

    @Test("a file of many chunks is written in file order; repeats across chunks are found")
    func manyChunks() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var lines = Self.manyStaff(9000)
        // Repeats in later chunks (the import hands records on 2,048 at a time), and a bad row.
        lines[2998] = "P17,doctor,paediatrics,ST4,yes"
        lines[8498] = "P6500,doctor,paediatrics,ST4,yes"
        lines[8000] = "P8001,doctor,no_such_specialty,ST4,yes"
        // A third appearance still names the first line.
        lines[8998] = "P17,doctor,paediatrics,ST4,yes"
        let csv = "id,profession,specialties,seniority,consent\n" + lines.joined(separator: "\n")
        var skipping = options("many.csv")
        skipping.skipsInvalid = true
        let summary = try database.importStaff(Array(csv.utf8), options: skipping)
        #expect(summary.records == 9000)
        #expect(summary.rejected.map(\.line) == [3000, 8002, 8500, 9000])
        #expect(
            summary.rejected[0].issues.first?.message == "id 'P17' appears again (first on line 18)"
        )
        #expect(
            summary.rejected[2].issues.first?.message
                == "id 'P6500' appears again (first on line 6501)")
        #expect(
            summary.rejected[3].issues.first?.message == "id 'P17' appears again (first on line 18)"
        )
        let ids = try database.pool.read {
            try String.fetchAll($0, sql: "SELECT id FROM staff ORDER BY staff_key")
        }
        #expect(ids.count == 8996)
        #expect(ids.first == "P1")
        #expect(ids.last == "P9000")
        // Keys follow the file's order.
        let expected = (1...9000).map { "P\($0)" }.filter {
            !["P2999", "P8499", "P8001", "P8999"].contains($0)
        }
        #expect(ids == expected)
    }

    @Test("a syntax error deep in a long file names its line, and nothing is written")
    func lateSyntaxError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var lines = Self.manyStaff(7000)
        lines[6000] = "P6001,doctor,\"paediatrics,ST4,yes"
        let csv = "id,profession,specialties,seniority,consent\n" + lines.joined(separator: "\n")
        #expect {
            _ = try database.importStaff(Array(csv.utf8), options: options("late.csv"))
        } throws: { error in
            "\(error)".contains("late.csv:6002")
        }
        let count = try database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM staff")
        }
        #expect(count == 0)
        // The import's large cache is given back on failure too.
        let cache = try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        #expect(cache == MidstDatabase.writerCacheSize)
    }

    @Test("a dry run reports what it would do and writes nothing")
    func dryRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var dry = options("staff.csv")
        dry.isDryRun = true
        let summary = try database.importStaff(try bytes(ofSample: "staff.csv"), options: dry)
        #expect(summary.inserted == 300)
        let count = try database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM staff")
        }
        #expect(count == 0)
    }

    @Test("outcomes for unknown people are rejected, for known ones recorded once")
    func outcomes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let again = try database.importOutcomes(
            try bytes(ofSample: "outcomes.csv"), options: options("outcomes.csv"))
        #expect((again.inserted, again.updated) == (0, 68))
        let failure = try #require(throws: ImportFailure.self) {
            _ = try database.importOutcomes(
                try bytes(ofSample: "invalid/outcomes-unknown-staff.csv"),
                options: options("outcomes-unknown-staff.csv"))
        }
        #expect(failure.issues.map(\.field) == ["staff_id"])
        #expect(failure.issues.map(\.line) == [3])
    }

    @Test("JSON Lines imports like CSV")
    func jsonLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let jsonl = """
            {"id":"J1","profession":"midwife","specialties":["midwifery"],"seniority":"band7","consent":true,"countries":[{"country":"MWI","kind":"nationality"},{"country":"MW","kind":"trained","years":6}],"languages":[{"language":"nya","level":"native"},{"language":"en","level":"C1"}],"max_assignments":2}
            """
        let summary = try database.importStaff(
            Array(jsonl.utf8), options: options("staff.jsonl", format: .jsonl))
        #expect(summary.inserted == 1)
        let row = try #require(
            try database.pool.read { db in
                try Row.fetchOne(
                    db,
                    sql: "SELECT countries, languages, max_assignments FROM staff WHERE id = 'J1'")
            })
        #expect(row["countries"] as String == "MW:nationality;MW:trained:6")
        #expect(row["languages"] as String == "ny:native;en:C1")
        #expect(row["max_assignments"] as Int == 2)
    }
}
