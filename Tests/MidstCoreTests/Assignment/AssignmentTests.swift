import Testing

@testable import MidstCore

@Suite("Assignment: max-weight b-matching")
struct AssignmentTests {
    /// A random small problem: weights are multiples of 0.01 so that totals compare exactly.
    static func randomProblem(_ random: inout SeededRandom) -> AssignmentProblem {
        let needs = 1 + random.index(below: 4)
        let people = 1 + random.index(below: 5)
        var edges: [AssignmentProblem.Edge] = []
        for need in 0..<needs {
            for person in 0..<people where random.chance(0.6) && edges.count < 12 {
                edges.append(
                    .init(
                        need: need, person: person,
                        weight: Double(1 + random.index(below: 10_000)) / 100))
            }
        }
        return AssignmentProblem(
            needCapacity: (0..<needs).map { _ in
                random.index(below: 3) + (random.chance(0.8) ? 1 : 0)
            },
            personCapacity: (0..<people).map { _ in random.index(below: 3) }, edges: edges)
    }

    /// The best total over every subset of edges that fits the capacities.
    static func bruteForce(_ problem: AssignmentProblem) -> Double {
        var best = 0.0
        for mask in 0..<(1 << problem.edges.count) {
            let chosen = problem.edges.indices.filter { mask & (1 << $0) != 0 }
            let solution = AssignmentProblem.Solution(
                edges: chosen, totalWeight: chosen.reduce(0) { $0 + problem.edges[$1].weight })
            if solution.isFeasible(for: problem) { best = max(best, solution.totalWeight) }
        }
        return best
    }

    @Test("the optimal solver matches brute force on 400 random small problems, never below greedy")
    func optimalMatchesBruteForce() {
        var random = SeededRandom(seed: 2026)
        for _ in 0..<400 {
            let problem = Self.randomProblem(&random)
            let optimal = problem.optimal()
            let greedy = problem.greedy()
            #expect(optimal.isFeasible(for: problem))
            #expect(greedy.isFeasible(for: problem))
            #expect(abs(optimal.totalWeight - Self.bruteForce(problem)) < 1e-9, "\(problem)")
            #expect(optimal.totalWeight >= greedy.totalWeight - 1e-9)
        }
    }

    @Test("greedy can be beaten: one heavy edge blocks two that weigh more together")
    func greedyIsNotOptimal() {
        // Need 0 and need 1 each want one person; person 0 is best for both, person 1 only fits need 0.
        let problem = AssignmentProblem(
            needCapacity: [1, 1], personCapacity: [1, 1],
            edges: [
                .init(need: 0, person: 0, weight: 90), .init(need: 1, person: 0, weight: 80),
                .init(need: 0, person: 1, weight: 70),
            ])
        #expect(problem.greedy().totalWeight == 90)
        #expect(problem.optimal().totalWeight == 150)
        #expect(problem.optimal().edges == [1, 2])
    }

    @Test("the same problem always gets the same solution")
    func determinism() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<50 {
            let problem = Self.randomProblem(&random)
            #expect(problem.optimal() == problem.optimal())
        }
        // Equal weights: the tie goes the same way every time.
        let tied = AssignmentProblem(
            needCapacity: [1], personCapacity: [1, 1],
            edges: [.init(need: 0, person: 1, weight: 50), .init(need: 0, person: 0, weight: 50)])
        #expect(tied.optimal().edges.count == 1)
        #expect(tied.optimal() == tied.optimal())
    }

    @Test("a larger instance keeps every capacity and beats or equals greedy")
    func larger() {
        var random = SeededRandom(seed: 99)
        var edges: [AssignmentProblem.Edge] = []
        for need in 0..<300 {
            for _ in 0..<20 {
                edges.append(
                    .init(
                        need: need, person: random.index(below: 2000),
                        weight: Double(random.index(below: 10_000)) / 100))
            }
        }
        let problem = AssignmentProblem(
            needCapacity: (0..<300).map { _ in 1 + random.index(below: 3) },
            personCapacity: (0..<2000).map { _ in random.index(below: 3) }, edges: edges)
        let optimal = problem.optimal()
        #expect(optimal.isFeasible(for: problem))
        #expect(optimal.totalWeight >= problem.greedy().totalWeight - 1e-9)
    }
}

@Suite("Assignment proposal")
struct AssignmentProposalTests {
    @Test("pins are always proposed and count against capacities; table rows are found by id")
    func pins() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let staff = try ReferenceFixtures.generated(staff: 400, seed: 17).staff
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        let found = table.rows(of: [table.id(at: 5), table.id(at: 9), RecordID(rawValue: "nobody")])
        #expect(found.count == 2)
        #expect(found[table.id(at: 5)] == 5)
        #expect(found[table.id(at: 9)] == 9)
        // Two needs with one slot each; a shortlist of the first few people for both.
        let need = Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"),
            professions: [SpecialtyCode(rawValue: "nurse")], mode: .either,
            updatedAt: Timestamp(secondsSince1970: 0))
        var second = need
        second.id = RecordID(rawValue: "N2")
        let entries = (0..<6).map {
            Shortlisting.Entry(
                row: Int32($0), rank: $0 + 1, score: Double(90 - $0),
                components: ScoreComponent.Vector { _ in 1 })
        }
        let free = Batch.Proposal(
            shortlists: [entries, entries], needs: [need, second], table: table)
        #expect(free.pairs.count == 2)
        let pinned = Batch.Proposal(
            shortlists: [entries, entries], needs: [need, second], table: table,
            pinned: [.init(need: 0, row: 5, score: 40)])
        #expect(pinned.pairs.contains(.init(need: 0, row: 5, score: 40)))
        #expect(pinned.pairs.filter { $0.need == 0 }.count == 1)
        #expect(pinned.pairs.count == 2)
        #expect(pinned.optimalTotal >= pinned.greedyTotal - 1e-9)
    }
}
