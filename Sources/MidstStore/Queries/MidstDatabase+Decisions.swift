import GRDB
import MidstCore

extension MidstDatabase {
    /// Every decision about a person who consents, by need id then staff id; only one need's
    /// with `needID`. A decision about someone who has withdrawn consent is kept, not shown: it
    /// applies again if they consent again.
    package func decisions(needID: String? = nil) throws -> [Decision] {
        try pool.read { db in
            var sql = """
                SELECT n.id AS need_id, s.id AS staff_id, d.kind, d.reason, d.decided_at
                FROM decision d JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                WHERE s.consent = 1
                """
            var arguments: [any DatabaseValueConvertible] = []
            if let needID {
                sql += " AND n.id = ?"
                arguments.append(needID)
            }
            sql += " ORDER BY n.id, s.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                Decision(
                    needID: $0["need_id"], staffID: $0["staff_id"],
                    kind: Decision.Kind(rawValue: $0["kind"]) ?? .exclude,
                    reason: $0["reason"], decidedAt: $0["decided_at"])
            }
        }
    }
}
