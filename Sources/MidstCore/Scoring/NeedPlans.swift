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
        // The rules that read one field of a need each (its specialties with their rule, its
        // countries, its partners: SpecialtyRule, CountryRule and PartnershipRule read nothing
        // else of it)
        // are made once per distinct value: most needs share them with others, and making
        // them was most of making a plan (notes for issue 23, "The report's gathering").
        let reference = scorer.reference
        let config = scorer.config
        var specialty: [SpecialtyKey: SpecialtyRule] = [:]
        var country: [[CountryCode]: CountryRule] = [:]
        var partnership: [[String]: PartnershipRule] = [:]
        for need in needs {
            if specialty[SpecialtyKey(need)] == nil {
                specialty[SpecialtyKey(need)] = SpecialtyRule(
                    need: need, reference: reference, config: config)
            }
            if country[need.countries] == nil {
                country[need.countries] = CountryRule(
                    need: need, reference: reference, config: config)
            }
            if partnership[need.partners] == nil {
                partnership[need.partners] = PartnershipRule(need: need, reference: reference)
            }
        }
        let made = needs.concurrentMap { [specialty, country, partnership] need in
            NeedPlan(
                need: need, scorer: scorer,
                shared: NeedPlan.SharedRules(
                    specialty: specialty[SpecialtyKey(need)]!, country: country[need.countries]!,
                    partnership: partnership[need.partners]!))
        }
        plans = Dictionary(
            made.map { ($0.need.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a ``SpecialtyRule`` reads of a need.
    private struct SpecialtyKey: Hashable {
        let specialties: [SpecialtyCode]
        let skillsRequired: Need.SkillsRule
        init(_ need: Need) {
            specialties = need.specialties
            skillsRequired = need.skillsRequired
        }
    }

    /// `need`'s plan: the one made already when it was made for this very need (the same
    /// record, not only the same id), else a new one.
    package func plan(for need: Need) -> NeedPlan {
        if let plan = plans[need.id], plan.need == need { return plan }
        return NeedPlan(need: need, scorer: scorer)
    }
}
