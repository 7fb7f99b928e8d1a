@testable import MidstCore

// The team repair as first written (issue #24): every option's components solved again from
// scratch. It is the slow, obviously exact reference the incremental repair
// (`AssignmentProblem.optimal(honouring:personOrder:)`) is checked against.
extension AssignmentProblem {
    /// The repair of docs/SCORING.md, "Teams", by re-solving the components that hold the
    /// constraint's needs once per option with the option pinned.
    func optimalByResolving(
        honouring constraints: [TeamConstraint], personOrder: (Int, Int) -> Bool
    ) -> TeamSolution {
        let unconstrained = optimal()
        // Without teams, the nightly run pays for nothing more than the optimum.
        guard !constraints.isEmpty else {
            return TeamSolution(unconstrained: unconstrained, solution: unconstrained, coverage: [])
        }
        var chosen = Set(unconstrained.edges)
        var total = unconstrained.totalWeight
        var pinned: [Int] = []
        var coverage: [TeamCoverage] = []
        let components = EdgeComponents(self)
        for constraint in constraints {
            let needs = Set(constraint.needs)
            func covers(_ edge: Int) -> Bool {
                needs.contains(edges[edge].need) && constraint.speakers.contains(edges[edge].person)
            }
            if let edge = chosen.sorted().first(where: covers) {
                // Kept for the repairs after this one, so that none of them uncovers it.
                pinned.append(edge)
                coverage.append(.covered(edge: edge))
                continue
            }
            func precedes(_ a: Int, _ b: Int) -> Bool {
                edges[a].need != edges[b].need
                    ? edges[a].need < edges[b].need
                    : personOrder(edges[a].person, edges[b].person)
            }
            let held = components.component(holding: constraint.needs)
            let heldEdges = edges.indices.filter { held.contains(components.componentOfNeed[edges[$0].need]) }
            let heldWeight = heldEdges.filter(chosen.contains).reduce(0.0) { $0 + edges[$1].weight }
            var best: (edge: Int, total: Double, edges: [Int])?
            for option in heldEdges where covers(option) {
                guard let solved = solve(heldEdges, pinning: pinned + [option]) else { continue }
                let optionTotal = total - heldWeight + solved.weight
                if let current = best {
                    let isTie = abs(optionTotal - current.total) <= 1e-9 * max(1, abs(current.total))
                    guard isTie ? precedes(option, current.edge) : optionTotal > current.total
                    else { continue }
                }
                best = (option, optionTotal, solved.edges)
            }
            guard let best else {
                coverage.append(.cannotBeCovered)
                continue
            }
            coverage.append(.repaired(edge: best.edge, loss: total - best.total))
            chosen.subtract(heldEdges)
            chosen.formUnion(best.edges)
            total = best.total
            pinned.append(best.edge)
        }
        let edgesChosen = chosen.sorted()
        return TeamSolution(
            unconstrained: unconstrained,
            solution: Solution(
                edges: edgesChosen, totalWeight: edgesChosen.reduce(0) { $0 + edges[$1].weight }),
            coverage: coverage)
    }

    /// The best choice among `edgeSubset` with the `pinned` edges among it always chosen: the
    /// edges chosen (pinned included) and their weight, or nil when the pinned edges exceed a
    /// capacity.
    private func solve(_ edgeSubset: [Int], pinning pinned: [Int]) -> (edges: [Int], weight: Double)? {
        let subset = Set(edgeSubset)
        let pins = Set(pinned.filter(subset.contains))
        // Numbered afresh, so that the solve costs what the component holds, not the problem.
        var needIndex: [Int: Int] = [:]
        var personIndex: [Int: Int] = [:]
        var needs: [Int] = []
        var people: [Int] = []
        for edge in edgeSubset {
            if needIndex[edges[edge].need] == nil {
                needIndex[edges[edge].need] = needs.count
                needs.append(needCapacity[edges[edge].need])
            }
            if personIndex[edges[edge].person] == nil {
                personIndex[edges[edge].person] = people.count
                people.append(personCapacity[edges[edge].person])
            }
        }
        for pin in pins {
            needs[needIndex[edges[pin].need]!] -= 1
            people[personIndex[edges[pin].person]!] -= 1
        }
        guard needs.allSatisfy({ $0 >= 0 }), people.allSatisfy({ $0 >= 0 }) else { return nil }
        let free = edgeSubset.filter { !pins.contains($0) }
        let problem = AssignmentProblem(
            needCapacity: needs, personCapacity: people,
            edges: free.map {
                Edge(
                    need: needIndex[edges[$0].need]!, person: personIndex[edges[$0].person]!,
                    weight: edges[$0].weight)
            })
        let chosen = problem.optimal().edges.map { free[$0] } + pins
        return (chosen, chosen.reduce(0.0) { $0 + edges[$1].weight })
    }
}

/// The connected components of an assignment problem's need–person edge graph.
private struct EdgeComponents {
    /// Each need's component.
    let componentOfNeed: [Int]

    init(_ problem: AssignmentProblem) {
        let needs = problem.needCapacity.count
        var parent = Array(0..<(needs + problem.personCapacity.count))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for edge in problem.edges {
            let (a, b) = (root(edge.need), root(needs + edge.person))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        componentOfNeed = (0..<needs).map(root)
    }

    /// The components holding `needs`.
    func component(holding needs: [Int]) -> Set<Int> {
        Set(needs.map { componentOfNeed[$0] })
    }
}
