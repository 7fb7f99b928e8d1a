import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// The file beside the database that keeps the compact staff table between runs.
    public var snapshotPath: String { path + "-staff-snapshot" }

    /// The current staff generation: a new random value after every change to staff, outcomes or
    /// needs, by Midst or any other route (``GenerationTriggers``).
    public func staffGeneration() throws -> Int64 {
        try pool.read(Self.staffGeneration)
    }

    /// Every consenting, active person in compact form, as of now.
    ///
    /// Read from the snapshot file when it was built from the current generation, as Midst's own
    /// writes leave it (``SnapshotMaintenance``); otherwise (after a change by another route, or
    /// a damaged file) rebuilt from the database (seconds for a million staff) and written back
    /// atomically for the next process. A snapshot that cannot be read is rebuilt, never trusted.
    public func staffTable(reference: ReferenceData) throws -> StaffTable {
        let generation = try staffGeneration()
        if let storage = MappedFile.storage(path: snapshotPath),
            let table = try? StaffTable(storage: storage, expectedGeneration: generation)
        {
            return table
        }
        let table = try pool.read { db in
            try Self.buildStaffTable(db, reference: reference, generation: Self.staffGeneration(db))
        }
        // A snapshot that cannot be written (read-only folder) only costs the next run a rebuild.
        try? OwnerOnlyFile.write(raw: table.bytes, to: snapshotPath, durable: false)
        Self.logger.info(
            "staff snapshot rebuilt",
            metadata: ["people": "\(table.count)", "generation": "\(table.generation)"])
        return table
    }

    private static func buildStaffTable(_ db: Database, reference: ReferenceData, generation: Int64)
        throws -> StaffTable
    {
        let contexts = try staffContexts(db, of: nil)
        var rows = StaffTableRows(reference: reference)
        let people = try Row.fetchCursor(
            db, sql: "SELECT * FROM staff WHERE consent = 1 AND active = 1")
        while let row = try people.next() {
            let key: Int64 = row["staff_key"]
            rows.append(Self.staff(from: row), context: contexts[key] ?? StaffContext(), key: key)
        }
        return StaffTable.empty(generation: generation).replacing([], with: rows, generation: generation)
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
