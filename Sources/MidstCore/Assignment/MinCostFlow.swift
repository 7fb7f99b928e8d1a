import HeapModule

extension AssignmentProblem {
    /// Weights are compared as integers in millionths, so that the solution is exact and the same
    /// on every machine; totals are reported from the original weights.
    static let weightScale = 1_000_000.0

    /// The exact maximum-weight choice, found as a min-cost flow
    /// (source → need → person → sink) by the primal-dual method: Dijkstra with potentials finds
    /// the shortest augmenting distance, then blocking flows along zero-reduced-cost arcs
    /// (Dinic-style levels) push every augmenting path of that length at once. It stops when an
    /// augmenting path would no longer add weight. Deterministic: ties go to lower node numbers.
    ///
    /// - Complexity: O(phases × E log V); the number of phases is bounded by the number of
    ///   distinct augmenting-path lengths, far fewer than the number of augmentations.
    public func optimal() -> AssignmentSolution {
        var chosen: [Int] = []
        // Needs and people that share no edge, directly or through others, do not interact:
        // each connected part is solved on its own, which keeps every flow graph small.
        for part in connectedParts() {
            var graph = FlowGraph(problem: part.problem)
            graph.solve()
            for (index, arc) in graph.edgeArcs.enumerated() where arc >= 0 && graph.capacity[arc] == 0 {
                chosen.append(part.edges[index])
            }
        }
        chosen.sort()
        return AssignmentSolution(edges: chosen, totalWeight: chosen.reduce(0) { $0 + edges[$1].weight })
    }

    /// The problem split into connected parts (by union-find over the edges), each renumbered
    /// from 0 in the original order, with the original index of each of its edges.
    func connectedParts() -> [(problem: AssignmentProblem, edges: [Int])] {
        let needs = needCapacity.count
        var parent = Array(0..<(needs + personCapacity.count))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for edge in edges {
            let a = root(edge.need)
            let b = root(needs + edge.person)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var partOfRoot: [Int: Int] = [:]
        var parts: [(needs: [Int], people: [Int], edges: [Int])] = []
        var localNeed = [Int](repeating: -1, count: needs)
        var localPerson = [Int](repeating: -1, count: personCapacity.count)
        for (index, edge) in edges.enumerated() {
            let key = root(edge.need)
            let part: Int
            if let known = partOfRoot[key] {
                part = known
            } else {
                part = parts.count
                partOfRoot[key] = part
                parts.append(([], [], []))
            }
            if localNeed[edge.need] < 0 {
                localNeed[edge.need] = parts[part].needs.count
                parts[part].needs.append(edge.need)
            }
            if localPerson[edge.person] < 0 {
                localPerson[edge.person] = parts[part].people.count
                parts[part].people.append(edge.person)
            }
            parts[part].edges.append(index)
        }
        return parts.map { part in
            let problem = AssignmentProblem(
                needCapacity: part.needs.map { needCapacity[$0] }, personCapacity: part.people.map { personCapacity[$0] },
                edges: part.edges.map { index in
                    let edge = edges[index]
                    return Edge(need: localNeed[edge.need], person: localPerson[edge.person], weight: edge.weight)
                })
            return (problem, part.edges)
        }
    }
}

/// The residual graph of an ``AssignmentProblem``; arcs come in pairs (`a`, `a ^ 1`).
struct FlowGraph {
    let nodeCount: Int
    let source: Int
    let sink: Int
    var head: [Int]
    var target: [Int] = []
    var capacity: [Int] = []
    var cost: [Int] = []
    var nextArc: [Int] = []
    /// The arc of each problem edge (need → person).
    var edgeArcs: [Int] = []
    var potential: [Int]

