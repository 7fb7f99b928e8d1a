import Foundation
import GRDB
import MidstCore

/// What erasing a person removed.
public struct ErasureReport: Sendable {
    /// Rows deleted or anonymised, by table.
    public var rows: [String: Int] = [:]
    /// Whether the database had to be rebuilt (VACUUM) because an older copy of the person's
    /// fields was still in free space (written before Midst zeroed deleted content).
    public var vacuumed = false
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
    public func forgetStaff(id: String) throws -> ErasureReport {
        var report = ErasureReport()
        var traces: [String] = []
        try pool.writeWithoutTransaction { db in
            // Every writer connection zeroes deleted content (secure_delete, MidstDatabase).
            // The rows that refer to the person are deleted first, by key; the foreign keys'
            // cascade would look for them again by reading each lookup table whole.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT staff_key, name, email FROM staff WHERE id = ?",
                        arguments: [id])
                else { throw UnknownRecord(message: "no staff member with id '\(id)'") }
                let key: Int64 = row["staff_key"]
                traces = [row["email"], row["name"]].compactMap { $0 as String? }
                    .filter { !$0.isEmpty }
                if let name = row["name"] as String?,
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM staff WHERE name = ? AND staff_key <> ?",
                        arguments: [name, key]) == true
                {
                    // Another person has the same name: it stays, rightly.
                    traces.removeAll { $0 == name }
                }
                for table in PersonalData.tables {
                    report.rows[table.name] = try erase(key, from: table.name, table.erasure, db)
                }
                return .commit
            }
        }
        try removeSnapshot()
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
        Self.logger.notice("a staff record was erased", metadata: ["rows": "\(report.rows.values.reduce(0, +))"])
        return report
    }

    private func erase(_ key: Int64, from table: String, _ erasure: PersonalData.Erasure, _ db: Database)
        throws -> Int
    {
        switch erasure {
        case .deleted:
            if let codes = Self.lookupCodes[table] {
                // Keyed by code first: delete by primary key, from the codes the staff row keeps
                // (a `WHERE staff_key = ?` would read the whole table).
                var count = 0
                let row = try Row.fetchOne(
                    db, sql: "SELECT specialties, countries, languages FROM staff WHERE staff_key = ?",
                    arguments: [key])
                for item in ((row?[codes.column] as String?) ?? "").split(separator: ";") {
                    let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                    guard parts.count >= codes.keyParts else { continue }
                    try db.execute(
                        sql: codes.delete,
                        arguments: StatementArguments(parts.prefix(codes.keyParts) + [String(key)]))
                    count += db.changesCount
                }
                return count
            }
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

    /// The lookup tables keyed by code: the staff column that lists a person's codes, how many
    /// parts of each item form the key, and the delete by primary key.
    private static let lookupCodes: [String: (column: String, keyParts: Int, delete: String)] = [
        "staff_specialty": (
            "specialties", 1, "DELETE FROM staff_specialty WHERE specialty = ? AND staff_key = ?"
        ),
        "staff_country_tie": (
            "countries", 2,
            "DELETE FROM staff_country_tie WHERE country = ? AND kind = ? AND staff_key = ?"
        ),
        "staff_language": (
            "languages", 1, "DELETE FROM staff_language WHERE language = ? AND staff_key = ?"
        ),
    ]

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

    /// Overwrites the staff snapshot with zeros and removes it; the next query rebuilds it.
    private func removeSnapshot() throws {
        let descriptor = Glibc.open(snapshotPath, O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size > 0 {
            let zeros = [UInt8](repeating: 0, count: 1 << 20)
            var offset = 0
            while offset < Int(status.st_size) {
                let count = min(zeros.count, Int(status.st_size) - offset)
                let written = zeros.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, count, off_t(offset)) }
                guard written > 0 else { break }
                offset += written
            }
            fsync(descriptor)
        }
        unlink(snapshotPath)
    }

    /// Whether `text` is anywhere in the database file or its WAL.
    private func isInFiles(_ text: String) throws -> Bool {
        [path, path + "-wal"].contains { Self.file(at: $0, contains: Array(text.utf8)) }
    }

    /// Whether the file at `path` holds `needle` anywhere (mapped, not read into memory).
    static func file(at path: String, contains needle: [UInt8]) -> Bool {
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return false }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
            address != MAP_FAILED
        else { return false }
        defer { munmap(address, size) }
        // memchr finds each candidate first byte at memory speed; memcmp confirms it.
        guard let first = needle.first else { return false }
        let start = UnsafeRawPointer(address)
        let end = start + size
        var cursor = start
        return needle.withUnsafeBytes { pattern in
            while cursor < end, let hit = memchr(cursor, Int32(first), end - cursor) {
                let found = UnsafeRawPointer(hit)
                if end - found >= pattern.count, memcmp(found, pattern.baseAddress!, pattern.count) == 0 {
                    return true
                }
                cursor = found + 1
            }
            return false
        }
    }
}
