import GRDB
import MidstCore

extension MidstDatabase {
    /// Every recorded outcome, by need id, staff id and outcome.
    package func outcomes() throws -> [Outcome] {
        try pool.read { try Self.outcomes($0) }
    }

    /// What the recorded outcomes mean on `asOf` under `rules` (``FollowUp``): who is placed,
    /// asked or kept off each need; only need `needID`'s outcomes when given.
    package func followUp(asOf: CalendarDate?, rules: FollowUpRules, needID: String? = nil) throws
        -> FollowUp
    {
        FollowUp(
            outcomes: try read { try Self.outcomes($0, needID: needID) }, asOf: asOf, rules: rules)
    }

    static func outcomes(_ db: Database, needID: String? = nil) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT n.id AS need_id, s.id AS staff_id, o.outcome, o.date
                FROM outcome o JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                WHERE ?1 IS NULL OR n.id = ?1
                ORDER BY n.id, s.id, o.outcome
                """, arguments: [needID])
        while let row = try rows.next() {
            guard let kind = Outcome.Kind(rawValue: row[2]),
                let date = CalendarDate(iso: row[3] as String)
            else { continue }
            outcomes.append(
                Outcome(
                    needID: RecordID(rawValue: row[0]), staffID: RecordID(rawValue: row[1]),
                    kind: kind, date: date))
        }
        return outcomes
    }
}
