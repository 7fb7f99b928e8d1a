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
    ///
    /// The pair's exposure (docs/TUNING.md, "Exposure") is the outcome's own when it has one;
    /// otherwise, when the pair has none yet, the rank and score of the latest completed run
    /// that shortlisted the person for the need (the list the coordinator asked from). A pair
    /// nobody shortlisted keeps none.
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
            if let shown = outcome.exposure {
                try db.execute(
                    sql: Self.givenExposureUpsert,
                    arguments: [needKey, staffKey, shown.rank, shown.score])
            } else {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO outcome_exposure (need_key, staff_key, rank, score, run_key)
                        SELECT s.need_key, s.staff_key, s.rank, s.score, s.run_key
                        FROM shortlist s JOIN run r USING (run_key)
                        WHERE s.need_key = ? AND s.staff_key = ? AND r.status = 'completed'
                        ORDER BY s.run_key DESC LIMIT 1
                        """,
                    arguments: [needKey, staffKey])
            }
            return ((), StaffChanges(recontexted: [staffKey]))
        }
    }
}

extension MidstDatabase {
    /// Stores a pair's exposure given with an outcome (need key, staff key, rank, score),
    /// replacing any stored before.
    static let givenExposureUpsert = """
        INSERT INTO outcome_exposure (need_key, staff_key, rank, score, run_key)
        VALUES (?, ?, ?, ?, NULL)
        ON CONFLICT (need_key, staff_key) DO UPDATE
        SET rank = excluded.rank, score = excluded.score, run_key = NULL
        """
}
