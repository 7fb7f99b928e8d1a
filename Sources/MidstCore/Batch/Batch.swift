/// The nightly match batch: shortlists for every open need and an assignment proposal that
/// respects slots and capacities, with the coordinators' decisions and the recorded outcomes
/// applied. Pure computation over a loaded ``StaffTable`` and needs; the CLI, the tests and the
/// benchmarks all run it.
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

    /// Runs the batch over `needs` (in the order given) and the people of `table`, with no
    /// outcomes recorded: every need open for its full slots, nobody asked or placed yet.
    /// `decisions` are the coordinators' pins and exclusions; see the package's
    /// `run(needs:table:decisions:followUp:progress:)` for the rules.
    public func run(
        needs: [Need], table: StaffTable, decisions: [Decision],
        progress: ((Progress) -> Void)? = nil
    ) async -> Batch.Result {
        await run(
            needs: needs, table: table, decisions: decisions, followUp: FollowUp(),
            progress: progress)
    }

    /// Runs the batch over `needs` (in the order given) and the people of `table`: its two
    /// steps, ``shortlist(needs:table:decisions:followUp:progress:)`` and
    /// ``Shortlisted/propose()``, one after the other.
    package func run(
        needs: [Need], table: StaffTable, decisions: [Decision],
        followUp: FollowUp, progress: ((Progress) -> Void)? = nil
    ) async -> Batch.Result {
        let shortlisted = await shortlist(
            needs: needs, table: table, decisions: decisions, followUp: followUp,
            progress: progress)
        progress?(.solving)
        return shortlisted.propose()
    }

    /// The batch's first step: each need's shortlist over the people of `table`, with the pairs
    /// that outcomes and decisions fix. The shortlists are final; ``Shortlisted/propose()``,
    /// the second step, solves the assignment over them, so that a caller can record them while
    /// it does.
    ///
    /// Outcomes shape it first (``FollowUp``, docs/SCORING.md "Outcomes and the nightly loop"):
    /// a need that is filled or expired is not matched; a need's open slots are its slots less
    /// the people placed on it; a person placed on, declining, withdrawn from or resting from a
    /// need is never listed for it; an ask awaiting an answer is kept in the proposal, oldest
    /// first, while the person is eligible and the need has an open slot.
    ///
    /// Decisions about needs not in `needs` or people not in `table` (no longer open, no
    /// longer matchable) rest. Excluded pairs are never listed. Pinned pairs are proposed next,
    /// oldest first, while the need has a slot and the person free capacity; a pin beyond
    /// either, or of a pair the outcomes keep off, is set aside (``Batch/Result/setAside``), so
    /// the proposal never exceeds them. A pin of a pair already asked or placed is kept by that.
    package func shortlist(
        needs allNeeds: [Need], table: StaffTable, decisions: [Decision],
        followUp: FollowUp, progress: ((Progress) -> Void)? = nil
    ) async -> Shortlisted {
        let clock = ContinuousClock()
        let scoringStarted = clock.now
        var needs: [Need] = []
        var unmatched: [Batch.Result.UnmatchedNeed] = []
        for need in allNeeds {
            // The needs given are the ones to match: their stored status is the caller's to
            // filter (the store gives the open ones); only outcomes and dates set them aside.
            var given = need
            given.status = .open
            let state = followUp.state(of: given)
            if state.isMatched { needs.append(need) } else { unmatched.append(.init(need: need, state: state)) }
        }
        let needIndex = Dictionary(
            needs.enumerated().map { ($1.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = table.rows(
            of: decisions.map { RecordID(rawValue: $0.staffID) } + followUp.entries.map(\.staffID))
        // Each need's plan on a core of its own, the rules that needs share made once.
        let planned = NeedPlans(needs, scorer: scorer)
        let plans = needs.map(planned.plan(for:))
        var fixed = FixedPairs(slots: needs.map(followUp.openSlots(of:)), table: table)
        var excluded: [Int: Set<Int32>] = [:]
        // The outcomes first: who is kept off, then the asks awaited, oldest first.
        var asks: [(since: CalendarDate, need: Int, row: Int32, entry: FollowUp.Entry)] = []
        for entry in followUp.entries {
            guard let need = needIndex[entry.needID.rawValue], let row = rows[entry.staffID] else {
                continue
            }
            if entry.standing.keepsOff { excluded[need, default: []].insert(row) }
            if case .asked(let since) = entry.standing { asks.append((since, need, row, entry)) }
        }
        var setAside: [Batch.Result.SetAside] = []
        for ask in asks.sorted(by: { ($0.since, $0.need, $0.entry.staffID) < ($1.since, $1.need, $1.entry.staffID) }) {
            let plan = plans[ask.need]
            let score = plan.score(Int(ask.row), in: table)
            let reason: Batch.Result.SetAside.Reason?
            if !plan.isEligible(Int(ask.row), in: table) || score < (plan.need.minimumScore ?? 0) {
                reason = .notEligible
            } else {
                reason = fixed.take(need: ask.need, row: ask.row)
            }
            if let reason {
                setAside.append(
                    .init(
                        needID: ask.entry.needID.rawValue, staffID: ask.entry.staffID.rawValue,
                        kind: .ask, reason: reason))
            } else {
                fixed.add(
                    .init(
                        need: ask.need, row: ask.row, score: score, basis: .asked))
            }
        }
        // Then the coordinators' decisions, oldest pin first, so that a later pin is the one set
        // aside when there is no room.
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
                let standing = followUp.standing(
                    need: RecordID(rawValue: decision.needID),
                    staff: RecordID(rawValue: decision.staffID))
                if let standing, standing.keepsOff {
                    setAside.append(.init(decision: decision, reason: .keptOff(standing)))
                    continue
                }
                if fixed.holds(need: need, row: row) { continue }
                if let reason = fixed.take(need: need, row: row) {
                    setAside.append(.init(decision: decision, reason: reason))
                    continue
                }
                fixed.add(
                    .init(
                        need: need, row: row, score: plans[need].score(Int(row), in: table),
                        basis: .pinned))
            }
        }
        let scored = await Shortlisting.shortlists(
            for: plans, in: table, top: top, excluded: excluded
        ) { done, total in progress?(.scoring(done: done, total: total)) }
        let placed = followUp.entries.compactMap { entry -> (need: Int, row: Int32)? in
            guard entry.standing.isPlaced, let need = needIndex[entry.needID.rawValue],
                let row = rows[entry.staffID]
            else { return nil }
            return (need, row)
        }
        return Shortlisted(
            asOf: followUp.asOf, needs: needs, openSlots: fixed.openSlots, unmatchedNeeds: unmatched,
            shortlists: scored.lists, setAside: setAside, pairsExamined: scored.pairsExamined,
            scoreSeconds: Self.seconds(clock.now - scoringStarted), batch: self, table: table,
            pinned: fixed.pairs, placed: placed)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// The pairs fixed before the solver runs (asks awaited, then pins), with the slots and
/// capacities they leave.
private struct FixedPairs {
    /// Each need's open slots (slots less placed people), before any fixed pair.
    let openSlots: [Int]
    private var slotsLeft: [Int]
    private var capacityLeft: [Int32: Int] = [:]
    private var held: Set<Int64> = []
    private let table: StaffTable
    private(set) var pairs: [Batch.Proposal.Pair] = []

    init(slots: [Int], table: StaffTable) {
        openSlots = slots
        slotsLeft = slots
        self.table = table
    }

    /// Fixes `pair`, taking a slot of its need and a unit of its person's capacity.
    mutating func add(_ pair: Batch.Proposal.Pair) {
        pairs.append(pair)
        slotsLeft[pair.need] -= 1
        capacityLeft[pair.row] = capacity(of: pair.row) - 1
        held.insert(Self.key(pair.need, pair.row))
    }

    func holds(need: Int, row: Int32) -> Bool { held.contains(Self.key(need, row)) }

    /// Nil when the need has a slot and the person capacity for one more fixed pair; else why not.
    func take(need: Int, row: Int32) -> Batch.Result.SetAside.Reason? {
        if slotsLeft[need] <= 0 { return .needFull }
        if capacity(of: row) <= 0 { return .atCapacity }
        return nil
    }

    private func capacity(of row: Int32) -> Int {
        capacityLeft[row] ?? Int(table.freeCapacity[Int(row)])
    }

    private static func key(_ need: Int, _ row: Int32) -> Int64 { Int64(need) << 32 | Int64(row) }
}

extension Batch {
    /// What a batch found: each need's shortlist, the proposal, and what it took.
    public struct Result: Sendable {
        /// A need given to the batch that it did not match, and why (filled or expired).
        public struct UnmatchedNeed: Sendable {
            public var need: Need
            package var state: NeedState
        }

        /// An ask or a pin the proposal could not keep.
        public struct SetAside: Sendable, Hashable {
            public enum Kind: String, Sendable { case ask, pin }
            package enum Reason: Sendable, Hashable {
                /// The need's open slots are taken by older asks or pins.
                case needFull
                /// The person's free capacity is taken by older asks or pins.
                case atCapacity
                /// The person no longer passes the need's hard constraints or minimum score.
                case notEligible
                /// The outcomes keep the person off the need (declined, withdrawn, resting).
                case keptOff(PairStanding)
            }
            public var needID: String
            public var staffID: String
            public var kind: Kind
            package var reason: Reason
            /// The pin's decision; nil for an ask.
            public var decision: Decision?

            init(needID: String, staffID: String, kind: Kind, reason: Reason) {
                self.needID = needID
                self.staffID = staffID
                self.kind = kind
                self.reason = reason
            }

            init(decision: Decision, reason: Reason) {
                self.init(
                    needID: decision.needID, staffID: decision.staffID, kind: .pin, reason: reason)
                self.decision = decision
            }

            /// Why, in words: "the need's open slots are taken by older asks or pins".
            public var because: String {
                switch reason {
                case .needFull: "the need's open slots are taken by people placed, asked or pinned before"
                case .atCapacity: "the person's capacity is taken by commitments, asks or pins before"
                case .notEligible: "the person no longer meets the need's hard constraints or min_score"
                case .keptOff(let standing): "the person \(standing.sentence)"
                }
            }
        }

        /// What the batch's first step found: the shortlists, and the needs and pairs around them.
        public var shortlisted: Shortlisted
        public var proposal: Batch.Proposal
        /// Time spent solving the assignment.
        public var solveSeconds: Double

        /// The date the batch was run as of (``FollowUp/asOf``).
        public var asOf: CalendarDate? { shortlisted.asOf }
        /// The needs matched, in the order of ``shortlists``.
        public var needs: [Need] { shortlisted.needs }
        /// Each matched need's open slots: its slots less the people placed on it.
        public var openSlots: [Int] { shortlisted.openSlots }
        /// Needs given to the batch but not matched: filled or expired.
        public var unmatchedNeeds: [UnmatchedNeed] { shortlisted.unmatchedNeeds }
        /// For each need, its best people, best first (ties by staff id).
        public var shortlists: [[Shortlisting.Entry]] { shortlisted.shortlists }
        /// Asks and pins not proposed, with the reason.
        public var setAside: [SetAside] { shortlisted.setAside }
        /// Pins not proposed (the decisions of ``setAside``'s pins).
        public var setAsidePins: [Decision] { setAside.compactMap(\.decision) }
        /// (need, person) pairs checked against the hard constraints.
        public var pairsExamined: Int { shortlisted.pairsExamined }
        /// Time spent finding the shortlists.
        public var scoreSeconds: Double { shortlisted.scoreSeconds }
    }
}
