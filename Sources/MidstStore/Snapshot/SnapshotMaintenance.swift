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

    /// Everyone changed, when they are at most `limit` (else `nil`, without gathering a large
    /// import's keys).
    func people(atMost limit: Int) -> Set<Int64>? {
        let rows = self.rows?.staffKeys ?? []
        guard reread.count + recontexted.count + replaced.count + rows.count <= limit else {
            return nil
        }
        return reread.union(recontexted).union(replaced).union(rows)
    }

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
/// fast as any other: begun inside a write transaction from the snapshot (and overlay) of the
/// generation the transaction started at, given the people the write changed, and finished
/// before the commit into what the new generation needs, which
/// ``MidstDatabase/keep(_:)`` writes once the transaction has committed:
///
/// - a write of a few people (a consent change, an outcome, a one-row correction) leaves the
///   snapshot as it is and writes a new ``StaffOverlay`` beside it: their rows now, read from
///   the database, with those of the people changed since the snapshot (a few kilobytes, not the
///   72 MB of a 1M-staff snapshot);
/// - a larger write (an import, a need closed with many outcomes, an overlay past
///   ``StaffOverlay/mostPeople``), or an erasure, which must leave no copy of the person, makes
///   a new snapshot: the old one with the overlay and the changed people replaced.
///
/// Only a snapshot checked against the generation read inside the transaction is carried on (no
/// other writer can change the data in between), so a stale or damaged one is never built on;
/// without one, nothing is written and the next query rebuilds it. A write that never commits
/// leaves no snapshot or overlay of its generation, which is random: no state ever matches it.
struct SnapshotMaintenance {
    /// What is kept current when the transaction starts.
    private enum Start {
        /// The snapshot with this stamp, and the overlay over it (empty when the snapshot alone is
        /// current).
        case overlaid(StaffOverlay)
        /// Nobody matchable, and no current snapshot.
        case nobody(generation: Int64)
    }

    private let start: Start
    private let snapshotPath: String
    private let reference: ReferenceData
    private let mayOverlay: Bool

    /// What is kept of the database as this transaction found it, or `nil` when nothing is
    /// current (then the write leaves the snapshot to be rebuilt by the next query). Only the
    /// snapshot's first bytes and the overlay are read here: a write of a few people never maps
    /// the snapshot. With `mayOverlay` false the write makes a new snapshot whatever it changes.
    static func begin(
        _ db: Database, database: MidstDatabase, reference: ReferenceData, mayOverlay: Bool = true
    ) throws -> SnapshotMaintenance? {
        precondition(db.isInsideTransaction, "the snapshot is carried on inside the write")
        let generation = try MidstDatabase.staffGeneration(db)
        func maintenance(_ start: Start) -> SnapshotMaintenance {
            SnapshotMaintenance(
                start: start, snapshotPath: database.snapshotPath, reference: reference,
                mayOverlay: mayOverlay)
        }
        if let stamp = MappedFile.snapshotStamp(path: database.snapshotPath) {
            if stamp.generation == generation { return maintenance(.overlaid(.empty(on: stamp))) }
            if let overlay = MidstDatabase.overlay(
                at: database.overlayPath, generation: generation),
                overlay.base == stamp
            {
                return maintenance(.overlaid(overlay))
            }
        }
        // Nobody matchable yet (a first import): the snapshot of nobody is current.
        if try
            !(Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE consent = 1 AND active = 1)")
            ?? true)
        {
            return maintenance(.nobody(generation: generation))
        }
        return nil
    }

    /// What to keep after the write, at the generation the database has now; `nil` when the
    /// write changed nothing, or the snapshot turns out damaged. Called inside the transaction,
    /// after the writes: what it reads it reads there. A new snapshot's merge runs in the
    /// background while the transaction commits (a 1M-staff import's commit hides most of it);
    /// it reads the old snapshot's mapped pages, which no one writes in place (``MappedFile``);
    /// once the result is taken, they are let go (`staff forget` then zeroes that file).
    func finish(_ changes: StaffChanges, _ db: Database) throws -> KeptStaff? {
        let generation = try MidstDatabase.staffGeneration(db)
        let overlay: StaffOverlay
        switch start {
        case .nobody(let startGeneration):
            guard generation != startGeneration else { return nil }
            return .snapshot(
                try newSnapshot(
                    of: .empty(generation: startGeneration), changes, generation: generation, db))
        case .overlaid(let found):
            guard generation != found.generation else { return nil }
            overlay = found
        }
        // A few people: their rows now, read from the database, over the snapshot.
        var next: StaffOverlay?
        if let changed = changes.people(atMost: StaffOverlay.mostPeople) {
            var rows = changes.rows ?? StaffTableRows(reference: reference)
            let reread = Array(
                changes.reread.union(changes.recontexted).subtracting(rows.staffKeys))
            let contexts = try MidstDatabase.staffContexts(db, of: reread)
            try MidstDatabase.appendMatchable(reread, contexts: contexts, to: &rows, db)
            next = overlay.changing(changed, to: rows, generation: generation)
        }
        if mayOverlay, let next, next.removedKeys.count <= StaffOverlay.mostPeople {
            return .overlay(next)
        }
        guard
            let mapped = MidstDatabase.snapshot(
                at: snapshotPath, generation: overlay.base.generation),
            mapped.stamp == overlay.base
        else { return nil }
        if let next {
            // One merge of the snapshot, not one for the overlay and one for the change.
            return .snapshot(
                PendingSnapshot { [reference] in next.applied(to: mapped, reference: reference) })
        }
        let base =
            overlay.removedKeys.isEmpty ? mapped : overlay.applied(to: mapped, reference: reference)
        return .snapshot(try newSnapshot(of: base, changes, generation: generation, db))
    }

    /// `base` with the changed people replaced, at `generation`, made in the background.
    private func newSnapshot(
        of base: StaffTable, _ changes: StaffChanges, generation: Int64, _ db: Database
    ) throws -> PendingSnapshot {
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
        // The rows laid out here, so that their columns can go before the merge allocates its
        // own (70 MB for the 1M people of a first import).
        let added = rows.unorderedTable()
        return PendingSnapshot { [base, added, reference] in
            let merging = Date()
            let table = base.replacing(
                replaced, with: added, reference: reference, generation: generation)
            MidstDatabase.logger.debug(
                "staff snapshot carried on",
                metadata: [
                    "readSeconds": "\(readSeconds)", "rows": "\(added.count)",
                    "mergeSeconds": "\(Date().timeIntervalSince(merging))",
                ])
            return table
        }
    }
}

