extension AssignmentProblem {
    /// A team constraint (docs/SCORING.md, "Teams"): someone chosen for one of the team's
    /// needs speaks one of its languages at the level.
    public struct TeamConstraint: Sendable, Equatable {
        /// The team's needs, as problem need indices.
        public var needs: [Int]
        /// The people (problem person indices) who speak the language at the level.
        public var speakers: Set<Int>

        public init(needs: [Int], speakers: Set<Int>) {
            self.needs = needs
            self.speakers = speakers
        }
    }

    /// How one team constraint came out of ``optimal(honouring:personOrder:)``.
    public enum TeamCoverage: Sendable, Equatable {
        /// The unconstrained optimum (or an earlier repair) already covers it, by this edge.
        case covered(edge: Int)
        /// Covered by pinning `edge` (the optimum moved to keep it), which cost `loss` objective
        /// points.
        case repaired(edge: Int, loss: Double)
        /// No shortlisted speaker can be pinned to any of the team's needs.
        case cannotBeCovered
    }

    /// The optimum that honours team constraints, by repair, with how each constraint came out.
    public struct TeamSolution: Sendable, Equatable {
        /// The unconstrained optimum (``optimal()``).
        public var unconstrained: Solution
        /// The repaired solution: the unconstrained one where every constraint was covered.
        public var solution: Solution
        /// For each constraint, in the order given.
        public var coverage: [TeamCoverage]
    }

    /// The optimum, repaired to honour `constraints` one by one in the order given
    /// (docs/SCORING.md, "Teams"): a constraint the current solution covers keeps the first
    /// edge (by index) that covers it pinned; one it does not cover is tried with every option,
    /// an edge from one of its needs to one of its speakers not chosen yet: the option whose
    /// pinning, with every earlier constraint's edge still pinned, leaves the highest optimum is
    /// kept (ties: the lower need index, then the person first in `personOrder`). With one
    /// constraint this is the constrained optimum; with several it covers every constraint it
    /// can, is feasible, and is never above the constrained optimum.
    ///
    /// Nothing is solved again: the optimum with one edge more pinned differs from the current
    /// one by the cheapest cycle through that edge in the solver's residual graph, which a
    /// search from the team's need finds (``TeamRepair``), for all of that need's options at
    /// once and only as far as a cheaper option can still be found.
    ///
    /// - Complexity: one two-sided shortest-path search per need of each constraint not covered,
    ///   each settling only the nodes closer to its ends than the sink and the empty-slot node
    ///   (or than the best loss found).
    public func optimal(
        honouring constraints: [TeamConstraint], personOrder: (Int, Int) -> Bool
    ) -> TeamSolution {
        var router = SlotRouter(problem: self)
        router.routeEverySlot()
        let unconstrained = router.solution()
        // Without teams, the nightly run pays for nothing more than the optimum.
        guard !constraints.isEmpty else {
            return TeamSolution(unconstrained: unconstrained, solution: unconstrained, coverage: [])
        }
        var repair = TeamRepair(router: router)
        var coverage: [TeamCoverage] = []
        for constraint in constraints {
            if let edge = repair.firstChosenEdge(from: constraint.needs, to: constraint.speakers) {
                // Kept for the repairs after this one, so that none of them uncovers it.
                repair.pin(edge)
                coverage.append(.covered(edge: edge))
                continue
            }
            guard
                let option = repair.cheapestOption(
                    from: constraint.needs, to: constraint.speakers, personOrder: personOrder)
            else {
                coverage.append(.cannotBeCovered)
                continue
            }
            coverage.append(.repaired(edge: option.edge, loss: 0 - repair.repair(pinning: option)))
        }
        return TeamSolution(
            unconstrained: unconstrained, solution: repair.router.solution(), coverage: coverage)
    }
}
