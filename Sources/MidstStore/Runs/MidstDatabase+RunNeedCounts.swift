import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// For each need of run `run`, how many people its shortlist holds and how many the run
    /// proposed, by need id (needs with neither are left out).
    package func needCounts(run: Int64) throws -> (shortlisted: [String: Int], proposed: [String: Int]) {
        try pool.read { db in
            // `lines` is one of two fixed table names, never input.
            func counts(_ lines: String) throws -> [String: Int] {
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT n.id, count(*) FROM \(lines) l JOIN need n USING (need_key)
                        WHERE l.run_key = ? GROUP BY l.need_key
                        """, arguments: [run])
                {
                    counts[row[0]] = row[1]
                }
                return counts
            }
            return (try counts("shortlist"), try counts("assignment"))
        }
    }

    /// The scoring configuration run `run` used (recorded with it as JSON); the default one
    /// when the run is unknown or its record cannot be read as a configuration.
    package func scoringConfiguration(ofRun run: Int64) throws -> ScoringConfig {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT config FROM run WHERE run_key = ?", arguments: [run])
        }
        .flatMap { try? ScoringConfig(json: Data($0.utf8)) } ?? ScoringConfig()
    }
}

/// One proposed pair of a run, by the keys it is stored under: what comparing two large runs
/// needs, without joining every pair to its need and person.
package struct KeyedLine: Sendable, Hashable {
    package var needKey: Int64
    package var staffKey: Int64
    package var score: Double
}

/// One shortlist line of a run by the keys it is stored under, with its rank and components.
package struct KeyedShortlistLine: Sendable, Hashable {
    package var needKey: Int64
    package var rank: Int
    package var staffKey: Int64
    package var score: Double
    package var components: ScoreComponent.Vector
}

extension MidstDatabase {
    /// Run `run`'s shortlists by key, by need key then rank: read without joining each line to
    /// its need and person (``shortlist(run:needID:)`` does that).
    package func keyedShortlist(run: Int64) throws -> [KeyedShortlistLine] {
        try pool.read { db in
            var lines: [KeyedShortlistLine] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT need_key, rank, staff_key, score,
                           \(ScoreComponent.allCases.map(\.rawValue).joined(separator: ", "))
                    FROM shortlist WHERE run_key = ? ORDER BY need_key, rank
                    """, arguments: [run])
            while let row = try rows.next() {
                lines.append(
                    KeyedShortlistLine(
                        needKey: row[0], rank: row[1], staffKey: row[2], score: row[3],
                        components: ScoreComponent.Vector { row[4 + $0.slot] }))
            }
            return lines
        }
    }

    /// Run `run`'s shortlist lines as (need, person, score) by key, in no particular order:
    /// what comparing two runs reads of the earlier one, without the rank and the components
    /// ``keyedShortlist(run:)`` decodes.
    package func keyedScores(run: Int64) throws -> [KeyedLine] {
        try pool.read { db in
            var lines: [KeyedLine] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT need_key, staff_key, score FROM shortlist WHERE run_key = ?",
                arguments: [run])
            while let row = try rows.next() {
                lines.append(KeyedLine(needKey: row[0], staffKey: row[1], score: row[2]))
            }
            return lines
        }
    }

    /// Run `run`'s proposed pairs, by key.
    package func keyedAssignments(run: Int64) throws -> [KeyedLine] {
        try pool.read { db in
            var lines: [KeyedLine] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT need_key, staff_key, score FROM assignment WHERE run_key = ?",
                arguments: [run])
            while let row = try rows.next() {
                lines.append(KeyedLine(needKey: row[0], staffKey: row[1], score: row[2]))
            }
            return lines
        }
    }

    /// Every need's id, by key.
    package func needIDsByKey() throws -> [Int64: String] {
        try pool.read { db in
            var ids: [Int64: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT need_key, id FROM need")
            while let row = try rows.next() { ids[row[0]] = row[1] }
            return ids
        }
    }

    /// The ids of the people with these staff keys (keys of people erased since are left out),
    /// and the names of those among them who consent and have a name, by id: one pass over
    /// their rows by key (the report's people shown), not a second one by id.
    package func staffIDsAndNames(keys: [Int64]) throws
        -> (ids: [Int64: String], names: [String: String])
    {
        try pool.read { db in
            var ids: [Int64: String] = [:]
            var names: [String: String] = [:]
            try db.forEachRow(
                "SELECT staff_key, id, name, consent FROM staff WHERE staff_key", in: keys
            ) {
                let id: String = $0[1]
                ids[$0[0]] = id
                if let name: String = $0[2], $0[3] as Bool { names[id] = name }
            }
            return (ids, names)
        }
    }

    /// The ids of the people with these staff keys (keys of people erased since are left out).
    package func staffIDs(keys: [Int64]) throws -> [Int64: String] {
        try pool.read { db in
            var ids: [Int64: String] = [:]
            try db.forEachRow("SELECT staff_key, id FROM staff WHERE staff_key", in: keys) {
                ids[$0[0]] = $0[1]
            }
            return ids
        }
    }
}
