/// Who could be proposed for which need, and how many of each there is room for: a max-weight
/// b-matching (transportation) problem.
///
/// Needs and people are numbered from 0; an edge joins a need to a person with a weight (the
/// score, perhaps times a priority multiplier). A solution picks edges so that no need gets more
/// people than its slots and no person more needs than their free capacity, maximising the total
/// weight.
public struct AssignmentProblem: Sendable, Equatable {
    /// An edge that may be chosen.
    public struct Edge: Sendable, Equatable {
        public var need: Int
        public var person: Int
        public var weight: Double
        public init(need: Int, person: Int, weight: Double) {
            self.need = need
            self.person = person
            self.weight = weight
        }
    }

    /// Slots per need.
    public var needCapacity: [Int]
    /// Free capacity per person.
    public var personCapacity: [Int]
    public var edges: [Edge]

    public init(needCapacity: [Int], personCapacity: [Int], edges: [Edge]) {
        self.needCapacity = needCapacity
        self.personCapacity = personCapacity
        self.edges = edges
    }
}

extension AssignmentProblem {
    /// A chosen set of edges.
    public struct Solution: Sendable, Equatable {
        /// Indices into the problem's edges, ascending.
        public var edges: [Int]
        /// The sum of the chosen edges' weights.
        public var totalWeight: Double

        /// Whether the choice respects every capacity of `problem`.
        public func isFeasible(for problem: AssignmentProblem) -> Bool {
            var needs = problem.needCapacity
            var people = problem.personCapacity
            for index in edges {
                let edge = problem.edges[index]
                needs[edge.need] -= 1
                people[edge.person] -= 1
            }
            return needs.allSatisfy { $0 >= 0 } && people.allSatisfy { $0 >= 0 }
                && Set(edges).count == edges.count
        }
    }
}
