extension AssignmentProblem {
    /// The baseline: take edges from the heaviest down (ties by need, then person), skipping any
    /// that would exceed a capacity.
    ///
    /// - Complexity: O(E log E).
    public func greedy() -> AssignmentProblem.Solution {
        var needs = needCapacity
        var people = personCapacity
        let order = edges.indices.sorted { lhs, rhs in
            let a = edges[lhs]
            let b = edges[rhs]
            if a.weight != b.weight { return a.weight > b.weight }
            return (a.need, a.person, lhs) < (b.need, b.person, rhs)
        }
        var chosen: [Int] = []
        for index in order {
            let edge = edges[index]
            guard edge.weight > 0, needs[edge.need] > 0, people[edge.person] > 0 else { continue }
            needs[edge.need] -= 1
            people[edge.person] -= 1
            chosen.append(index)
        }
        chosen.sort()
        return AssignmentProblem.Solution(
            edges: chosen, totalWeight: chosen.reduce(0) { $0 + edges[$1].weight })
    }
}
