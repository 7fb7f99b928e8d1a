/// The plans of many needs (``NeedPlan``), made once and shared by everything that scores or
/// explains those needs: a report's sections, its ask list, its gaps and the departures it
/// explains each used to make their own (notes for issue 23, "The report's gathering").
package struct NeedPlans: Sendable {
    package let scorer: Scorer
    private let plans: [RecordID: NeedPlan]

    /// Plans `needs` for `scorer`, on every core.
    ///
    /// - Complexity: O(n) plans, spread over the cores.
    package init(_ needs: [Need], scorer: Scorer) {
        self.scorer = scorer
        let made = needs.concurrentMap { NeedPlan(need: $0, scorer: scorer) }
        plans = Dictionary(
            made.map { ($0.need.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `need`'s plan: the one made already when it was made for this very need (the same
    /// record, not only the same id), else a new one.
    package func plan(for need: Need) -> NeedPlan {
        if let plan = plans[need.id], plan.need == need { return plan }
        return NeedPlan(need: need, scorer: scorer)
    }
}
