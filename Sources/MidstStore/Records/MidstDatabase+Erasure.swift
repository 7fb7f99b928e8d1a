import Foundation
import GRDB
import MidstCore

/// What erasing a person removed.
package struct ErasureReport: Sendable {
    /// Rows deleted or anonymised, by table.
    package var rows: [String: Int] = [:]
    /// Whether the database had to be rebuilt (VACUUM) because an older copy of the person's
    /// fields was still in free space (written before Midst zeroed deleted content).
    package var vacuumed = false
}

extension MidstDatabase {
    /// Erases the person with `id` (UK GDPR Art. 17): every table of ``PersonalData`` in one
    /// transaction, with SQLite's `secure_delete` so that freed space is zeroed; then the WAL is
    /// checkpointed and truncated, the staff snapshot overwritten and removed, and the database
    /// and WAL files are searched for the person's e-mail and name. If a copy is still found
    /// (written by an older Midst before deleted content was zeroed), the database is rebuilt
    /// with VACUUM and searched again.
    ///
    /// Past runs keep their counts: the person's shortlist places and proposals point to an
    /// anonymous placeholder instead. Their staff key is never given to anyone else.
    package func forgetStaff(id: String) throws -> ErasureReport {
        var report = ErasureReport()
        var traces: [String] = []
        var kept: PendingSnapshot?
        try pool.writeWithoutTransaction { db in
            // Every writer connection zeroes deleted content (secure_delete, MidstDatabase).
            // The rows that refer to the person are deleted first, the lookup rows by key
            // (LookupRowDeletion); the foreign keys' cascade would look for them again by
            // reading each lookup table whole.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                let snapshot = try SnapshotMaintenance.begin(
                    db, snapshotPath: snapshotPath, reference: BundledReference.data)
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
                traces = [row["email"], row["name"]].compactMap { $0 as String? }
                    .filter { !$0.isEmpty }
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
                traces = try traces.filter { try !Self.isInAnyRow($0, db) }
                return .commit
            }
        }
        // The old snapshot held the person's id: overwritten before the new one replaces it,
        // and only once the new one, which reads the old one's mapped pages, is made.
        let table = kept?.table()
        OwnerOnlyFile.overwriteAndRemove(snapshotPath)
        keepSnapshot(table)
        try checkpointTruncating()
        if try !traces.filter(isInFiles).isEmpty {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
            try checkpointTruncating()
            report.vacuumed = true
            if try traces.contains(where: isInFiles) {
                throw StoreError.failed(
                    path: path,
                    reason:
                        "the person's record was deleted, but a copy of one of their fields is still in the file; restore nothing from it and report this"
                )
            }
        }
        Self.logger.notice(
            "a staff record was erased", metadata: ["rows": "\(report.rows.values.reduce(0, +))"])
        return report
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

    /// Checkpoints the WAL into the database and truncates it, waiting for readers to finish.
    private func checkpointTruncating() throws {
        try pool.writeWithoutTransaction { db in
            for _ in 0..<50 {
                do {
                    try db.checkpoint(.truncate)
                    return
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    usleep(100_000)
                }
            }
            throw StoreError.busy(path: path)
        }
    }

    /// Whether any text column of any table holds `text`.
    private static func isInAnyRow(_ text: String, _ db: Database) throws -> Bool {
        let tables = try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for table in tables {
            let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table])
                .filter { ($0["type"] as String).uppercased().contains("TEXT") || ($0["type"] as String).isEmpty }
                .map { $0["name"] as String }
            guard !columns.isEmpty else { continue }
            // Names come from the schema, quoted; the text is bound.
            let condition = columns.map { "instr(\"\($0)\", ?1) > 0" }.joined(separator: " OR ")
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM \"\(table)\" WHERE \(condition))",
                arguments: [text]) == true
            {
                return true
            }
        }
        return false
    }

    /// Whether `text` is anywhere in the database file or its WAL.
    private func isInFiles(_ text: String) throws -> Bool {
        [path, path + "-wal"].contains { Self.file(at: $0, contains: Array(text.utf8)) }
    }

    /// Whether the file at `path` holds `needle` anywhere (mapped, not read into memory).
    static func file(at path: String, contains needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return false }
        return MappedFile.withBytes(path: path) { bytes in
            // memchr finds each candidate first byte at memory speed; memcmp confirms it.
            let end = bytes.baseAddress! + bytes.count
            var cursor = bytes.baseAddress!
            return needle.withUnsafeBytes { pattern in
                while cursor < end, let hit = memchr(cursor, Int32(first), end - cursor) {
                    let found = UnsafeRawPointer(hit)
                    if end - found >= pattern.count,
                        memcmp(found, pattern.baseAddress!, pattern.count) == 0
                    {
                        return true
                    }
                    cursor = found + 1
                }
                return false
            }
        } ?? false
    }
}
