import MidstCore

/// What the report of a run reads once and shares with the comparison it makes with the
/// previous run and with the departures that comparison explains, instead of each reading
/// its own copy (notes for issue 23, "The report's gathering"): the later run's lines and
/// pairs by key, every need, the decisions and the outcomes as of the run's date.
package struct RunReading: Sendable {
    /// Every need's id, by key.
    package var needIDs: [Int64: String]
    /// The later run's shortlist and proposal, by key (``MidstDatabase/keyedShortlist(run:)``,
    /// ``MidstDatabase/keyedAssignments(run:)``).
    package var lines: [KeyedShortlistLine]
    package var pairs: [KeyedLine]
    /// Every need, by id.
    package var needs: [Need]
    /// Every decision, by need id then staff id.
    package var decisions: [Decision]
    /// The later run's configuration, and the outcomes as of its date under its rules.
    package var config: ScoringConfig
    package var followUp: FollowUp
    /// The staff as they are now, when read already (else the departures read them).
    package var table: StaffTable?
    /// Plans of the needs, made with `config`, when made already.
    package var plans: NeedPlans?

    package init(
        needIDs: [Int64: String], lines: [KeyedShortlistLine], pairs: [KeyedLine], needs: [Need],
        decisions: [Decision], config: ScoringConfig, followUp: FollowUp,
        table: StaffTable? = nil, plans: NeedPlans? = nil
    ) {
        self.needIDs = needIDs
        self.lines = lines
        self.pairs = pairs
        self.needs = needs
        self.decisions = decisions
        self.config = config
        self.followUp = followUp
        self.table = table
        self.plans = plans
    }
}
