import Foundation
import GRDB
import MidstCore

/// A decision that cannot be taken as asked, with the reason.
package struct RefusedDecision: MidstError, LocalizedError {
    package var message: String
    package var errorDescription: String? { message }
    package var exitStatus: ExitStatus { .invalidData }
}

extension MidstDatabase {
    /// Records a decision, replacing any earlier one for the pair; `nil` clears it. Returns
    /// whether there was a decision to replace or clear.
    @discardableResult
    package func decide(needID: String, staffID: String, kind: Decision.Kind?, reason: String?)
        throws -> Bool
    {
        try pool.write { db in
            guard
                let needKey = try Int64.fetchOne(
                    db, sql: "SELECT need_key FROM need WHERE id = ?", arguments: [needID])
            else { throw UnknownRecord(message: "no need with \(RecordID.named(needID))") }
            // Anyone's decision can be cleared; only a consenting person can be pinned or excluded.
            guard
                let staffKey = try Int64.fetchOne(
                    db,
                    sql: kind == nil
                        ? "SELECT staff_key FROM staff WHERE id = ?"
                        : "SELECT staff_key FROM staff WHERE id = ? AND consent = 1",
                    arguments: [staffID])
            else {
                throw UnknownRecord(
                    message: kind == nil
                        ? "no staff member with \(RecordID.named(staffID))"
                        : "no consenting staff member with \(RecordID.named(staffID))")
            }
            let existed =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM decision WHERE need_key = ? AND staff_key = ?",
                    arguments: [needKey, staffKey]) ?? false
            if kind == .pin {
                try checkRoomForPin(needKey: needKey, needID: needID, staffKey: staffKey, db)
            }
            if let kind {
                try db.execute(
                    sql: """
                        INSERT INTO decision (need_key, staff_key, kind, reason, decided_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (need_key, staff_key) DO UPDATE
                        SET kind = excluded.kind, reason = excluded.reason, decided_at = excluded.decided_at
                        """,
                    arguments: [
                        needKey, staffKey, kind.rawValue, reason,
                        Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)).iso,
                    ])
            } else {
                try db.execute(
                    sql: "DELETE FROM decision WHERE need_key = ? AND staff_key = ?",
                    arguments: [needKey, staffKey])
            }
            return existed
        }
    }

    /// Refuses a pin that would give the need more pinned people than its slots, naming the
    /// pins already there.
    private func checkRoomForPin(needKey: Int64, needID: String, staffKey: Int64, _ db: Database)
        throws
    {
        let slots = try Int.fetchOne(
            db, sql: "SELECT slots FROM need WHERE need_key = ?", arguments: [needKey]) ?? 0
        let others = try String.fetchAll(
            db,
            sql: """
                SELECT s.id FROM decision d JOIN staff s USING (staff_key)
                WHERE d.need_key = ? AND d.kind = 'pin' AND d.staff_key <> ? ORDER BY s.id
                """,
            arguments: [needKey, staffKey])
        guard others.count >= slots else { return }
        let pinned = others.isEmpty ? "" : ": \(others.joined(separator: ", ")) already pinned"
        throw RefusedDecision(
            message:
                "need '\(needID)' has \(slots) slot\(slots == 1 ? "" : "s")\(pinned); clear a pin first (midst decide \(needID) STAFF --clear)"
        )
    }
}
