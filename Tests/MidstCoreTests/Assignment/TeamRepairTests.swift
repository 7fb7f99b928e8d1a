@testable import MidstCore
import Testing

@Suite("The proposal's team repair against brute force")
struct TeamRepairTests {
    /// A small random instance: needs, people, shortlist edges, and teams of 2–3 needs each
    /// wanting one language, whose speakers are a random subset of the people.
    struct Instance {
        var problem: AssignmentProblem
        var constraints: [AssignmentProblem.TeamConstraint]
    }

    static func instance(seed: UInt64, teams: Int) -> Instance {
        var random = SeededRandom(seed: seed)
        let needCount = Int.random(in: 3...6, using: &random)
        let peopleCount = Int.random(in: 3...8, using: &random)
        var edges: [AssignmentProblem.Edge] = []
        for need in 0..<needCount {
            // Up to three shortlisted people per need keeps the brute force small.
            var people = Array(0..<peopleCount)
            people.shuffle(using: &random)
            for person in people.prefix(Int.random(in: 1...3, using: &random)) {
                edges.append(.init(need: need, person: person, weight: Double(Int.random(in: 10...100, using: &random))))
            }
        }
        var needs = Array(0..<needCount)
        needs.shuffle(using: &random)
        var constraints: [AssignmentProblem.TeamConstraint] = []
        var next = 0
        for _ in 0..<teams {
            let size = Int.random(in: 2...3, using: &random)
            guard next + size <= needCount else { break }
            let speakers = Set((0..<peopleCount).filter { _ in Int.random(in: 0...3, using: &random) == 0 })
            constraints.append(.init(needs: Array(needs[next..<(next + size)]), speakers: speakers))
            next += size
        }
        return Instance(
            problem: AssignmentProblem(
                needCapacity: (0..<needCount).map { _ in Int.random(in: 1...2, using: &random) },
                personCapacity: (0..<peopleCount).map { _ in Int.random(in: 1...2, using: &random) }, edges: edges),
            constraints: constraints)
    }

    /// The best total weight of a feasible choice that covers every constraint, or nil when none
    /// does: every subset of edges, pruned by capacity.
    static func bruteForce(_ instance: Instance) -> Double? {
        let problem = instance.problem
        var needs = problem.needCapacity
        var people = problem.personCapacity
        var chosen: [Int] = []
        var best: Double?
        func covers(_ constraint: AssignmentProblem.TeamConstraint) -> Bool {
            chosen.contains {
                constraint.needs.contains(problem.edges[$0].need)
                    && constraint.speakers.contains(problem.edges[$0].person)
            }
        }
        func visit(_ index: Int) {
            guard index < problem.edges.count else {
                if instance.constraints.allSatisfy(covers) {
                    let total = chosen.reduce(0.0) { $0 + problem.edges[$1].weight }
                    best = max(best ?? total, total)
                }
                return
            }
            visit(index + 1)
            let edge = problem.edges[index]
            if needs[edge.need] > 0, people[edge.person] > 0 {
                needs[edge.need] -= 1
                people[edge.person] -= 1
                chosen.append(index)
                visit(index + 1)
                chosen.removeLast()
                needs[edge.need] += 1
                people[edge.person] += 1
            }
        }
        visit(0)
        return best
    }

    static func repaired(_ instance: Instance) -> AssignmentProblem.TeamSolution {
        instance.problem.optimal(honouring: instance.constraints, personOrder: <)
    }

    @Test("with one team, the repaired objective is the constrained optimum, or the team is flagged", arguments: 0..<200)
    func oneTeam(seed: UInt64) throws {
        let instance = Self.instance(seed: seed, teams: 1)
        try #require(instance.constraints.count == 1)
        let result = Self.repaired(instance)
        #expect(result.solution.isFeasible(for: instance.problem))
        if let optimum = Self.bruteForce(instance) {
            #expect(result.coverage != [.cannotBeCovered])
            #expect(abs(result.solution.totalWeight - optimum) < 1e-9)
            if case .repaired(_, let loss) = result.coverage[0] {
                #expect(abs(result.unconstrained.totalWeight - loss - optimum) < 1e-9)
            }
        } else {
            #expect(result.coverage == [.cannotBeCovered])
        }
    }

    @Test("with several teams, the repair is feasible, covers what it says and is never above the constrained optimum", arguments: 0..<200)
    func severalTeams(seed: UInt64) throws {
        let instance = Self.instance(seed: seed, teams: 2)
        let result = Self.repaired(instance)
        #expect(result.solution.isFeasible(for: instance.problem))
        #expect(result.solution.totalWeight <= result.unconstrained.totalWeight + 1e-9)
        for (constraint, coverage) in zip(instance.constraints, result.coverage) {
            let isCovered = result.solution.edges.contains {
                constraint.needs.contains(instance.problem.edges[$0].need)
                    && constraint.speakers.contains(instance.problem.edges[$0].person)
            }
            #expect(isCovered == (coverage != .cannotBeCovered))
        }
        if !result.coverage.contains(.cannotBeCovered), let optimum = Self.bruteForce(instance) {
            #expect(result.solution.totalWeight <= optimum + 1e-9)
        }
    }

