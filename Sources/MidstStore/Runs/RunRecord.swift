import MidstCore

/// A recorded run of the nightly batch, as `midst runs` lists it.
public struct RunRecord: Sendable, Hashable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    /// `completed` or `failed`.
    public var status: String
    public var failure: String?
    public var note: String?
    public var configHash: String
    public var solver: String
    public var topK: Int
    public var needs: Int
    public var eligibleStaff: Int
    /// (need, person) pairs checked against the hard constraints (column `pairs_scored`).
    public var pairsExamined: Int
    public var edges: Int
    public var assigned: Int
    public var totalScore: Double
    public var optimalObjective: Double
    public var greedyObjective: Double
    public var loadSeconds: Double
    public var scoreSeconds: Double
    public var solveSeconds: Double
    public var writeSeconds: Double
    /// The date the run was run as of (`--as-of`, or the day it ran); nil for runs recorded
    /// before Midst kept it.
    public var asOf: CalendarDate?
}

/// What a finished batch hands to the store to record.
public struct CompletedRun: Sendable {
    public var startedAt: Timestamp
    public var note: String?
    /// The configuration in force, as JSON, and its hash.
    public var config: String
    public var configHash: String
    public var solver: String
    public var topK: Int
    /// The people the batch scored.
    public var table: StaffTable
    public var result: BatchResult
    /// Time spent loading the staff, needs and decisions.
    public var loadSeconds: Double

    public var needs: [Need] { result.needs }
    public var shortlists: [[ShortlistEntry]] { result.shortlists }
    public var proposal: AssignmentProposal { result.proposal }
    /// (need, person) pairs checked against the hard constraints (column `pairs_scored`).
    public var pairsExamined: Int { result.pairsExamined }
    public var scoreSeconds: Double { result.scoreSeconds }
    public var solveSeconds: Double { result.solveSeconds }

    public init(
        startedAt: Timestamp, note: String?, config: String, configHash: String, solver: String,
        topK: Int, table: StaffTable, result: BatchResult, loadSeconds: Double
    ) {
        self.startedAt = startedAt
        self.note = note
        self.config = config
        self.configHash = configHash
        self.solver = solver
        self.topK = topK
        self.table = table
        self.result = result
        self.loadSeconds = loadSeconds
    }
}

/// One shortlist line of a recorded run.
public struct ShortlistLine: Sendable, Hashable {
    public var needID: String
    public var rank: Int
    public var staffID: String
    public var score: Double
    public var components: ComponentVector

    public init(needID: String, rank: Int, staffID: String, score: Double, components: ComponentVector) {
        self.needID = needID
        self.rank = rank
        self.staffID = staffID
        self.score = score
        self.components = components
    }
}

/// One proposed pair of a recorded run.
public struct AssignmentLine: Sendable, Hashable {
    public var needID: String
    public var staffID: String
    public var score: Double
    /// Why the pair is proposed: chosen by the solver, pinned, or an ask awaited.
    public var basis: AssignmentProposal.Pair.Basis = .chosen
}