/// What a committed write leaves for the staff to be read as they now are.
enum KeptStaff {
    /// A new snapshot (whose overlay, if any, is then out of date).
    case snapshot(PendingSnapshot)
    /// A new overlay over the snapshot on disk.
    case overlay(StaffOverlay)
}

/// A staff table being made on another thread; ``table()`` waits for it.
typealias PendingSnapshot = Pending<StaffTable>

extension Pending<StaffTable> {
    /// The table, once made.
    func table() -> StaffTable { value() }
}

extension MidstDatabase {
    /// Runs a write transaction that makes the changes `body` returns, and keeps the staff
    /// snapshot (or its overlay) current with it.
    func writeKeepingSnapshot<T>(_ body: (Database) throws -> (T, StaffChanges)) throws -> T {
        var kept: KeptStaff?
        let result = try pool.write { db in
            let snapshot = try SnapshotMaintenance.begin(
                db, database: self, reference: BundledReference.data)
            let (result, changes) = try body(db)
            kept = try snapshot?.finish(changes, db)
            return result
        }
        keep(kept)
        return result
    }

    /// The staff generation as `db` sees it.
    static func staffGeneration(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT generation FROM staff_generation") ?? 0
    }

    /// Writes what a committed write kept current: a new snapshot or a new overlay, when the
    /// database is still at its generation (``SnapshotLock``). One that cannot be written
    /// (read-only folder) only costs the next query a rebuild.
    func keep(_ kept: KeptStaff?) {
        switch kept {
        case .snapshot(let pending): keepSnapshot(pending.table())
        case .overlay(let overlay):
            SnapshotLock.holding(forDatabaseAt: path) { putInPlace(overlay) }
        case nil: break
        }
    }

    /// Writes a snapshot made for a committed write, or by a reader, when the database is still
    /// at its generation; returns whether it did. The overlay laid on the snapshot it replaces
    /// is zeroed and removed with it.
    @discardableResult
    func keepSnapshot(_ table: StaffTable?) -> Bool {
        guard let table else { return false }
        return SnapshotLock.holding(forDatabaseAt: path) { putInPlace(table) } ?? false
    }

    /// Whether the database is at `generation` now: checked holding the snapshot lock, which
    /// an erasure holds while it replaces the snapshot, so that nothing older than the erasure
    /// is put in place after it.
    private func isCurrent(_ generation: Int64) -> Bool {
        (try? staffGeneration()) == generation
    }

    /// ``keepSnapshot(_:)``, the lock held.
    @discardableResult
    func putInPlace(_ table: StaffTable) -> Bool {
        guard isCurrent(table.generation) else { return false }
        let started = Date()
        guard (try? OwnerOnlyFile.write(raw: table.bytes, to: snapshotPath, durable: false)) != nil
        else { return false }
        OwnerOnlyFile.overwriteAndRemove(overlayPath)
        Self.logger.debug(
            "staff snapshot written",
            metadata: [
                "people": "\(table.count)", "writeSeconds": "\(Date().timeIntervalSince(started))",
            ])
        return true
    }

    /// Writes an overlay made for a committed write, the lock held, when the database is still
    /// at its generation.
    private func putInPlace(_ overlay: StaffOverlay) {
        guard isCurrent(overlay.generation) else { return }
        let started = Date()
        _ = overlay.bytes.withUnsafeBytes {
            try? OwnerOnlyFile.write(raw: $0, to: overlayPath, durable: false)
        }
        Self.logger.debug(
            "staff overlay written",
            metadata: [
                "people": "\(overlay.removedKeys.count)",
                "writeSeconds": "\(Date().timeIntervalSince(started))",
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
