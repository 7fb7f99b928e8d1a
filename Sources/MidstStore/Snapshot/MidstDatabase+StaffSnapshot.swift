import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// The file beside the database that keeps the compact staff table between runs.
    package var snapshotPath: String { path + "-staff-snapshot" }

    /// The current staff generation: a new random value after every change to staff, outcomes or
    /// needs, by Midst or any other route (``GenerationTriggers``).
    package func staffGeneration() throws -> Int64 {
        try pool.read(Self.staffGeneration)
    }

    /// The file beside the snapshot that holds the people changed since it was written
    /// (``StaffOverlay``), so that a write of a few people need not write the snapshot again.
    package var overlayPath: String { path + "-staff-overlay" }

    /// Every consenting, active person in compact form, as of now.
    ///
    /// Read from the snapshot file when it was built from the current generation, as Midst's own
    /// writes leave it (``SnapshotMaintenance``); when writes since left an overlay of the people
    /// they changed, the overlay is applied (a copy of the snapshot: a fraction of a second for
    /// a million staff) and the result kept as the new snapshot, so that the nightly run folds
    /// the day's writes in. Otherwise (after a change by another route, or a damaged file)
    /// rebuilt from the database (seconds for a million staff) and written back atomically for
    /// the next process. A snapshot or overlay that cannot be read is rebuilt, never trusted.
    public func staffTable(reference: ReferenceData) throws -> StaffTable {
        let generation = try staffGeneration()
        if let kept = keptStaff(generation: generation) {
            guard kept.overlay != nil else { return kept.base }
            let table = kept.applied(reference: reference)
            // Kept only while still current: a write committed meanwhile has left its own.
            if keepSnapshot(table) {
                Self.logger.info(
                    "staff overlay folded into the snapshot",
                    metadata: [
                        "people": "\(table.count)",
                        "changed": "\(kept.overlay?.removedKeys.count ?? 0)",
                    ])
            }
            return table
        }
        return try readingStaff(reference: reference) { staff, _ in staff.base }
    }

    /// Runs `body` with the staff and the database in one read transaction, so that what
    /// `body` reads (the records of the people ranked) is in the very state the staff are of: a
    /// write committed meanwhile is in neither. The staff are the snapshot and its overlay when
    /// they are of the transaction's generation, else rebuilt there (and kept for the next
    /// process).
    ///
    /// With `checking` ``StaffTable/Checking/asRead`` the snapshot is checked as `body` reads
    /// it: when `body` throws ``StaffTableFormatError`` (a part it read is damaged), it is run
    /// again on staff rebuilt from the database, as a snapshot found damaged when opened is.
    package func readingStaff<T>(
        reference: @autoclosure () -> ReferenceData, checking: StaffTable.Checking = .whole,
        _ body: (OverlaidStaffTable, Database) throws -> T
    ) throws -> T {
        var rebuilt: StaffTable?
        var keeping: Pending<Bool>?
        // Waited for however `body` ends, so that the process never exits mid-write.
        defer { _ = keeping?.value() }
        let result = try read { db in
            let generation = try Self.staffGeneration(db)
            if let kept = keptStaff(generation: generation, checking: checking) {
                do {
                    return try body(kept, db)
                } catch let damage as StaffTableFormatError {
                    Self.logger.warning(
                        "staff snapshot damaged; rebuilt", metadata: ["error": "\(damage)"])
                }
            }
            let table = try rebuiltStaff(db, generation: generation, reference: reference())
            rebuilt = table
            // Written while `body` ranks (72 MB at 1M staff); kept only while still current: a
            // write committed meanwhile has left its own.
            keeping = Pending { [self] in keepSnapshot(table) }
            return try body(OverlaidStaffTable(base: table, overlay: nil), db)
        }
        if let rebuilt, keeping?.value() == true {
            Self.logger.info(
                "staff snapshot rebuilt",
                metadata: ["people": "\(rebuilt.count)", "generation": "\(rebuilt.generation)"])
        }
        return result
    }

    /// The snapshot and overlay files as they are, when together they are of `generation` and
    /// intact (the snapshot checked as `checking` says): the snapshot alone when it is of
    /// `generation`, else the snapshot the overlay applies to with the overlay; otherwise `nil`.
    func keptStaff(generation: Int64, checking: StaffTable.Checking = .whole)
        -> OverlaidStaffTable?
    {
        // The stamp first, so that the snapshot is mapped once, when it is of use.
        guard let stamp = MappedFile.snapshotStamp(path: snapshotPath) else { return nil }
        if stamp.generation == generation {
            return Self.snapshot(at: snapshotPath, generation: generation, checking: checking).map {
                OverlaidStaffTable(base: $0, overlay: nil)
            }
        }
        guard let overlay = Self.overlay(at: overlayPath, generation: generation),
            overlay.base == stamp,
            let base = Self.snapshot(
                at: snapshotPath, generation: stamp.generation, checking: checking),
            base.stamp == overlay.base
        else { return nil }
        return OverlaidStaffTable(base: base, overlay: overlay)
    }

    /// The snapshot at `path` when it is of `generation` and intact (checked as `checking`
    /// says); else `nil`.
    static func snapshot(
        at path: String, generation: Int64, checking: StaffTable.Checking = .whole
    ) -> StaffTable? {
        guard let storage = MappedFile.storage(path: path) else { return nil }
        return try? StaffTable(
            storage: storage, expectedGeneration: generation, checking: checking)
    }

    /// The overlay at `path` when it is of `generation` and intact; else `nil`. Read into
    /// memory, not mapped: it is small, and an erasure may then zero it whoever reads it.
    static func overlay(at path: String, generation: Int64) -> StaffOverlay? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? StaffOverlay(bytes: Array(data), expectedGeneration: generation)
    }

    /// Adds the matchable people among `keys`, as stored, to `rows`.
    static func appendMatchable(
        _ keys: [Int64], contexts: [Int64: Staff.Context], to rows: inout StaffTableRows,
        _ db: Database
    ) throws {
        try db.forEachRow(
            "SELECT * FROM staff WHERE consent = 1 AND active = 1 AND staff_key", in: keys
        ) { row in
            let key: Int64 = row["staff_key"]
            rows.append(staff(from: row), context: contexts[key] ?? Staff.Context(), key: key)
        }
    }

    /// The staff records with these ids, in the order given (ids not found are left out).
    package func staff(ids: [RecordID]) throws -> [Staff] {
        try pool.read { try Self.staff(ids: ids, $0) }
    }

    /// ``staff(ids:)`` within a transaction already open.
    static func staff(ids: [RecordID], _ db: Database) throws -> [Staff] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let found = try Row.fetchAll(
            db, sql: "SELECT * FROM staff WHERE id IN (\(marks))",
            arguments: StatementArguments(ids.map(\.rawValue))
        ).map(Self.staff(from:))
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }
}
