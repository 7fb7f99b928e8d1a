import Foundation
import GRDB
import MidstCore

/// A command that names a need, person or run the database does not have (exit 1).
package struct UnknownRecord: MidstError, LocalizedError {
    package var message: String
    package var errorDescription: String? { message }
    package var exitStatus: ExitStatus { .invalidData }

    package init(message: String) { self.message = message }
}

extension MidstDatabase {
    /// Records what happened when a person was asked for a need (`midst outcome`); the next run
    /// counts an accepted, uncompleted outcome as a commitment. Recording the same outcome again
    /// updates its date.
    package func recordOutcome(_ outcome: Outcome) throws {
        try writeKeepingSnapshot { db in
            guard
                let needKey = try Int64.fetchOne(
                    db, sql: "SELECT need_key FROM need WHERE id = ?",
                    arguments: [outcome.needID.rawValue])
            else { throw UnknownRecord(message: "no need with id '\(outcome.needID)'") }
            guard
                let staffKey = try Int64.fetchOne(
                    db, sql: "SELECT staff_key FROM staff WHERE id = ?",
                    arguments: [outcome.staffID.rawValue])
            else { throw UnknownRecord(message: "no staff member with id '\(outcome.staffID)'") }
            try db.execute(
                sql: """
                    INSERT INTO outcome (need_key, staff_key, outcome, date) VALUES (?, ?, ?, ?)
                    ON CONFLICT (need_key, staff_key, outcome) DO UPDATE SET date = excluded.date
                    """,
                arguments: [needKey, staffKey, outcome.kind.rawValue, outcome.date.description])
            return ((), StaffChanges(recontexted: [staffKey]))
        }
    }
}
