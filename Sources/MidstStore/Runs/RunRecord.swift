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
    public var needs: [Need]
    public var table: StaffTable
    public var shortlists: [[ShortlistEntry]]
    public var proposal: AssignmentProposal
    /// (need, person) pairs checked against the hard constraints (column `pairs_scored`).
    public var pairsExamined: Int
    public var loadSeconds: Double
    public var scoreSeconds: Double
    public var solveSeconds: Double

    public init(
        startedAt: Timestamp, note: String?, config: String, configHash: String, solver: String,
        topK: Int,
        needs: [Need], table: StaffTable, shortlists: [[ShortlistEntry]],
        proposal: AssignmentProposal,
        pairsExamined: Int, loadSeconds: Double, scoreSeconds: Double, solveSeconds: Double
    ) {
        self.startedAt = startedAt
        self.note = note
        self.config = config
        self.configHash = configHash
        self.solver = solver
        self.topK = topK
        self.needs = needs
        self.table = table
        self.shortlists = shortlists
        self.proposal = proposal
        self.pairsExamined = pairsExamined
        self.loadSeconds = loadSeconds
        self.scoreSeconds = scoreSeconds
        self.solveSeconds = solveSeconds
    }
}

/// One shortlist line of a recorded run.
public struct ShortlistLine: Sendable, Hashable {
    public var needID: String
    public var rank: Int
    public var staffID: String
    public var score: Double
    public var components: ComponentValues
}

/// One proposed pair of a recorded run.
public struct AssignmentLine: Sendable, Hashable {
    public var needID: String
    public var staffID: String
    public var score: Double
}
