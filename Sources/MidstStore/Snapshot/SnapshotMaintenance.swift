import Foundation
import GRDB
import MidstCore

/// The people a write changed, as far as the staff snapshot is concerned.
struct StaffChanges {
    /// People to read again from the database as the write left them.
    var reread: Set<Int64> = []
    /// People whose commitments or completed placements alone changed (outcomes, needs): their
    /// rows are kept with new contexts, without reading their records.
    var recontexted: Set<Int64> = []
    /// People whose rows go, replaced by `rows` when they are there.
    var replaced: Set<Int64> = []
    /// Rows built from the records written (an import's), so that they need not be read again.
    var rows: StaffTableRows?

    /// The people with outcomes for `needs`, whose commitments and placements change with a
    /// need's status or country.
    static func peopleWithOutcomes(for needs: [Int64], _ db: Database) throws -> StaffChanges {
        var changes = StaffChanges()
        try db.forEachRow("SELECT DISTINCT staff_key FROM outcome WHERE need_key", in: needs) {
            changes.recontexted.insert($0[0])
        }
        return changes
    }
}

/// Keeps the staff snapshot current at write time, so that the first query after a write is as
/// fast as any other: begun inside a write transaction from the snapshot of the generation the
/// transaction started at, given the people the write changed, and finished before the commit
/// into the table of the new generation, which ``MidstDatabase/keepSnapshot(_:)`` writes once
/// the transaction has committed.
///
/// Only a snapshot checked against the generation read inside the transaction is carried on (no
/// other writer can change the data in between), so a stale or damaged one is never built on;
/// without one, nothing is written and the next query rebuilds it. A write that never commits
/// leaves no snapshot of its generation, which is random: no state ever matches it.
struct SnapshotMaintenance {
    private let base: StaffTable
    private let reference: ReferenceData

    /// The snapshot of the database as this transaction found it, or `nil` when there is none
    /// current (then the write leaves the snapshot to be rebuilt by the next query).
    static func begin(_ db: Database, snapshotPath: String, reference: ReferenceData) throws
        -> SnapshotMaintenance?
    {
        precondition(db.isInsideTransaction, "the snapshot is carried on inside the write")
        let generation = try MidstDatabase.staffGeneration(db)
        if let table = MidstDatabase.snapshot(at: snapshotPath, generation: generation) {
            return SnapshotMaintenance(base: table, reference: reference)
        }
        // Nobody matchable yet (a first import): the snapshot of nobody is current.
        if try
            !(Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE consent = 1 AND active = 1)")
            ?? true)
        {
            return SnapshotMaintenance(base: .empty(generation: generation), reference: reference)
        }
        return nil
    }

    /// The table after the write: the base with the changed people replaced, at the generation
    /// the database has now; `nil` when the write changed nothing. Called inside the
    /// transaction, after the writes: what it reads it reads there; the merge itself runs in the
    /// background while the transaction commits (a 1M-staff import's commit hides most of it).
    /// It reads the old snapshot's mapped pages, which no one writes in place (``MappedFile``);
    /// once the result is taken, they are let go (`staff forget` then zeroes that file).
    func finish(_ changes: StaffChanges, _ db: Database) throws -> PendingSnapshot? {
        let generation = try MidstDatabase.staffGeneration(db)
        guard generation != base.generation else { return nil }
        let started = Date()
        var rows = changes.rows ?? StaffTableRows(reference: reference)
        let reread = Array(changes.reread)
        let recontexted = base.rows(ofKeys: changes.recontexted.subtracting(changes.reread))
        let contexts = try MidstDatabase.staffContexts(
            db, of: reread + recontexted.map { base.staffKey(at: $0) })
        try MidstDatabase.appendMatchable(reread, contexts: contexts, to: &rows, db)
        for row in recontexted {
            rows.append(
                row: row, of: base, context: contexts[base.staffKey(at: row)] ?? Staff.Context())
        }
        let readSeconds = Date().timeIntervalSince(started)
        let replaced = changes.replaced.union(changes.reread)
        return PendingSnapshot { [base, rows] in
            let merging = Date()
            let table = base.replacing(replaced, with: rows, generation: generation)
            MidstDatabase.logger.debug(
                "staff snapshot carried on",
                metadata: [
                    "readSeconds": "\(readSeconds)", "rows": "\(rows.count)",
                    "mergeSeconds": "\(Date().timeIntervalSince(merging))",
                ])
            return table
        }
    }
}

