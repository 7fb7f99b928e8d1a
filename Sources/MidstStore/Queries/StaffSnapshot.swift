import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// The file beside the database that keeps the compact staff table between runs.
    public var snapshotPath: String { path + "-staff-snapshot" }

    /// The current staff generation: a new random value after every change to staff, outcomes or
    /// needs, by Midst or any other route (``GenerationTriggers``).
    public func staffGeneration() throws -> Int64 {
        try pool.read {
            try Int64.fetchOne($0, sql: "SELECT generation FROM staff_generation") ?? 0
        }
    }

    /// Every consenting, active person in compact form, as of now.
    ///
    /// Read from the snapshot file when it was built from the current generation; otherwise
    /// rebuilt from the database (seconds for a million staff) and written back atomically for
    /// the next process. A snapshot that cannot be read is rebuilt, never trusted.
    public func staffTable(reference: ReferenceData) throws -> StaffTable {
        let generation = try staffGeneration()
        if let storage = MappedFile.storage(path: snapshotPath),
            let table = try? StaffTable(storage: storage, expectedGeneration: generation)
        {
            return table
        }
        let table = try pool.read { db in
            try Self.buildStaffTable(
                db, reference: reference,
                generation: try Int64.fetchOne(db, sql: "SELECT generation FROM staff_generation")
                    ?? 0)
        }
        // A snapshot that cannot be written (read-only folder) only costs the next run a rebuild.
        try? OwnerOnlyFile.write(raw: table.bytes, to: snapshotPath)
        Self.logger.info(
            "staff snapshot rebuilt",
            metadata: ["people": "\(table.count)", "generation": "\(table.generation)"])
        return table
    }

    private static func buildStaffTable(_ db: Database, reference: ReferenceData, generation: Int64)
        throws -> StaffTable
    {
        var commitments: [Int64: Int] = [:]
        let committed = try Row.fetchCursor(
            db,
            sql: """
                SELECT o.staff_key, count(*) FROM outcome o JOIN need n USING (need_key)
                WHERE \(isCommitment)
                GROUP BY o.staff_key
                """)
        while let row = try committed.next() { commitments[row[0]] = row[1] }
        var completed: [Int64: Set<CountryCode>] = [:]
        let places = try Row.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT o.staff_key, n.country FROM outcome o JOIN need n USING (need_key)
                WHERE o.outcome = 'completed'
                """)
        while let row = try places.next() {
            completed[row[0], default: []].insert(CountryCode(rawValue: row[1]))
        }
        var staff: [Staff] = []
        var contexts: [StaffContext] = []
        let people = try Row.fetchCursor(
            db, sql: "SELECT * FROM staff WHERE consent = 1 AND active = 1")
        while let row = try people.next() {
            let key: Int64 = row["staff_key"]
            staff.append(Self.staff(from: row))
            contexts.append(
                StaffContext(
                    commitments: commitments[key] ?? 0, completedCountries: completed[key] ?? []))
        }
        return StaffTable(
            staff: staff, contexts: contexts, reference: reference, generation: generation)
    }

    /// The staff records with these ids, in the order given (ids not found are left out).
    public func staff(ids: [RecordID]) throws -> [Staff] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let found = try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM staff WHERE id IN (\(marks))",
                arguments: StatementArguments(ids.map(\.rawValue))
            ).map(Self.staff(from:))
        }
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }
}
