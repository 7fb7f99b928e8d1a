import Foundation
import GRDB
import MidstCore

/// What erasing a person removed, and what is left to finish.
package struct ErasureReport: Sendable {
    /// Rows deleted or anonymised, by table.
    package var rows: [String: Int] = [:]
    /// Whether the database was rebuilt (VACUUM) because a copy of the person's fields was
    /// still in free space, or could not be searched for.
    package var vacuumed = false
    /// What is not done yet, in words: each says who finishes it, or what to do.
    package var unfinished: [String] = []
    /// Backups Midst made before the erasure, which still hold the person.
    package var earlierBackups: [String] = []
}

extension MidstDatabase {
    /// Erases the person with `id` (UK GDPR Art. 17): every table of ``PersonalData`` in one
    /// transaction, with SQLite's `secure_delete` so that freed space is zeroed. Once that has
    /// committed, nothing throws: the rest is done or left for later, as the report says.
    ///
    /// - The staff snapshot, which held the person's id, is set aside and replaced by one
    ///   without them; the old one is zeroed and removed as soon as no process maps it
    ///   (``LeftoverFiles``), never written in place while another process reads it.
    /// - The WAL is checkpointed and truncated, after waiting a while for readers.
    /// - The files are searched for traces of the record (``ErasureTraces``); a trace found, or
    ///   a search that cannot be trusted (a reader kept the old pages, or the id lies inside
    ///   other data), has the database rebuilt with VACUUM.
    ///
    /// Past runs keep their counts: the person's shortlist places and proposals point to an
    /// anonymous placeholder instead. Their staff key is never given to anyone else.
    package func forgetStaff(id: String) throws -> ErasureReport {
        var report = ErasureReport()
        var traces: ErasureTraces?
        var kept: KeptStaff?
        try pool.writeWithoutTransaction { db in
            // Every writer connection zeroes deleted content (secure_delete, MidstDatabase).
            // The rows that refer to the person are deleted first, the lookup rows by key
            // (LookupRowDeletion); the foreign keys' cascade would look for them again by
            // reading each lookup table whole.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                // A new snapshot, not an overlay: the old one holds the person.
                let snapshot = try SnapshotMaintenance.begin(
                    db, database: self, reference: BundledReference.data, mayOverlay: false)
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT staff_key, name, email, specialties, countries, languages
                            FROM staff WHERE id = ?
                            """,
                        arguments: [id])
                else { throw UnknownRecord(message: "no staff member with \(RecordID.named(id))") }
                let key: Int64 = row["staff_key"]
                traces = ErasureTraces(id: id, name: row["name"], email: row["email"])
                report.rows = try LookupRowDeletion(db).delete(
                    key: Int(key), specialties: row["specialties"], countries: row["countries"],
                    languages: row["languages"], db)
                for table in PersonalData.tables
                where !LookupRowDeletion.tables.contains(table.name) {
                    report.rows[table.name] = try erase(key, from: table.name, table.erasure, db)
                }
                kept = try snapshot?.finish(StaffChanges(reread: [key]), db)
                // What is still in a row after the deletion belongs to somebody or something
                // else (a namesake, `ann.lee@…` inside `joann.lee@…`, a need's description):
                // it stays, rightly, and is not looked for in the file.
                try traces?.dropStillStored(db, id: id)
                return .commit
            }
        }
        replaceSnapshot(with: kept, &report)
        if let traces { clearCopies(of: traces, &report) }
        report.earlierBackups = backupsMade()
        Self.logger.notice(
            "a staff record was erased", metadata: ["rows": "\(report.rows.values.reduce(0, +))"])
        return report
    }

    /// Puts the new snapshot in place of the one that held the erased person, and destroys the
    /// old one unless another process still maps it; and destroys the overlay, which may hold
    /// them too (it is read, never mapped: a reader that finds it zeroed rebuilds). All under
    /// the snapshot lock (``SnapshotLock``): a process that read the person before the erasure
    /// committed, and is about to put its snapshot or overlay in place, either has done so (and
    /// its file is destroyed here) or finds the database at a later generation and does not.
    private func replaceSnapshot(with kept: KeptStaff?, _ report: inout ErasureReport) {
        // Made before the lock is taken, so that other writers wait only for the file's write.
        let table: StaffTable? =
            switch kept {
            case .snapshot(let pending): pending.table()
            case .overlay, nil: nil
            }
        let replace = { [self] () -> String? in
            let aside = LeftoverFiles.setAside(snapshot: snapshotPath)
            if let table { putInPlace(table) }
            OwnerOnlyFile.overwriteAndRemove(overlayPath)
            return aside
        }
        // Without a lock file (an unwritable folder), what can be done is done all the same.
        let aside = SnapshotLock.holding(forDatabaseAt: path, replace) ?? replace()
        if let aside, !LeftoverFiles.destroyUnlessMapped(aside) {
            report.unfinished.append(
                "the old staff snapshot, which holds the person's id, is still read by another "
                    + "process; the next Midst command after it ends zeroes and removes it")
        }
    }

    /// Clears the copies of the person's record that the database files may keep: the WAL's
    /// frames, and cells left in free space, found by `traces`.
    private func clearCopies(of traces: ErasureTraces, _ report: inout ErasureReport) {
        do {
            let isCheckpointed = try checkpointTruncating(waitsForReaders: true)
            let files = [path, path + "-wal", snapshotPath, overlayPath]
            if !isCheckpointed || !traces.isSpecific || traces.isFound(in: files) {
                try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
                report.vacuumed = true
            }
            if isCheckpointed, try checkpointTruncating(waitsForReaders: false) {
                if traces.isFound(in: files) {
                    report.unfinished.append(
                        "a copy of one of the person's fields is still in the database file "
                            + "after rebuilding it; restore nothing from it and report this")
                }
            } else {
                try markCheckpointPending()
                report.unfinished.append(
                    "another process is still reading the database, so the person's old "
                        + "pages stay in its write-ahead log until it ends; the next Midst "
                        + "command that writes clears them")
            }
        } catch {
            report.unfinished.append(
                "clearing old copies of the person's record from the database files did not "
                    + "finish (\(StoreError.message(for: error, path: path))); once that is "
                    + "fixed, rebuild the database: sqlite3 \(path) VACUUM")
            try? markCheckpointPending()
        }
    }

    private func erase(
        _ key: Int64, from table: String, _ erasure: PersonalData.Erasure, _ db: Database
    )
        throws -> Int
    {
        switch erasure {
        case .deleted:
            try db.execute(sql: "DELETE FROM \(table) WHERE staff_key = ?", arguments: [key])
            return db.changesCount
        case .anonymised:
            // Run by run, through the (run_key, staff_key) index. Each row gets a negative key
            // unused within its need, as the table's primary key may include the staff key.
            var count = 0
            for run in try Int64.fetchAll(db, sql: "SELECT run_key FROM run") {
                try db.execute(
                    sql: """
                        UPDATE \(table) SET staff_key = (
                            SELECT min(0, min(other.staff_key)) - 1 FROM \(table) other
                            WHERE other.run_key = \(table).run_key AND other.need_key = \(table).need_key)
                        WHERE run_key = ? AND staff_key = ?
                        """, arguments: [run, key])
                count += db.changesCount
            }
            return count
        }
    }
}
