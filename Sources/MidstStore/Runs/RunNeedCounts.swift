import GRDB
import MidstCore

extension MidstDatabase {
    /// For each need of run `run`, how many people its shortlist holds and how many the run
    /// proposed, by need id (needs with neither are left out).
    public func needCounts(run: Int64) throws -> (shortlisted: [String: Int], proposed: [String: Int]) {
        try pool.read { db in
            var shortlisted: [String: Int] = [:]
            var proposed: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, count(*) FROM shortlist l JOIN need n USING (need_key)
                    WHERE l.run_key = ? GROUP BY l.need_key
                    """, arguments: [run])
            {
                shortlisted[row[0]] = row[1]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, count(*) FROM assignment a JOIN need n USING (need_key)
                    WHERE a.run_key = ? GROUP BY a.need_key
                    """, arguments: [run])
            {
                proposed[row[0]] = row[1]
            }
            return (shortlisted, proposed)
        }
    }

    /// The scoring configuration run `run` used, as the JSON it recorded.
    public func configuration(ofRun run: Int64) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT config FROM run WHERE run_key = ?", arguments: [run])
        }
    }
}
