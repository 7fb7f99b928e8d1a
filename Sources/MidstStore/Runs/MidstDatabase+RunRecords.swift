import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// Open needs with slots to fill, by id: what a run scores.
    package func openNeeds() throws -> [Need] {
        try pool.read { db in
            try Self.needs(
                db, sql: "SELECT * FROM need WHERE status = 'open' AND slots > 0 ORDER BY id")
        }
    }

    /// Records a completed run: its row, every shortlist and the assignment, in one transaction,
    /// so that the run becomes visible whole or not at all. Returns the run's id.
    package func recordRun(_ run: CompletedRun) throws -> Int64 {
        try record(run.shortlistedRun, solvedMeanwhile: false) { run.result }
    }

    /// Records a run whose proposal is being solved meanwhile (on another thread): opens the
    /// transaction and writes the run's row and every shortlist, then takes the batch's result
    /// from `proposal`, which waits for the solver, and writes the assignment and the rest.
    /// One transaction, as ``recordRun(_:)``: when `proposal` throws, or a write fails, nothing
    /// of the run is recorded. Returns the run's id.
    ///
    /// The run's `write_seconds` are the time the write took beyond the solve it overlapped, so
    /// that load, score, solve and write still add up to the run's duration.
    package func recordRun(_ run: ShortlistedRun, proposal: () throws -> Batch.Result) throws
        -> Int64
    {
        try record(run, solvedMeanwhile: true, proposal)
    }

    private func record(
        _ run: ShortlistedRun, solvedMeanwhile: Bool, _ proposal: () throws -> Batch.Result
    ) throws -> Int64 {
        let started = Date()
        var runKey: Int64 = 0
        try pool.writeWithoutTransaction { db in
            // Every key written is the new run's or was just looked up.
            try db.inTransactionTrustingKeys {
                var keys = try RunKeys(run, path: path, db)
                runKey = try insertShortlists(run, keys: &keys, db)
                let result = try proposal()
                try insertProposal(result, runKey: runKey, keys: &keys, db)
                let seconds = Date().timeIntervalSince(started)
                try db.execute(
                    sql: "UPDATE run SET finished_at = ?, write_seconds = ? WHERE run_key = ?",
                    arguments: [
                        Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)).iso,
                        solvedMeanwhile ? max(0, seconds - result.solveSeconds) : seconds, runKey,
                    ])
                return .commit
            }
        }
        return runKey
    }

    /// Writes the run's row and its shortlists; returns the run's key.
    private func insertShortlists(_ run: ShortlistedRun, keys: inout RunKeys, _ db: Database)
        throws -> Int64
    {
        let shortlisted = run.shortlisted
        try db.execute(
            sql: """
                INSERT INTO run (started_at, status, note, config_hash, config, solver, top_k, needs,
                    eligible_staff, pairs_scored, edges, load_seconds, score_seconds, as_of)
                VALUES (?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.startedAt.iso, run.note, run.configHash, run.config, run.solver, run.topK,
                shortlisted.needs.count,
                // Edges are the shortlist lines, so that `runs`, `show` and `diff` count the
                // same (a pinned pair on a shortlist is one line, not an edge of the problem).
                run.table.count, shortlisted.pairsExamined,
                shortlisted.shortlists.reduce(0) { $0 + $1.count }, run.loadSeconds,
                shortlisted.scoreSeconds, shortlisted.asOf?.description,
            ])
        let runKey = db.lastInsertedRowID
        var entries: [(needKey: Int64, entry: Shortlisting.Entry)] = []
        for (index, list) in shortlisted.shortlists.enumerated() {
            guard let needKey = keys.need(shortlisted.needs[index]) else { continue }
            entries += list.map { (needKey, $0) }
        }
        var shortlist = MultiRowInsert(
            into: "shortlist",
            // One column per score component, named after it (Migrations: componentColumns).
            columns: ["run_key", "need_key", "rank", "staff_key", "score"]
                + ScoreComponent.allCases.map(\.rawValue))
        try shortlist.insert(count: entries.count, db) { statement, first, index in
            let (needKey, entry) = entries[index]
            let values = entry.components
            statement.bind(first, Int(runKey))
            statement.bind(first + 1, Int(needKey))
            statement.bind(first + 2, entry.rank)
            statement.bind(first + 3, Int(try keys.staff(entry.row)))
            statement.bind(first + 4, entry.score)
            for (offset, component) in ScoreComponent.allCases.enumerated() {
                statement.bind(first + 5 + Int32(offset), values[component])
            }
        }
        return runKey
    }

    /// Writes the proposal of the run `runKey`: its totals, its team languages and its pairs.
    private func insertProposal(
        _ result: Batch.Result, runKey: Int64, keys: inout RunKeys, _ db: Database
    ) throws {
        let proposal = result.proposal
        try db.execute(
            sql: """
                UPDATE run SET assigned = ?, total_score = ?, optimal_objective = ?,
                    greedy_objective = ?, solve_seconds = ?, proposal_objective = ?
                WHERE run_key = ?
                """,
            arguments: [
                proposal.pairs.count, proposal.total, proposal.optimalTotal, proposal.greedyTotal,
                result.solveSeconds, proposal.objective, runKey,
            ])
        let insertTeam = try db.cachedStatement(
            sql: """
                INSERT INTO run_team
                    (run_key, team, language, min_level, status, need_key, staff_key, loss)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for team in proposal.teamLanguages {
            try insertTeam.execute(arguments: [
                runKey, team.team.rawValue, team.language.language.rawValue,
                team.language.minimumLevel.code, team.status.rawValue,
                team.need.flatMap { keys.need(result.needs[$0]) },
                try team.row.map { try keys.staff($0) }, team.loss,
            ])
        }
        let pairs = proposal.pairs.compactMap { pair in
            keys.need(result.needs[pair.need]).map { (needKey: $0, pair: pair) }
        }
        var assignment = MultiRowInsert(
            into: "assignment", columns: ["run_key", "need_key", "staff_key", "score", "basis"])
        try assignment.insert(count: pairs.count, db) { statement, first, index in
            let (needKey, pair) = pairs[index]
            statement.bind(first, Int(runKey))
            statement.bind(first + 1, Int(needKey))
            statement.bind(first + 2, Int(try keys.staff(pair.row)))
            statement.bind(first + 3, pair.score)
            statement.bind(first + 4, pair.basis.rawValue)
        }
    }

    /// Records that a run failed, with the reason, leaving earlier runs as they were.
    package func recordFailedRun(
        startedAt: Timestamp, note: String?, config: String, configHash: String,
        solver: String, topK: Int, failure: String
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (started_at, finished_at, status, failure, note, config_hash, config, solver, top_k)
                    VALUES (?, ?, 'failed', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    startedAt.iso,
                    Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)).iso, failure,
                    note,
                    configHash, config, solver, topK,
                ])
        }
    }

    /// Every run, newest first.
    package func runs() throws -> [RunRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY run_key DESC").map(Self.runRecord)
        }
    }

    /// The run named `reference`: a run id, or `latest` for the newest completed run.
    package func run(_ reference: String) throws -> RunRecord? {
        try pool.read { db in
            let row: Row?
            if reference == "latest" {
                row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT * FROM run WHERE status = 'completed' ORDER BY run_key DESC LIMIT 1"
                )
            } else if let key = Int64(reference) {
                row = try Row.fetchOne(
                    db, sql: "SELECT * FROM run WHERE run_key = ?", arguments: [key])
            } else {
                row = nil
            }
            return row.map(Self.runRecord)
        }
    }

    /// What a run shows in place of a person erased since (`midst staff forget`).
    package static let erasedPlaceholder = "(erased)"

    /// A run's shortlists, by need id then rank; only one need's with `needID`.
    package func shortlist(run: Int64, needID: String? = nil) throws -> [ShortlistLine] {
        try pool.read { db in
            var sql = """
                SELECT n.id AS need_id, l.rank, coalesce(s.id, '\(Self.erasedPlaceholder)') AS staff_id,
                       l.score,
                       \(ScoreComponent.allCases.map { "l.\($0.rawValue)" }.joined(separator: ", "))
                FROM shortlist l JOIN need n USING (need_key) LEFT JOIN staff s USING (staff_key)
                WHERE l.run_key = ?
                """
            var arguments: [any DatabaseValueConvertible] = [run]
            if let needID {
                sql += " AND n.id = ?"
                arguments.append(needID)
            }
            sql += " ORDER BY n.id, l.rank"
            // A cursor over the statement's own row, read by position: a name is looked up
            // case-insensitively per row and column, and a fetched row is a copy (together most
            // of a 10,000-need report's reading, BENCHMARKS.md).
            var lines: [ShortlistLine] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                lines.append(
                    ShortlistLine(
                        needID: row[0], rank: row[1], staffID: row[2], score: row[3],
                        components: ScoreComponent.Vector { row[4 + $0.slot] }))
            }
            return lines
        }
    }

    /// A run's proposed pairs, by need id then staff id.
    package func assignments(run: Int64, needID: String? = nil) throws -> [AssignmentLine] {
        try pool.read { db in
            var sql = """
                SELECT n.id AS need_id, coalesce(s.id, '\(Self.erasedPlaceholder)') AS staff_id, a.score,
                       a.basis
                FROM assignment a JOIN need n USING (need_key) LEFT JOIN staff s USING (staff_key)
                WHERE a.run_key = ?
                """
            var arguments: [any DatabaseValueConvertible] = [run]
            if let needID {
                sql += " AND n.id = ?"
                arguments.append(needID)
            }
            sql += " ORDER BY n.id, s.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                AssignmentLine(
                    needID: $0["need_id"], staffID: $0["staff_id"], score: $0["score"],
                    basis: Batch.Proposal.Pair.Basis(rawValue: $0["basis"]) ?? .chosen)
            }
        }
    }

    /// How many of run `run`'s proposed pairs each basis gives (a basis with none is left out):
    /// what a run's summary counts, without reading the pairs.
    package func proposedPairCounts(run: Int64) throws -> [Batch.Proposal.Pair.Basis: Int] {
        try pool.read { db in
            var counts: [Batch.Proposal.Pair.Basis: Int] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT basis, count(*) FROM assignment WHERE run_key = ? GROUP BY basis",
                arguments: [run])
            while let row = try rows.next() {
                counts[Batch.Proposal.Pair.Basis(rawValue: row[0]) ?? .chosen, default: 0] += row[1]
            }
            return counts
        }
    }

    /// How each team language came out of run `run`'s proposal, by team then language. The
    /// person is named only while they consent.
    package func teamLanguages(run: Int64) throws -> [RunTeamLine] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.team, t.language, t.min_level, t.status, n.id AS need_id,
                           CASE WHEN s.consent = 1 THEN s.id END AS staff_id, t.loss
                    FROM run_team t LEFT JOIN need n USING (need_key)
                    LEFT JOIN staff s USING (staff_key)
                    WHERE t.run_key = ? ORDER BY t.team, t.language
                    """, arguments: [run]
            ).map {
                RunTeamLine(
                    team: $0["team"], language: $0["language"], level: $0["min_level"],
                    status: Batch.Proposal.TeamLanguage.Status(rawValue: $0["status"]) ?? .uncovered,
                    needID: $0["need_id"], staffID: $0["staff_id"], loss: $0["loss"])
            }
        }
    }

    static func runRecord(_ row: Row) -> RunRecord {
        RunRecord(
            id: row["run_key"], startedAt: row["started_at"], finishedAt: row["finished_at"],
            status: row["status"],
            failure: row["failure"], note: row["note"], configHash: row["config_hash"],
            solver: row["solver"],
            topK: row["top_k"], needs: row["needs"], eligibleStaff: row["eligible_staff"],
            pairsExamined: row["pairs_scored"], edges: row["edges"], assigned: row["assigned"],
            totalScore: row["total_score"], optimalObjective: row["optimal_objective"],
            greedyObjective: row["greedy_objective"], loadSeconds: row["load_seconds"],
            scoreSeconds: row["score_seconds"], solveSeconds: row["solve_seconds"],
            writeSeconds: row["write_seconds"],
            asOf: (row["as_of"] as String?).flatMap { CalendarDate(iso: $0) },
            proposalObjective: row["proposal_objective"])
    }
}
