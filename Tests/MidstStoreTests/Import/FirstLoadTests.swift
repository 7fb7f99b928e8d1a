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
}
