import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// The plain path (``PlainStaffValidator``, text bound from the file's bytes) must store exactly
/// what the full path (decode, ``StaffValidator``) stores, and reject exactly the same rows.
@Suite("Importing plain staff rows")
struct PlainRowImportTests {
    /// Generated rows, each with a chance of one field replaced by a variant: canonical values,
    /// other spellings the full validator normalises, and values it rejects.
    static func mutatedStaffCSV(rows: Int, seed: UInt64) -> String {
        var generator = DataGenerator(reference: BundledReference.data, seed: seed)
        var random = SeededRandom(seed: seed &+ 1)
        let header = DataGenerator.staffHeader.dropLast().split(separator: ",").map(String.init)
        var csv = DataGenerator.staffHeader
        for index in 1...rows {
            var fields = splitCSVLine(generator.staffLine(index: index))
            if random.next(upperBound: 3 as UInt64) != 0 {
                let column = Int(random.next(upperBound: UInt64(fields.count)))
                let choices = variants(of: fields[column], in: header[column])
                fields[column] = choices[Int(random.next(upperBound: UInt64(choices.count)))]
            }
            csv += fields.map(quotedIfNeeded).joined(separator: ",") + "\n"
        }
        // Repeats of ids already read, one from each path's records.
        csv += generator.staffLine(index: 7)
        csv += generator.staffLine(index: rows)
        return csv
    }

    /// Values to put in place of `value` in `column`.
    static func variants(of value: String, in column: String) -> [String] {
        let common = [
            "", " ", " \(value)", "\(value) ", "\t\(value)", value.uppercased(), value.lowercased(),
            "\"\(value)\"", "\(value);", ";\(value)", "\(value);\(value)", "\(value)é",
        ]
        let specific: [String] =
            switch column {
            case "id": ["S-1.x_2", String(repeating: "a", count: 64), String(repeating: "a", count: 65), "a b", "a/b"]
            case "email": ["a@b.c", "a@b", "@b.c", "a@@b.c", "a b@c.d", "x@y.example"]
            case "profession": ["doctor", "nurse", "Doctor", "surgeon", "paediatrics", "management"]
            case "specialties":
                [
                    "paediatrics", "neonatal_medicine;paediatrics", "Paediatrics", "paediatrics:x",
                    "general_surgery", "healthcare_management", "leadership_management", "nursing_adult",
                    "nope", "education;paediatrics",
                    "paediatrics; neonatal_medicine", "paediatrics ;neonatal_medicine",
                ]
            case "skills":
                [
                    "education", "education;research", "research;education", "health_education",
                    "paediatrics", "education;education", "Education", "nope", "research;",
                ]
            case "seniority":
                ["1", "5", "0", "6", "03", "ST4", "st 4", "band 7", "Band8a", "consultant", "FY1", "x", "+3"]
            case "countries":
                [
                    "NG:nationality", "ng:nationality", "NGA:nationality", "NG:Nationality",
                    "NG:trained:4", "NG:trained:04", "NG:trained:80", "NG:trained:81",
                    "NG:trained:", "NG:trained:4:5", "NG", "XS:heritage", "ZZ:birth",
                    "NG:birth;NG:birth", "NG:birth;GH:birth;UG:worked:3", "GB:nationality;UG:heritage",
                ]
            case "languages":
                [
                    "en:C2", "en:c2", "eng:C2", "EN:C2", "pt-BR:B1", "lg:native", "lg:Native",
                    "yo:native;yo:B1", "en", "en:C7", "fil:native;en:C1", "xx:B1", "en:C1:x",
                ]
            case "available_from", "available_to":
                ["2026-01-31", "2026-02-30", "2026-1-31", "2026-12-31", "2027-06-01", "31/01/2026", "0099-01-01"]
            case "modes":
                ["remote", "in-country", "remote;in-country", "both", "either", "in_country", "Remote", "online"]
            case "max_assignments": ["0", "20", "21", "007", "+2", "-1", "1.5", "99999"]
            case "consent": ["yes", "no", "y", "n", "1", "0", "true", "false", "Yes", "TRUE", "maybe"]
            case "placements": ["0", "1000", "1001", "0042", "-3"]
            case "updated_at":
                [
                    "2026-11-01", "2026-11-01T10:30:00Z", "2026-11-01T10:30:00+01:00",
                    "2026-11-01 10:30", "2026-13-01", "yesterday",
                ]
            default: ["Zoë Nguyễn", "O'Brien, Pat", "say \"hi\"", "two\nlines"]
            }
        return common + specific
    }

    /// The fields of one generated line (an employer's name may be quoted).
    static func splitCSVLine(_ line: String) -> [String] {
        var reader = CSVReader(bytes: Array(line.utf8))
        var fields: [String] = []
        _ = try? reader.nextRecord(into: &fields)
        return fields
    }