/// A staff table being made on another thread; ``table()`` waits for it.
final class PendingSnapshot: @unchecked Sendable {
    // @unchecked: `work` and `result` are written before `done` is signalled, read after waiting.
    private let done = DispatchSemaphore(value: 0)
    private var work: (@Sendable () -> StaffTable)?
    private var result: StaffTable?

    init(_ work: @escaping @Sendable () -> StaffTable) {
        self.work = work
        Thread.detachNewThread { [self] in
            result = self.work?()
            // Lets the base table go before anyone waits: an erasure then destroys its file.
            self.work = nil
            done.signal()
        }
    }

    func table() -> StaffTable {
        done.wait()
        done.signal()
        return result!
    }
}

extension MidstDatabase {
    /// Runs a write transaction that makes the changes `body` returns, and keeps the staff
    /// snapshot current with it.
    func writeKeepingSnapshot<T>(_ body: (Database) throws -> (T, StaffChanges)) throws -> T {
        var kept: PendingSnapshot?
        let result = try pool.write { db in
            let snapshot = try SnapshotMaintenance.begin(
                db, snapshotPath: snapshotPath, reference: BundledReference.data)
            let (result, changes) = try body(db)
            kept = try snapshot?.finish(changes, db)
            return result
        }
        keepSnapshot(kept)
        return result
    }

    /// The staff generation as `db` sees it.
    static func staffGeneration(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT generation FROM staff_generation") ?? 0
    }

    /// Writes the snapshot a committed write kept current. One that cannot be written
    /// (read-only folder) only costs the next query a rebuild.
    func keepSnapshot(_ pending: PendingSnapshot?) { keepSnapshot(pending?.table()) }

    /// Writes a snapshot made for a committed write (see ``keepSnapshot(_:)-…``).
    func keepSnapshot(_ table: StaffTable?) {
        guard let table else { return }
        let started = Date()
        try? OwnerOnlyFile.write(raw: table.bytes, to: snapshotPath, durable: false)
        Self.logger.debug(
            "staff snapshot written",
            metadata: [
                "people": "\(table.count)", "writeSeconds": "\(Date().timeIntervalSince(started))",
            ])
    }

    /// The contexts of the people of `keys` (all people when `nil`; perhaps more people than
    /// `keys`) who have any: commitments held and countries of completed placements.
    static func staffContexts(_ db: Database, of keys: [Int64]?) throws -> [Int64: Staff.Context] {
        var contexts: [Int64: Staff.Context] = [:]
        let commitments = """
            SELECT o.staff_key, count(*) FROM outcome o JOIN need n USING (need_key)
            WHERE \(isCommitment)
            """
        let places = """
            SELECT DISTINCT o.staff_key, n.country FROM outcome o JOIN need n USING (need_key)
            WHERE o.outcome = 'completed'
            """
        func eachRow(_ select: String, groupedBy group: String, _ body: (Row) -> Void) throws {
            // Beyond a few hundred people, one pass over the outcomes beats a search per chunk.
            if let keys, keys.count <= 500 {
                try db.forEachRow("\(select) AND o.staff_key", in: keys, then: group, body)
            } else {
                let rows = try Row.fetchCursor(db, sql: "\(select) \(group)")
                while let row = try rows.next() { body(row) }
            }
        }
        try eachRow(commitments, groupedBy: "GROUP BY o.staff_key") { row in
            contexts[row[0], default: Staff.Context()].commitments = row[1]
        }
        try eachRow(places, groupedBy: "") { row in
            contexts[row[0], default: Staff.Context()].completedCountries.insert(
                CountryCode(rawValue: row[1]))
        }
        return contexts
    }
}
