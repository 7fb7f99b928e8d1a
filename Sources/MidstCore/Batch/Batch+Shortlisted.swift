extension Batch {
    /// A batch after its first step (``Batch/shortlist(needs:table:decisions:followUp:progress:)``):
    /// every need's final shortlist, and the pairs that outcomes and decisions fix, ready for
    /// ``propose()`` to solve the assignment over them.
    public struct Shortlisted: Sendable {
        /// The date the batch was run as of (``FollowUp/asOf``).
        public var asOf: CalendarDate?
        /// The needs matched, in the order of ``shortlists``.
        public var needs: [Need]
        /// Each matched need's open slots: its slots less the people placed on it.
        public var openSlots: [Int]
        /// Needs given to the batch but not matched: filled or expired.
        public var unmatchedNeeds: [Result.UnmatchedNeed]
        /// For each need, its best people, best first (ties by staff id).
        public var shortlists: [[Shortlisting.Entry]]
        /// Asks and pins not proposed, with the reason.
        public var setAside: [Result.SetAside]
        /// (need, person) pairs checked against the hard constraints.
        public var pairsExamined: Int
        /// Time spent finding the shortlists.
        public var scoreSeconds: Double
        /// The batch that made them (its scorer's configuration and its solver).
        let batch: Batch
        let table: StaffTable
        /// The asks awaited and the pins kept, proposed whatever the solver chooses.
        let pinned: [Proposal.Pair]
        /// The people placed on a need (accepted, completed), counted for its team.
        let placed: [(need: Int, row: Int32)]

        /// The batch's second step: the assignment proposed over the shortlists, within each
        /// need's open slots and each person's free capacity, with the fixed pairs kept.
        ///
        /// - Complexity: one exact (or greedy) assignment over the shortlists' edges; it
        ///   neither scores nor reads anyone beyond them.
        public func propose() -> Result {
            let clock = ContinuousClock()
            let started = clock.now
            let proposal = Proposal(
                shortlists: shortlists, needs: needs, slots: openSlots, table: table,
                priorityStep: batch.scorer.config.priorityStep,
                useGreedy: batch.solver == .greedy, pinned: pinned,
                reference: batch.scorer.reference, placed: placed)
            return Result(
                shortlisted: self, proposal: proposal,
                solveSeconds: Batch.seconds(clock.now - started))
        }
    }
}