    static func quotedIfNeeded(_ value: String) -> String {
        if value.hasPrefix("\"") { return value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Every table an import of staff writes, row by row.
    static func staffTables(_ database: MidstDatabase) throws -> [String: [[DatabaseValue]]] {
        try database.pool.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            for (table, order) in [
                ("staff", "staff_key"), ("staff_specialty", "specialty, staff_key"),
                ("staff_country_tie", "country, kind, staff_key"),
                ("staff_language", "language, staff_key"),
            ] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
                    .map { Array($0.databaseValues) }
            }
            return tables
        }
    }

    /// People whose lookup rows do not say what their staff row says (specialties in order,
    /// ties and languages as sets).
    static func lookupMismatches(_ tables: [String: [[DatabaseValue]]]) -> [String] {
        func text(_ value: DatabaseValue) -> String { String.fromDatabaseValue(value) ?? "" }
        func key(_ value: DatabaseValue) -> Int64 { Int64.fromDatabaseValue(value)! }
        var specialties: [Int64: [(Int64, String)]] = [:]
        for row in tables["staff_specialty"]! {
            specialties[key(row[1]), default: []].append((key(row[2]), text(row[0])))
        }
        var ties: [Int64: Set<String>] = [:]
        for row in tables["staff_country_tie"]! {
            let years = Int64.fromDatabaseValue(row[3]).map { ":\($0)" } ?? ""
            ties[key(row[2]), default: []].insert("\(text(row[0])):\(text(row[1]))\(years)")
        }
        var languages: [Int64: Set<String>] = [:]
        for row in tables["staff_language"]! {
            languages[key(row[1]), default: []].insert("\(text(row[0])):\(text(row[2]))")
        }
        func items(_ value: DatabaseValue) -> [String] {
            text(value).split(separator: ";").map(String.init)
        }
        return tables["staff"]!.compactMap { row in
            let staff = key(row[0])
            let listed = (specialties[staff] ?? []).sorted { $0.0 < $1.0 }.map(\.1)
            guard listed == items(row[5]), (ties[staff] ?? []) == Set(items(row[8])),
                (languages[staff] ?? []) == Set(items(row[9]))
            else { return text(row[1]) }
            return nil
        }
    }

    /// Imports `files` in turn, skipping invalid rows, through one path or the other.
    static func importAll(_ files: [String], plain: Bool, into folder: TemporaryFolder) throws -> (
        summaries: [ImportSummary], tables: [String: [[DatabaseValue]]]
    ) {
        let database = try MidstDatabase.open(at: folder.path(plain ? "plain.sqlite" : "full.sqlite"))
        var summaries: [ImportSummary] = []
        for (index, csv) in files.enumerated() {
            var options = options("staff\(index).csv")
            options.skipsInvalid = true
            options.readsPlainRows = plain
            summaries.append(try database.importStaff(Array(csv.utf8), options: options))
        }
        return (summaries, try staffTables(database))
    }

    @Test("both paths store the same rows and reject the same rows with the same reasons", arguments: [1, 2, 3] as [UInt64])
    func pathsAgree(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // A second file re-imports people of the first (updates), some with changed fields.
        let files = [
            Self.mutatedStaffCSV(rows: 1500, seed: seed),
            Self.mutatedStaffCSV(rows: 800, seed: seed &+ 100),
        ]
        let plain = try Self.importAll(files, plain: true, into: folder)
        let full = try Self.importAll(files, plain: false, into: folder)
        for (viaPlain, viaFull) in zip(plain.summaries, full.summaries) {
            #expect(viaPlain.records == viaFull.records)
            #expect(viaPlain.inserted == viaFull.inserted)
            #expect(viaPlain.updated == viaFull.updated)
            #expect(viaPlain.rejected.map(\.line) == viaFull.rejected.map(\.line))
            #expect(
                viaPlain.rejected.map { $0.issues.map(\.description) }
                    == viaFull.rejected.map { $0.issues.map(\.description) })
            #expect(viaPlain.rejected.map(\.original) == viaFull.rejected.map(\.original))
        }
        // The files hold both kinds of rows, so both paths were exercised.
        #expect(plain.summaries.allSatisfy { $0.plainRecords > 400 })
        #expect(full.summaries.allSatisfy { $0.plainRecords == 0 })
        #expect(plain.summaries[0].rejected.count > 100)
        #expect(plain.summaries[1].updated > 100)
        // Updated people's old lookup rows are gone and their new ones are in place.
        #expect(Self.lookupMismatches(plain.tables) == [])
        for table in full.tables.keys.sorted() {
            #expect(plain.tables[table]!.count == full.tables[table]!.count, "\(table)")
            #expect(plain.tables[table]! == full.tables[table]!, "\(table)")
        }
    }
}