    @Test("the random instances exercise every outcome: covered, repaired at a loss, cannot be covered")
    func instancesExerciseEveryOutcome() {
        var covered = 0
        var repairedAtALoss = 0
        var flagged = 0
        for seed in 0..<200 {
            for coverage in Self.repaired(Self.instance(seed: UInt64(seed), teams: 1)).coverage {
                switch coverage {
                case .covered: covered += 1
                case .repaired(_, let loss): if loss > 0 { repairedAtALoss += 1 }
                case .cannotBeCovered: flagged += 1
                }
            }
        }
        #expect(covered > 10 && repairedAtALoss > 10 && flagged > 10, "\(covered), \(repairedAtALoss), \(flagged)")
    }

    @Test("covering a language costs the cheapest swap: the speaker replaces the best scorer")
    func smallCost() {
        // Need 0 (the team's only need here) has one slot; person 0 scores 90 there and speaks
        // nothing, person 1 scores 85 and speaks the team's language; person 2 fills need 1.
        let problem = AssignmentProblem(
            needCapacity: [1, 1], personCapacity: [1, 1, 1],
            edges: [
                .init(need: 0, person: 0, weight: 90), .init(need: 0, person: 1, weight: 85),
                .init(need: 1, person: 2, weight: 50),
            ])
        let result = problem.optimal(
            honouring: [.init(needs: [0], speakers: [1])], personOrder: <)
        #expect(result.unconstrained.totalWeight == 140)
        #expect(result.coverage == [.repaired(edge: 1, loss: 5)])
        #expect(result.solution.edges == [1, 2])
    }

    /// A larger random instance, with weights drawn to the millionth so that no two choices
    /// tie (or, with `tiedWeights`, of 10 to 50 in steps of 10): people shared between
    /// shortlists, capacities 0–3, teams of 2–4 needs.
    static func largeInstance(seed: UInt64, tiedWeights: Bool = false) -> Instance {
        var random = SeededRandom(seed: seed)
        let needCount = Int.random(in: 20...60, using: &random)
        let peopleCount = Int.random(in: 20...80, using: &random)
        var edges: [AssignmentProblem.Edge] = []
        for need in 0..<needCount {
            var people = Array(0..<peopleCount)
            people.shuffle(using: &random)
            for person in people.prefix(Int.random(in: 0...6, using: &random)) {
                let drawn = Int.random(in: 10_000_000...100_000_000, using: &random)
                let weight = tiedWeights ? Double(drawn % 5 + 1) * 10 : Double(drawn) / 1e6
                edges.append(.init(need: need, person: person, weight: weight))
            }
        }
        var needs = Array(0..<needCount)
        needs.shuffle(using: &random)
        var constraints: [AssignmentProblem.TeamConstraint] = []
        var next = 0
        while true {
            let size = Int.random(in: 2...4, using: &random)
            guard next + size <= needCount else { break }
            let speakers = Set((0..<peopleCount).filter { _ in Int.random(in: 0...4, using: &random) == 0 })
            constraints.append(.init(needs: Array(needs[next..<(next + size)]), speakers: speakers))
            // Now and then a team wants two languages.
            if Int.random(in: 0...3, using: &random) == 0 {
                let more = Set((0..<peopleCount).filter { _ in Int.random(in: 0...6, using: &random) == 0 })
                constraints.append(.init(needs: Array(needs[next..<(next + size)]), speakers: more))
            }
            next += size
        }
        return Instance(
            problem: AssignmentProblem(
                needCapacity: (0..<needCount).map { _ in Int.random(in: 0...3, using: &random) },
                personCapacity: (0..<peopleCount).map { _ in Int.random(in: 0...3, using: &random) }, edges: edges),
            constraints: constraints)
    }

    @Test("the incremental repair proposes what re-solving every option proposes", arguments: 0..<150)
    func sameAsResolving(seed: UInt64) {
        let instance = Self.largeInstance(seed: seed)
        let incremental = Self.repaired(instance)
        let resolving = instance.problem.optimalByResolving(
            honouring: instance.constraints, personOrder: <)
        #expect(incremental.unconstrained == resolving.unconstrained)
        #expect(incremental.solution.edges == resolving.solution.edges)
        #expect(abs(incremental.solution.totalWeight - resolving.solution.totalWeight) < 1e-6)
        #expect(incremental.coverage.count == resolving.coverage.count)
        for (mine, theirs) in zip(incremental.coverage, resolving.coverage) {
            switch (mine, theirs) {
            case (.repaired(let edge, let loss), .repaired(let expectedEdge, let expectedLoss)):
                #expect(edge == expectedEdge)
                #expect(abs(loss - expectedLoss) < 1e-6)
            default:
                #expect(mine == theirs)
            }
        }
    }