    init(problem: AssignmentProblem) {
        let needs = problem.needCapacity.count
        let people = problem.personCapacity.count
        nodeCount = needs + people + 2
        source = 0
        sink = needs + people + 1
        head = [Int](repeating: -1, count: nodeCount)
        potential = [Int](repeating: 0, count: nodeCount)
        // Arcs are prepended to each node's list, so adding them in reverse keeps the lists in
        // problem order: needs and people by number, edges as given.
        for person in (0..<people).reversed() where problem.personCapacity[person] > 0 {
            addArc(from: needs + 1 + person, to: sink, capacity: problem.personCapacity[person], cost: 0)
        }
        var edgeArcs = [Int](repeating: -1, count: problem.edges.count)
        for (index, edge) in problem.edges.enumerated().reversed() {
            let weight = Int((edge.weight * AssignmentProblem.weightScale).rounded())
            guard weight > 0 else { continue }
            edgeArcs[index] = addArc(from: 1 + edge.need, to: needs + 1 + edge.person, capacity: 1, cost: -weight)
        }
        for need in (0..<needs).reversed() where problem.needCapacity[need] > 0 {
            addArc(from: source, to: 1 + need, capacity: problem.needCapacity[need], cost: 0)
        }
        // Initial potentials: shortest distances from the source in this layered graph, so that
        // every reduced cost starts non-negative.
        for (index, edge) in problem.edges.enumerated() where edgeArcs[index] >= 0 {
            let person = needs + 1 + edge.person
            potential[person] = min(potential[person], cost[edgeArcs[index]])
        }
        potential[sink] = potential[(needs + 1)..<(needs + 1 + people)].min() ?? 0
        // Edges of weight 0 (or less) can never add weight; they stay out of the graph (arc -1).
        self.edgeArcs = edgeArcs
    }

    @discardableResult
    mutating func addArc(from: Int, to: Int, capacity forward: Int, cost arcCost: Int) -> Int {
        let arc = target.count
        target += [to, from]
        capacity += [forward, 0]
        cost += [arcCost, -arcCost]
        nextArc += [head[from], head[to]]
        head[from] = arc
        head[to] = arc + 1
        return arc
    }

    func reducedCost(_ arc: Int, from node: Int) -> Int { cost[arc] + potential[node] - potential[target[arc]] }

    mutating func solve() {
        let unreachable = Int.max / 4
        var distance = [Int](repeating: unreachable, count: nodeCount)
        var level = [Int](repeating: -1, count: nodeCount)
        var current = head
        while true {
            // Shortest reduced distances from the source.
            for node in 0..<nodeCount { distance[node] = unreachable }
            distance[source] = 0
            var queue = Heap<Label>()
            queue.insert(Label(distance: 0, node: source))
            while let label = queue.popMin() {
                guard label.distance == distance[label.node] else { continue }
                var arc = head[label.node]
                while arc >= 0 {
                    if capacity[arc] > 0 {
                        let next = target[arc]
                        let candidate = label.distance + reducedCost(arc, from: label.node)
                        if candidate < distance[next] {
                            distance[next] = candidate
                            queue.insert(Label(distance: candidate, node: next))
                        }
                    }
                    arc = nextArc[arc]
                }
            }
            guard distance[sink] < unreachable else { return }
            for node in 0..<nodeCount { potential[node] += min(distance[node], distance[sink]) }
            // The shortest augmenting path's true cost; not negative means no weight to add.
            guard potential[sink] - potential[source] < 0 else { return }
            // Push every augmenting path along zero-reduced-cost arcs, shortest in arcs first.
            while true {
                for node in 0..<nodeCount { level[node] = -1 }
                level[source] = 0
                var breadth = [source]
                var index = 0
                while index < breadth.count {
                    let node = breadth[index]
                    index += 1
                    var arc = head[node]
                    while arc >= 0 {
                        let next = target[arc]
                        if capacity[arc] > 0, level[next] < 0, reducedCost(arc, from: node) == 0 {
                            level[next] = level[node] + 1
                            breadth.append(next)
                        }
                        arc = nextArc[arc]
                    }
                }
                guard level[sink] >= 0 else { break }
                current = head
                while augment(level: level, current: &current) {}
            }
        }
    }

    /// Finds one path of admissible arcs through increasing levels and pushes one unit along it
    /// (every need → person arc has capacity 1). Dead ends advance their current arc for good.
    mutating func augment(level: [Int], current: inout [Int]) -> Bool {
        var path: [Int] = []
        var node = source
        while node != sink {
            var arc = current[node]
            while arc >= 0 {
                let next = target[arc]
                if capacity[arc] > 0, level[next] == level[node] + 1, reducedCost(arc, from: node) == 0 { break }
                arc = nextArc[arc]
            }
            current[node] = arc
            if arc >= 0 {
                path.append(arc)
                node = target[arc]
            } else {
                guard let last = path.popLast() else { return false }
                node = target[last ^ 1]
                current[node] = nextArc[current[node]]
            }
        }
        for arc in path {
            capacity[arc] -= 1
            capacity[arc ^ 1] += 1
        }
        return true
    }

    struct Label: Comparable {
        var distance: Int
        var node: Int
        static func < (lhs: Label, rhs: Label) -> Bool { (lhs.distance, lhs.node) < (rhs.distance, rhs.node) }
    }
}
