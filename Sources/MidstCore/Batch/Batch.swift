/// The nightly match batch: shortlists for every open need and an assignment proposal that
/// respects slots and capacities, with the coordinators' decisions applied. Pure computation
/// over a loaded ``StaffTable`` and needs; the CLI, the tests and the benchmarks all run it.
public struct Batch: Sendable {
    /// Which assignment the proposal takes.
    public enum Solver: String, CaseIterable, Sendable {
        /// Exact maximum-weight assignment (the default).
        case optimal
        /// Highest score first: the baseline.
        case greedy
    }

    /// What a batch reports while it works.
    public enum Progress: Sendable {
        case scoring(done: Int, total: Int)
        case solving
    }

    public var scorer: Scorer
    /// Candidates kept per need.
    public var top: Int
    public var solver: Solver

    public init(scorer: Scorer, top: Int = 20, solver: Solver = .optimal) {
        self.scorer = scorer
        self.top = top
        self.solver = solver
    }

    /// Runs the batch over `needs` (in the order given) and the people of `table`.
    ///
    /// Decisions about needs not in `needs` or people not in `table` (no longer open, no
    /// longer matchable) rest. Excluded pairs are never listed. Pinned pairs are proposed first,
    /// oldest first, while the need has a slot and the person free capacity; a pin beyond
    /// either is set aside (``BatchResult/setAsidePins``), so the proposal never exceeds them.
    public func run(
        needs: [Need], table: StaffTable, decisions: [Decision],
        progress: ((Progress) -> Void)? = nil
    ) async -> BatchResult {
        let clock = ContinuousClock()
        let scoringStarted = clock.now
        let needIndex = Dictionary(
            needs.enumerated().map { ($1.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = table.rows(of: decisions.map { RecordID(rawValue: $0.staffID) })
        var excluded: [Int: Set<Int32>] = [:]
        var pins: [(need: Int, row: Int32)] = []
        var setAside: [Decision] = []
        var slotsLeft = needs.map(\.slots)
        var capacityLeft: [Int32: Int] = [:]
        // Oldest pin first, so that a later pin is the one set aside when there is no room.
        let ordered = decisions.sorted {
            ($0.decidedAt, $0.needID, $0.staffID) < ($1.decidedAt, $1.needID, $1.staffID)
        }
        for decision in ordered {
            guard let need = needIndex[decision.needID],
                let row = rows[RecordID(rawValue: decision.staffID)]
            else { continue }
            switch decision.kind {
            case .exclude: excluded[need, default: []].insert(row)
            case .pin:
                let capacity = capacityLeft[row] ?? Int(table.freeCapacity[Int(row)])
                guard slotsLeft[need] > 0, capacity > 0 else {
                    setAside.append(decision)
                    continue
                }
                slotsLeft[need] -= 1
                capacityLeft[row] = capacity - 1
                pins.append((need, row))
            }
        }
        let plans = needs.map { NeedPlan(need: $0, scorer: scorer) }
        let scored = await Shortlisting.shortlists(
            for: plans, in: table, top: top, excluded: excluded
        ) { done, total in progress?(.scoring(done: done, total: total)) }
        let scoreSeconds = Self.seconds(clock.now - scoringStarted)
        progress?(.solving)
        let solvingStarted = clock.now
        let pinned = pins.map { pin in
            AssignmentProposal.Pair(
                need: pin.need, row: pin.row, score: plans[pin.need].score(Int(pin.row), in: table))
        }
        let proposal = AssignmentProposal(
            shortlists: scored.lists, needs: needs, table: table,
            priorityStep: scorer.config.priorityStep, useGreedy: solver == .greedy, pinned: pinned)
        return BatchResult(
            needs: needs, shortlists: scored.lists, proposal: proposal, setAsidePins: setAside,
            pairsExamined: scored.pairsExamined, scoreSeconds: scoreSeconds,
            solveSeconds: Self.seconds(clock.now - solvingStarted))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// What a batch found: each need's shortlist, the proposal, and what it took.
public struct BatchResult: Sendable {
    /// The needs scored, in the order of ``shortlists``.
    public var needs: [Need]
    /// For each need, its best people, best first (ties by staff id).
    public var shortlists: [[ShortlistEntry]]
    public var proposal: AssignmentProposal
    /// Pins not proposed because the need's slots or the person's capacity were already
    /// taken by older pins.
    public var setAsidePins: [Decision]
    /// (need, person) pairs checked against the hard constraints.
    public var pairsExamined: Int
    /// Time spent finding the shortlists, and solving the assignment.
    public var scoreSeconds: Double
    public var solveSeconds: Double
}
