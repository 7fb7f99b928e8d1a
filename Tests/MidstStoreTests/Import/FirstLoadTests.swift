import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// A first load (into an empty staff table) stages its lookup and snapshot rows on the producer
/// thread (``FirstLoadStaging``); any other import stages them on the writer's, as every import
/// did before. Both must store the same.
@Suite("First loads")
struct FirstLoadTests {
    /// The tables of `database` without the person with key 1, and its staff snapshot (overlay
    /// applied) with its generation blanked, which is random.
    static func contents(_ database: MidstDatabase) throws -> (
        tables: [String: [[DatabaseValue]]], snapshot: [UInt8]
    ) {
        var tables = try PlainRowImportTests.staffTables(database)
        for (table, keyColumn) in [
            ("staff", 0), ("staff_specialty", 1), ("staff_country_tie", 2), ("staff_language", 1),
        ] {
            tables[table]!.removeAll { Int64.fromDatabaseValue($0[keyColumn]) == 1 }
        }
        let kept = try #require(
            database.keptStaff(generation: try database.staffGeneration()),
            "no current snapshot")
        let table = kept.applied(reference: BundledReference.data)
        var snapshot = withExtendedLifetime(table) { Array(table.bytes) }
        snapshot.replaceSubrange(16..<24, with: repeatElement(0, count: 8))
        return (tables, snapshot)
    }

    @Test(
        "a first load with rejected and repeated records stores the tables and snapshot the writer's path stores",
        arguments: [false, true])
    func sameAsWriterPath(bulk: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // Rows read straight from their bytes and decoded ones, invalid ones, and a repeated id.
        var csv = PlainRowImportTests.mutatedStaffCSV(rows: 900, seed: 23)
        csv += csv.split(separator: "\n")[1...10].joined(separator: "\n") + "\n"
        var fileOptions = bulk ? BulkLoadTests.bulkOptions("staff.csv") : options("staff.csv")
        fileOptions.skipsInvalid = true
        // Someone without consent takes key 1 in both databases, so the file's people get the
        // same keys: in the first, they are erased before the import, which is then a first
        // load; in the second, they stay, and the import stages rows on the writer's thread.
        let first = "id,profession,specialties,seniority,consent\nX1,doctor,paediatrics,ST4,no\n"
        var results: [(tables: [String: [[DatabaseValue]]], snapshot: [UInt8])] = []
        for isFirstLoad in [true, false] {
            let database = try MidstDatabase.open(at: folder.path("\(isFirstLoad).sqlite"))
            _ = try database.importStaff(Array(first.utf8), options: options("x.csv"))
            if isFirstLoad {
                try database.pool.write { try $0.execute(sql: "DELETE FROM staff") }
            }
            let summary = try database.importStaff(Array(csv.utf8), options: fileOptions)
            #expect(summary.rejected.count > 10)
            #expect(summary.rejected.contains { $0.issues.contains { $0.message.contains("appears again") } })
            #expect(summary.plainRecords > 300 && summary.plainRecords < summary.inserted)
            #expect(summary.isBulkLoad == bulk)
            results.append(try Self.contents(database))
        }
        #expect(results[0].tables["staff"]!.count > 500)
        #expect(PlainRowImportTests.lookupMismatches(results[0].tables).isEmpty)
        // (Compared apart, so that a failure does not print both databases.)
        let sameTables = results[0].tables == results[1].tables
        let sameSnapshot = results[0].snapshot == results[1].snapshot
        #expect(sameTables)
        #expect(sameSnapshot)
    }

    /// Lines of a file of `count` people, with `changes` (line number in the file, 2-based
    /// after the header, to its new text).
    static func staffFile(_ count: Int, _ changes: [Int: String]) -> String {
        var lines = ImportTests.manyStaff(count)
        for (line, text) in changes { lines[line - 2] = text }
        return "id,profession,specialties,seniority,consent\n" + lines.joined(separator: "\n")
    }

    /// A repeat in the same batch of staff rows, one in a later chunk, a third appearance, and
    /// invalid records before and after them.
    static let repeatCases: [[Int: String]] = [
        [5: "P2,doctor,paediatrics,ST4,yes"],
        [3000: "P17,doctor,paediatrics,ST4,yes", 8500: "P6500,doctor,paediatrics,ST4,yes",
         9001: "P17,doctor,paediatrics,ST4,yes"],
        [100: "P99,doctor,no_such_specialty,ST4,yes", 7000: "P17,doctor,paediatrics,ST4,yes"],
        [7000: "P17,doctor,paediatrics,ST4,yes", 8000: "P7999,doctor,paediatrics,ST9,yes"],
        [200: "P99,doctor,no_such_specialty,ST4,yes"],
    ]

    @Test(
        "a first load that skips nothing finds repeats through the unique index and reports what an import looking for them reports",
        arguments: [false, true], [0, 1, 2, 3, 4])
    func repeatsInFirstLoad(bulk: Bool, changes: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let csv = Array(Self.staffFile(9000, Self.repeatCases[changes]).utf8)
        // Skipping invalid records, the producer looks for repeats as they come.
        var skipping = options("many.csv")
        skipping.skipsInvalid = true
        let expected = try MidstDatabase.open(at: folder.path("skipping.sqlite"))
            .importStaff(csv, options: skipping).rejected.flatMap(\.issues)
        try #require(!expected.isEmpty)
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let failure = try #require(throws: ImportFailure.self) {
            _ = try database.importStaff(
                csv, options: bulk ? BulkLoadTests.bulkOptions("many.csv") : options("many.csv"))
        }
        #expect(failure.issues == expected)
        let count = try database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM staff")
        }
        #expect(count == 0)
        // The database is as it was: the file without its bad lines then loads.
        let valid = Array(Self.staffFile(9000, [:]).utf8)
        let summary = try database.importStaff(valid, options: options("valid.csv"))
        #expect(summary.inserted == 9000)
    }

    @Test("a repeat is named with the line it first appeared on, however many times it appears")
    func repeatMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let csv = Self.staffFile(9000, Self.repeatCases[1])
        let failure = try #require(throws: ImportFailure.self) {
            _ = try database.importStaff(Array(csv.utf8), options: options("many.csv"))
        }
        #expect(
            failure.issues.map(\.description) == [
                "many.csv:3000: id 'P17' appears again (first on line 18)",
                "many.csv:8500: id 'P6500' appears again (first on line 6501)",
                "many.csv:9001: id 'P17' appears again (first on line 18)",
            ])
    }
}
