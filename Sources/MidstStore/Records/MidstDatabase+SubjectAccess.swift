import Foundation
import GRDB
import MidstCore

/// Everything Midst holds about one person (the subject access view, UK GDPR Art. 15).
package struct SubjectAccessReport: Sendable {
    /// The staff record's columns as stored, in schema order (`staff_key` left out).
    package var fields: [(name: String, value: String?)]
    package var consentHistory: [ConsentChange]
    package var decisions: [Decision]
    /// Outcomes: (need id, outcome, date).
    package var outcomes: [(needID: String, outcome: String, date: String)]
    /// The latest completed run, if any, and the person's places in it.
    package var latestRun: Int64?
    package var shortlistPlaces: [(needID: String, rank: Int, score: Double, isProposed: Bool)]
    /// In how many recorded runs the person appears on a shortlist.
    package var runsListedIn: Int
}

extension MidstDatabase {
    /// Everything held about the person with `id`, or `nil` when there is no such person.
    /// Shown whatever their consent: it is the person's own data.
    package func subjectAccess(staffID id: String) throws -> SubjectAccessReport? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id])
            else { return nil }
            let key: Int64 = row["staff_key"]
            let fields = zip(row.columnNames, row.databaseValues).filter { $0.0 != "staff_key" }
                .map { name, value -> (name: String, value: String?) in
                    switch value.storage {
                    case .null: (name, nil)
                    case .int64(let number): (name, String(number))
                    case .double(let number): (name, String(number))
                    case .string(let text): (name, text)
                    case .blob(let data): (name, "\(data.count) bytes")
                    }
                }
            let history = try Row.fetchAll(
                db,
                sql: """
                    SELECT changed_at, consent, reason, source FROM consent_change
                    WHERE staff_key = ? ORDER BY changed_at, rowid
                    """, arguments: [key]
            ).map {
                ConsentChange(
                    changedAt: $0["changed_at"], hasConsented: $0["consent"], reason: $0["reason"],
                    source: $0["source"])
            }
            let decisions = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id AS need_id, d.kind, d.reason, d.decided_at
                    FROM decision d JOIN need n USING (need_key) WHERE d.staff_key = ? ORDER BY n.id
                    """, arguments: [key]
            ).map {
                Decision(
                    needID: $0["need_id"], staffID: id,
                    kind: Decision.Kind(rawValue: $0["kind"]) ?? .exclude, reason: $0["reason"],
                    decidedAt: $0["decided_at"])
            }
            let outcomes = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id AS need_id, o.outcome, o.date FROM outcome o JOIN need n USING (need_key)
                    WHERE o.staff_key = ? ORDER BY o.date, n.id
                    """, arguments: [key]
            ).map { (needID: $0["need_id"] as String, outcome: $0["outcome"] as String, date: $0["date"] as String) }
            let latest = try Int64.fetchOne(
                db, sql: "SELECT max(run_key) FROM run WHERE status = 'completed'")
            var places: [(needID: String, rank: Int, score: Double, isProposed: Bool)] = []
            if let latest {
                places = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT n.id AS need_id, l.rank, l.score, EXISTS (
                            SELECT 1 FROM assignment a WHERE a.run_key = l.run_key
                            AND a.need_key = l.need_key AND a.staff_key = l.staff_key) AS proposed
                        FROM shortlist l JOIN need n USING (need_key)
                        WHERE l.run_key = ? AND l.staff_key = ? ORDER BY n.id
                        """, arguments: [latest, key]
                ).map { ($0["need_id"], $0["rank"], $0["score"], $0["proposed"]) }
            }
            var runsListedIn = 0
            for run in try Int64.fetchAll(db, sql: "SELECT run_key FROM run") {
                if try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM shortlist WHERE run_key = ? AND staff_key = ? LIMIT 1",
                    arguments: [run, key]) == true
                {
                    runsListedIn += 1
                }
            }
            return SubjectAccessReport(
                fields: fields, consentHistory: history, decisions: decisions, outcomes: outcomes,
                latestRun: latest, shortlistPlaces: places, runsListedIn: runsListedIn)
        }
    }
}
