import HeapModule

extension AssignmentProblem {
    /// Weights are compared as integers in millionths, so that the solution is exact and the same
    /// on every machine; totals are reported from the original weights.
    static let weightScale = 1_000_000.0

    /// The exact maximum-weight choice.
    ///
    /// Every slot of every need is routed, one at a time, along the cheapest augmenting path in
    /// the residual graph, to a person with room or to "leave the slot empty" (cost 0), with
    /// costs −weight, as in the Hungarian method with Dijkstra and potentials. Routing each slot
    /// on a shortest path keeps the flow of least cost for the slots routed so far, so the
    /// result is optimal; the search from one need stops at the first free end it reaches and
    /// only the nodes it finalised get new potentials, so it stays local on sparse shortlists.
    /// Weights are compared as integers in millionths, so the result is exact and the same on
    /// every machine; ties go to lower need, person and edge numbers.
    ///
    /// - Complexity: O(S × (E' log V')) where S is the number of slots and E', V' the part of
    ///   the graph each search explores.
    public func optimal() -> AssignmentProblem.Solution {
        var solver = SlotRouter(problem: self)
        solver.routeEverySlot()
        return solver.solution()
    }
}

/// The residual graph and potentials of the slot-by-slot solver. Node numbers: needs first,
/// then people, then the "empty slot" node, then the sink every path ends at (reached from a
/// person with room, or from the empty-slot node, at cost 0).
struct SlotRouter {
    let problem: AssignmentProblem
    let needCount: Int
    let skip: Int
    let sink: Int
    /// Integer cost of each edge (−weight in millionths); edges worth nothing are left out.
    let cost: [Int]
    /// Edges of each need, in problem order.
    let needEdgeStart: [Int]
    let needEdges: [Int]
    var used: [Bool]
    /// Used edges of each person (the residual arcs back to needs).
    var personUsed: [[Int]]
    var personLoad: [Int]
    var potential: [Int]
    // Per-search scratch, valid where `stamp` equals the search number.
    var distance: [Int]
    var stamp: [Int]
    /// The edge a node was reached by; for the empty-slot node and the sink, `-(node + 2)` of
    /// the node they were reached from.
    var viaEdge: [Int]
    var doneStamp: [Int]
    var finalised: [Int] = []

    init(problem: AssignmentProblem) {
        self.problem = problem
        needCount = problem.needCapacity.count
        let people = problem.personCapacity.count
        skip = needCount + people
        sink = skip + 1
        cost = problem.edges.map { -Int(($0.weight * AssignmentProblem.weightScale).rounded()) }
        var counts = [Int](repeating: 0, count: needCount + 1)
        for edge in problem.edges { counts[edge.need + 1] += 1 }
        for need in 0..<needCount { counts[need + 1] += counts[need] }
        var next = counts
        var needEdges = [Int](repeating: 0, count: problem.edges.count)
        for (index, edge) in problem.edges.enumerated() {
            needEdges[next[edge.need]] = index
            next[edge.need] += 1
        }
        needEdgeStart = counts
        self.needEdges = needEdges
        used = [Bool](repeating: false, count: problem.edges.count)
        personUsed = [[Int]](repeating: [], count: people)
        personLoad = [Int](repeating: 0, count: people)
        // Start with every reduced cost non-negative: a person's potential is at most the cost
        // of any edge into them.
        potential = [Int](repeating: 0, count: sink + 1)
        for (index, edge) in problem.edges.enumerated() where cost[index] < 0 {
            potential[needCount + edge.person] = min(
                potential[needCount + edge.person], cost[index])
        }
        potential[sink] = potential[..<sink].min() ?? 0
        distance = [Int](repeating: 0, count: sink + 1)
        stamp = [Int](repeating: -1, count: sink + 1)
        viaEdge = [Int](repeating: -1, count: sink + 1)
        doneStamp = [Int](repeating: -1, count: sink + 1)
    }

    /// The edges used so far, as a solution.
    func solution() -> AssignmentProblem.Solution {
        let chosen = used.indices.filter { used[$0] }
        return AssignmentProblem.Solution(
            edges: chosen, totalWeight: chosen.reduce(0) { $0 + problem.edges[$1].weight })
    }

    mutating func routeEverySlot() {
        var search = 0
        for need in 0..<needCount {
            for _ in 0..<max(0, problem.needCapacity[need]) {
                route(from: need, search: search)
                search += 1
            }
        }
    }

    /// Routes one slot of `start` along a shortest augmenting path.
    mutating func route(from start: Int, search: Int) {
        var heap = Heap<Label>()
        finalised.removeAll(keepingCapacity: true)
        func reach(_ node: Int, _ value: Int, via edge: Int, _ heap: inout Heap<Label>) {
            if stamp[node] != search || value < distance[node] {
                stamp[node] = search
                distance[node] = value
                viaEdge[node] = edge
                heap.insert(Label(distance: value, node: node))
            }
        }
        reach(start, 0, via: -1, &heap)
        while let label = heap.popMin() {
            let node = label.node
            guard label.distance == distance[node], doneStamp[node] != search else { continue }
            doneStamp[node] = search
            finalised.append(node)
            if node == sink { break }
            if node == skip
                || (node >= needCount
                    && personLoad[node - needCount] < problem.personCapacity[node - needCount])
            {
                reach(
                    sink, label.distance + potential[node] - potential[sink], via: -(node + 2),
                    &heap)
            }
            if node == skip { continue }
            if node < needCount {
                // Leave the slot empty, or take an edge not yet used.
                reach(
                    skip, label.distance + potential[node] - potential[skip], via: -(node + 2),
                    &heap)
                for position in needEdgeStart[node]..<needEdgeStart[node + 1] {
                    let edge = needEdges[position]
                    guard !used[edge], cost[edge] < 0 else { continue }
                    let person = needCount + problem.edges[edge].person
                    reach(
                        person, label.distance + cost[edge] + potential[node] - potential[person],
                        via: edge, &heap)
                }
            } else {
                // Give up a used edge: back to its need.
                for edge in personUsed[node - needCount] {
                    let need = problem.edges[edge].need
                    reach(
                        need, label.distance - cost[edge] + potential[node] - potential[need],
                        via: edge, &heap)
                }
            }
        }
        let total = distance[sink]
        // Shift the finalised nodes' potentials so that the path's arcs cost 0 (only the
        // difference matters; untouched nodes keep theirs).
        for node in finalised { potential[node] += distance[node] - total }
        // Flip the path: from the end back to the start.
        var node = -viaEdge[sink] - 2
        if node == skip {
            node = -viaEdge[skip] - 2
        } else {
            personLoad[node - needCount] += 1
        }
        while node != start {
            let edge = viaEdge[node]
            if node >= needCount {
                used[edge] = true
                personUsed[node - needCount].append(edge)
                node = problem.edges[edge].need
            } else {
                used[edge] = false
                let person = problem.edges[edge].person
                personUsed[person].removeAll { $0 == edge }
                node = needCount + person
            }
        }
    }

    struct Label: Comparable {
        var distance: Int
        var node: Int
        static func < (lhs: Label, rhs: Label) -> Bool {
            (lhs.distance, lhs.node) < (rhs.distance, rhs.node)
        }
    }
}
