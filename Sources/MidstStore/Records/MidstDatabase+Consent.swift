import Foundation
import GRDB
import MidstCore

/// One change of a person's consent to be matched.
package struct ConsentChange: Sendable, Hashable {
    package var changedAt: String
    package var hasConsented: Bool
    package var reason: String?
    /// What made the change: `midst staff consent`, or the import file's name.
    package var source: String
}

extension MidstDatabase {
    /// Gives or withdraws the consent of the person with `id`, now, recording the change with
    /// its reason. The record's `updated_at` becomes now, so that no older spreadsheet undoes
    /// it. Returns whether consent changed (giving it twice changes nothing and records nothing).
    @discardableResult
    package func changeConsent(
        staffID id: String, to hasConsented: Bool, reason: String?, at now: Timestamp
    ) throws -> Bool {
        try writeKeepingSnapshot { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT staff_key, consent FROM staff WHERE id = ?", arguments: [id])
            else { throw UnknownRecord(message: "no staff member with \(RecordID.named(id))") }
            let key: Int64 = row["staff_key"]
            guard (row["consent"] as Bool) != hasConsented else { return (false, StaffChanges()) }
            try db.execute(
                sql: """
                    UPDATE staff SET consent = ?, consent_changed_at = ?, updated_at = ?
                    WHERE staff_key = ?
                    """, arguments: [hasConsented, now.iso, now.iso, key])
            try Self.recordConsentChange(
                key: key, to: hasConsented, at: now, reason: reason, source: "midst staff consent",
                db)
            return (true, StaffChanges(reread: [key]))
        }
    }

    /// Appends a consent change to the person's history.
    static func recordConsentChange(
        key: Int64, to hasConsented: Bool, at time: Timestamp, reason: String?, source: String,
        _ db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO consent_change (staff_key, changed_at, consent, reason, source)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [key, time.iso, hasConsented, reason, source])
    }
}
