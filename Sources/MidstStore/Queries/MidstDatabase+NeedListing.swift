import GRDB
import MidstCore

extension MidstDatabase {
    /// Needs by id, only those with `status` and with `country` among their countries when given.
    package func needs(status: Need.Status? = nil, country: CountryCode? = nil) throws -> [Need] {
        try read { db in
            try Self.needs(
                db,
                sql: """
                    SELECT * FROM need
                    WHERE (?1 IS NULL OR status = ?1)
                      AND (?2 IS NULL OR country = ?2
                           OR ';' || coalesce(other_countries, '') || ';' LIKE '%;' || ?2 || ';%')
                    ORDER BY id
                    """, arguments: [status?.rawValue, country?.rawValue])
        }
    }

    /// The outcomes recorded for a need: (staff id, outcome, date), by date.
    package func outcomes(needID: String) throws -> [(staffID: String, outcome: String, date: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id AS staff_id, o.outcome, o.date
                    FROM outcome o JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                    WHERE n.id = ? ORDER BY o.date, s.id
                    """, arguments: [needID]
            ).map { ($0["staff_id"], $0["outcome"], $0["date"]) }
        }
    }
}
