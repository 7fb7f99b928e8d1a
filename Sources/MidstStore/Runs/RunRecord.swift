import MidstCore

/// A recorded run of the nightly batch, as `midst runs` lists it.
package struct RunRecord: Sendable, Hashable {
    package var id: Int64
    package var startedAt: String
    package var finishedAt: String?
    /// `completed` or `failed`.
    package var status: String
    package var failure: String?
    package var note: String?
    package var configHash: String
    package var solver: String
    package var topK: Int
    package var needs: Int
    package var eligibleStaff: Int
    /// (need, person) pairs checked against the hard constraints (column `pairs_scored`).
    package var pairsExamined: Int
    package var edges: Int
    package var assigned: Int
    package var totalScore: Double
    package var optimalObjective: Double
    package var greedyObjective: Double
    package var loadSeconds: Double
    package var scoreSeconds: Double
    package var solveSeconds: Double
    package var writeSeconds: Double
    /// The date the run was run as of (`--as-of`, or the day it ran); nil for runs recorded
    /// before Midst kept it.
    package var asOf: CalendarDate?
    /// The objective of the pairs proposed: below ``optimalObjective`` by the team repairs'
    /// losses; nil for runs recorded before teams.
    package var proposalObjective: Double?
}

/// A batch after its first step, its shortlists final and its proposal not solved yet: what
/// the store starts recording while the proposal is solved (``MidstDatabase/recordRun(_:proposal:)``).
package struct ShortlistedRun: Sendable {
    package var startedAt: Timestamp
    package var note: String?
    /// The configuration in force, as JSON, and its hash.
    package var config: String
    package var configHash: String
    package var solver: String
    package var topK: Int
    /// The people the batch scored.
    package var table: StaffTable
    package var shortlisted: Batch.Shortlisted
    /// Time spent loading the staff, needs and decisions.
    package var loadSeconds: Double

    package init(
        startedAt: Timestamp, note: String?, config: String, configHash: String, solver: String,
        topK: Int, table: StaffTable, shortlisted: Batch.Shortlisted, loadSeconds: Double
    ) {
        self.startedAt = startedAt
        self.note = note
        self.config = config
        self.configHash = configHash
        self.solver = solver
        self.topK = topK
        self.table = table
        self.shortlisted = shortlisted
        self.loadSeconds = loadSeconds
    }

    /// The run completed with `result`, the proposal solved over ``shortlisted``.
    package func completed(with result: Batch.Result) -> CompletedRun {
        CompletedRun(shortlistedRun: self, result: result)
    }
}

/// What a finished batch hands to the store to record.
package struct CompletedRun: Sendable {
    /// The run as it was before its proposal was solved.
    package var shortlistedRun: ShortlistedRun
    package var result: Batch.Result

    /// The people the batch scored.
    package var table: StaffTable { shortlistedRun.table }
    package var needs: [Need] { result.needs }
    package var shortlists: [[Shortlisting.Entry]] { result.shortlists }
    package var proposal: Batch.Proposal { result.proposal }
    /// (need, person) pairs checked against the hard constraints (column `pairs_scored`).
    package var pairsExamined: Int { result.pairsExamined }
    package var scoreSeconds: Double { result.scoreSeconds }
    package var solveSeconds: Double { result.solveSeconds }

    /// `run` with the proposal `result` solved over its shortlists.
    package init(shortlistedRun run: ShortlistedRun, result: Batch.Result) {
        shortlistedRun = run
        self.result = result
    }

    package init(
        startedAt: Timestamp, note: String?, config: String, configHash: String, solver: String,
        topK: Int, table: StaffTable, result: Batch.Result, loadSeconds: Double
    ) {
        self.init(
            shortlistedRun: ShortlistedRun(
                startedAt: startedAt, note: note, config: config, configHash: configHash,
                solver: solver, topK: topK, table: table, shortlisted: result.shortlisted,
                loadSeconds: loadSeconds),
            result: result)
    }
}

/// One shortlist line of a recorded run.
package struct ShortlistLine: Sendable, Hashable {
    package var needID: String
    package var rank: Int
    package var staffID: String
    package var score: Double
    package var components: ScoreComponent.Vector

    package init(needID: String, rank: Int, staffID: String, score: Double, components: ScoreComponent.Vector) {
        self.needID = needID
        self.rank = rank
        self.staffID = staffID
        self.score = score
        self.components = components
    }
}

/// How one team language came out of a recorded run's proposal (docs/SCORING.md, "Teams").
package struct RunTeamLine: Sendable, Hashable {
    package var team: String
    package var language: String
    /// The level wanted, `B1` …
    package var level: String
    package var status: Batch.Proposal.TeamLanguage.Status
    /// The need and person that cover it; nil when uncovered (or the person no longer consents).
    package var needID: String?
    package var staffID: String?
    /// Objective points the repair cost.
    package var loss: Double
}

/// One proposed pair of a recorded run.
package struct AssignmentLine: Sendable, Hashable {
    package var needID: String
    package var staffID: String
    package var score: Double
    /// Why the pair is proposed: chosen by the solver, pinned, or an ask awaited.
    package var basis: Batch.Proposal.Pair.Basis = .chosen
}