    @Test("the larger instances exercise repairs at a loss, several per instance, and flags")
    func largeInstancesExerciseRepairs() {
        var repairs = 0
        var instancesWithSeveral = 0
        var flagged = 0
        for seed in 0..<150 {
            let coverage = Self.repaired(Self.largeInstance(seed: UInt64(seed))).coverage
            let repaired = coverage.count {
                if case .repaired(_, let loss) = $0 { return loss > 0 }
                return false
            }
            repairs += repaired
            if repaired > 1 { instancesWithSeveral += 1 }
            flagged += coverage.count(where: { $0 == .cannotBeCovered })
        }
        #expect(repairs > 100 && instancesWithSeveral > 20 && flagged > 10, "\(repairs), \(instancesWithSeveral), \(flagged)")
    }

    @Test("with tied weights and one team, the incremental repair covers with the same pair at the same loss as re-solving", arguments: 0..<200)
    func sameChoiceWithTies(seed: UInt64) {
        let instance = Self.instance(seed: seed, teams: 1)
        let incremental = Self.repaired(instance)
        let resolving = instance.problem.optimalByResolving(
            honouring: instance.constraints, personOrder: <)
        #expect(incremental.coverage == resolving.coverage)
        #expect(incremental.solution.totalWeight == resolving.solution.totalWeight)
    }

    /// The optimum with `pinned` edges chosen, solved afresh by the exact solver (nil when the
    /// pins do not fit the capacities).
    static func optimum(of problem: AssignmentProblem, pinning pinned: Set<Int>) -> Double? {
        var needs = problem.needCapacity
        var people = problem.personCapacity
        for edge in pinned {
            needs[problem.edges[edge].need] -= 1
            people[problem.edges[edge].person] -= 1
        }
        guard needs.allSatisfy({ $0 >= 0 }), people.allSatisfy({ $0 >= 0 }) else { return nil }
        let rest = AssignmentProblem(
            needCapacity: needs, personCapacity: people,
            edges: problem.edges.indices.filter { !pinned.contains($0) }.map { problem.edges[$0] })
        return pinned.reduce(rest.optimal().totalWeight) { $0 + problem.edges[$1].weight }
    }

    @Test(
        "with tied weights and several teams, each step pins the best option at the loss of the optimum solved afresh with the step's pins",
        arguments: 0..<120)
    func everyStepWithTies(seed: UInt64) throws {
        // Weights of 10 to 50 in steps of 10 tie often: many residual arcs cost 0, where the two
        // halves of the cycle search must still agree on the cheapest cycle and its rank.
        let instance = Self.largeInstance(seed: seed, tiedWeights: true)
        let problem = instance.problem
        let result = Self.repaired(instance)
        var pinned: Set<Int> = []
        var objective = try #require(Self.optimum(of: problem, pinning: []))
        #expect(abs(result.unconstrained.totalWeight - objective) < 1e-9)
        for (constraint, coverage) in zip(instance.constraints, result.coverage) {
            let options = problem.edges.indices.filter {
                constraint.needs.contains(problem.edges[$0].need)
                    && constraint.speakers.contains(problem.edges[$0].person)
            }
            let values = options.compactMap { option in
                Self.optimum(of: problem, pinning: pinned.union([option])).map { (option, $0) }
            }
            switch coverage {
            case .covered(let edge):
                #expect(options.contains(edge))
                #expect(Self.optimum(of: problem, pinning: pinned.union([edge])) == objective)
                pinned.insert(edge)
            case .repaired(let edge, let loss):
                let best = try #require(values.map(\.1).max())
                // Ties: the lower need, then the lower person (the order the test passes).
                let first = values.filter { $0.1 == best }.map(\.0).min {
                    (problem.edges[$0].need, problem.edges[$0].person)
                        < (problem.edges[$1].need, problem.edges[$1].person)
                }
                #expect(edge == first)
                #expect(abs(loss - (objective - best)) < 1e-9)
                pinned.insert(edge)
                objective = best
            case .cannotBeCovered:
                #expect(values.isEmpty)
            }
        }
        #expect(Set(result.solution.edges).isSuperset(of: pinned))
        #expect(result.solution.isFeasible(for: problem))
        #expect(abs(result.solution.totalWeight - objective) < 1e-9)
    }

    @Test("the tied instances exercise repairs at a loss and at no loss, and flags")
    func tiedInstancesExerciseRepairs() {
        var atALoss = 0
        var atNoLoss = 0
        var flagged = 0
        for seed in 0..<120 {
            let instance = Self.largeInstance(seed: UInt64(seed), tiedWeights: true)
            for coverage in Self.repaired(instance).coverage {
                switch coverage {
                case .repaired(_, let loss): if loss > 0 { atALoss += 1 } else { atNoLoss += 1 }
                case .cannotBeCovered: flagged += 1
                case .covered: break
                }
            }
        }
        #expect(
            atALoss > 100 && atNoLoss > 10 && flagged > 10, "\(atALoss), \(atNoLoss), \(flagged)")
    }
}
