import HeapModule

/// The team repair of ``AssignmentProblem/optimal(honouring:personOrder:)`` done on the exact
/// solver's residual graph, without solving anything again.
///
/// The solver's flow is optimal, so its residual graph has no cycle of negative cost, and its
/// potentials make every residual arc's reduced cost non-negative. Pinning one edge more
/// (forcing a unit of flow on it) changes the optimum by the cheapest residual cycle through
/// that edge, and by nothing else: the difference between the old and the new optimal flows
/// decomposes into cycles, one of which holds the edge, and the others cost at least 0. So the
/// loss of an option (need `n`, person `p`) is the length of the shortest path from `p` back to
/// `n` plus the edge's own reduced cost: one Dijkstra search from `n` per team need covers
/// every option of that need, and stops as soon as nothing cheaper than the best loss found
/// can follow. Pinned edges are never given up (their reverse arcs are left out).
///
/// Nodes are numbered as in ``SlotRouter``: needs, people, the empty-slot node, the sink.
/// Arcs of the residual graph, with their costs (−weight for an edge):
/// need → person (edge not used, worth something), person → need (edge used and not pinned,
/// +weight), person → sink (room left), sink → person (some load), need → empty slot,
/// empty slot → need (the need has an empty slot), empty slot → sink, sink → empty slot
/// (some slot is empty). Arcs into the search's start need end the cycle.
struct TeamRepair {
    private(set) var router: SlotRouter
    /// Edges no later repair may give up.
    private var isPinned: [Bool]
    /// Empty slots of each need.
    private var emptySlots: [Int]
    /// Needs with an empty slot, and people with some load: the ends of the arcs out of the
    /// empty-slot node and out of the sink.
    private var needsWithEmptySlots: MemberList
    private var loadedPeople: MemberList
    // Per-search scratch, valid where `stamp` equals `search`.
    private var search = 0
    private var distance: [Int]
    private var rank: [Int]
    private var stamp: [Int]
    private var isDone: [Int]
    /// The edge a node was reached by, or `-(node + 2)` of the node it was reached from.
    private var via: [Int]
    private var finalised: [Int] = []
    /// Where the current search returns to its start need, once it has.
    private var end: (distance: Int, rank: Int, via: Int)?
    /// The cycle of the best option found by ``cheapestOption(from:to:personOrder:)``.
    private var kept: Cycle?

    /// The repair of the solved `router` (``SlotRouter/routeEverySlot()`` done).
    init(router: SlotRouter) {
        self.router = router
        let problem = router.problem
        isPinned = [Bool](repeating: false, count: problem.edges.count)
        var empty = problem.needCapacity.map { max(0, $0) }
        for (index, edge) in problem.edges.enumerated() where router.used[index] {
            empty[edge.need] -= 1
        }
        emptySlots = empty
        needsWithEmptySlots = MemberList(
            size: empty.count, members: empty.indices.filter { empty[$0] > 0 })
        loadedPeople = MemberList(
            size: problem.personCapacity.count,
            members: router.personLoad.indices.filter { router.personLoad[$0] > 0 })
        let nodes = router.sink + 1
        distance = [Int](repeating: 0, count: nodes)
        rank = [Int](repeating: 0, count: nodes)
        stamp = [Int](repeating: -1, count: nodes)
        isDone = [Int](repeating: -1, count: nodes)
        via = [Int](repeating: -1, count: nodes)
        #if DEBUG
            checkReducedCosts()
        #endif
    }

    /// The first chosen edge (by index) from one of `needs` to one of `speakers`.
    func firstChosenEdge(from needs: [Int], to speakers: Set<Int>) -> Int? {
        needs.compactMap { need in
            edges(of: need).first {
                router.used[$0] && speakers.contains(router.problem.edges[$0].person)
            }
        }.min()
    }

    /// Keeps `edge` (chosen) chosen by every later repair.
    mutating func pin(_ edge: Int) {
        isPinned[edge] = true
    }

    /// The option of least loss (in the solver's integer cost units): an edge from one of `needs`
    /// to one of `speakers`, not chosen, whose pinning is feasible. Ties go to the lower need,
    /// then the person first in `personOrder`. Nil when there is none.
    mutating func cheapestOption(
        from needs: [Int], to speakers: Set<Int>, personOrder: (Int, Int) -> Bool
    ) -> (edge: Int, loss: Int)? {
        var best: (edge: Int, loss: Int)?
        for need in Set(needs).sorted() {
            let options = edges(of: need).filter {
                !router.used[$0] && speakers.contains(router.problem.edges[$0].person)
            }
            .sorted {
                personOrder(router.problem.edges[$0].person, router.problem.edges[$1].person)
            }
            // Reduced costs past the first arc are never negative, so no option of this need
            // costs less than its cheapest first arc: a need that cannot beat the best found
            // is not searched. A cycle written down directly bounds the search from above.
            guard let cheapestFirstArc = options.map(firstArcCost).min(),
                cheapestFirstArc < best?.loss ?? Int.max
            else { continue }
            let shortCycle = options.compactMap(shortCycleCost).min().map { $0 + 1 } ?? Int.max
            guard
                let found = cheapestCycle(
                    from: need, options: options, below: min(best?.loss ?? Int.max, shortCycle))
            else { continue }
            best = (options[found.rank], found.distance)
            kept = foundCycle(option: options[found.rank], length: found.distance)
        }
        return best
    }

    /// The cycle the last search found, to be applied without searching again.
    private func foundCycle(option: Int, length: Int) -> Cycle {
        let start = router.problem.edges[option].need
        var arcs: [(node: Int, arc: Int)] = []
        var arc = end!.via
        var node = start
        while true {
            arcs.append((node, arc))
            if arc >= 0 {
                let edge = router.problem.edges[arc]
                if node >= router.needCount, edge.need == start { break }
                node = node < router.needCount ? router.needCount + edge.person : edge.need
            } else {
                node = -arc - 2
            }
            arc = via[node]
        }
        return Cycle(
            option: option, length: length, arcs: arcs,
            shifts: finalised.map { ($0, distance[$0] - length) })
    }

    /// Pins `edge` (not chosen, from `need`) and moves the flow along the cheapest cycle through
    /// it: afterwards the chosen edges are the optimum with every pinned edge chosen, and the
    /// potentials keep every residual arc's reduced cost non-negative.
    /// Returns the change in the chosen edges' total weight (the loss, negated).
    mutating func repair(pinning option: (edge: Int, loss: Int)) -> Double {
        let edge = option.edge
        let cycle: Cycle
        if let kept, kept.option == edge {
            cycle = kept
        } else {
            let start = router.problem.edges[edge].need
            guard let found = cheapestCycle(from: start, options: [edge], below: option.loss + 1)
            else {
                preconditionFailure("pinning edge \(edge) was found feasible and is not")
            }
            cycle = foundCycle(option: edge, length: found.distance)
        }
        kept = nil
        // Nodes finalised below the cycle's length move by their distance less it (the start
        // by nothing), so that the cycle's arcs cost 0 and every other arc stays non-negative.
        for (node, shift) in cycle.shifts { router.potential[node] += shift }
        var change = 0.0
        for (node, arc) in cycle.arcs {
            if arc >= 0 {
                let reached = router.problem.edges[arc]
                if node < router.needCount {
                    // Person → need: the edge is given up.
                    setUsed(arc, false)
                    change -= reached.weight
                } else {
                    // Need → person: the edge is taken.
                    setUsed(arc, true)
                    change += reached.weight
                }
            } else {
                let from = -arc - 2
                if node < router.needCount {
                    // Empty slot → need: the need fills an empty slot.
                    changeEmptySlots(of: node, by: -1)
                } else if node < router.skip {
                    // Sink → person: the person gives a need back.
                    changeLoad(of: node - router.needCount, by: -1)
                } else if node == router.skip, from < router.needCount {
                    // Need → empty slot: the need leaves a slot empty.
                    changeEmptySlots(of: from, by: 1)
                } else if node == router.sink, from < router.skip {
                    // Person → sink: the person takes a need more.
                    changeLoad(of: from - router.needCount, by: 1)
                }
            }
        }
        isPinned[edge] = true
        #if DEBUG
            checkReducedCosts()
        #endif
        return change
    }

    /// The reduced cost of taking `edge` (not chosen).
    private func firstArcCost(_ edge: Int) -> Int {
        let problem = router.problem
        return router.cost[edge] + router.potential[problem.edges[edge].need]
            - router.potential[router.needCount + problem.edges[edge].person]
    }

    /// The reduced cost of the cheapest of the short cycles through `edge` (from need `n` to
    /// person `p`, not chosen), if there is one: `p` takes `n` into its room or gives up one of
    /// its needs (which leaves the slot empty), and `n` frees a slot by giving up one of its
    /// people or fills an empty one. An upper bound on the option's loss.
    private func shortCycleCost(_ edge: Int) -> Int? {
        let problem = router.problem
        let potential = router.potential
        let (needCount, skip, sink) = (router.needCount, router.skip, router.sink)
        let need = problem.edges[edge].need
        let person = problem.edges[edge].person
        let node = needCount + person
        let first = firstArcCost(edge)
        // To the sink (the person has room) or to the empty-slot node (they give a need up).
        var toSink: Int? =
            router.personLoad[person] < problem.personCapacity[person]
            ? first + potential[node] - potential[sink] : nil
        var toSkip = router.personUsed[person].filter { !isPinned[$0] }
            .map { first - router.cost[$0] + potential[node] - potential[skip] }.min()
        if let viaSkip = toSkip.map({ $0 + potential[skip] - potential[sink] }) {
            toSink = min(toSink ?? viaSkip, viaSkip)
        }
        if !needsWithEmptySlots.members.isEmpty, let viaSink = toSink.map({ $0 + potential[sink] - potential[skip] }) {
            toSkip = min(toSkip ?? viaSink, viaSink)
        }
        // Back to the need: it gives a person up (who gives the sink a unit back), or fills an
        // empty slot.
        let fromSink = edges(of: need).filter { router.used[$0] && !isPinned[$0] }
            .map { potential[sink] - router.cost[$0] - potential[need] }.min()
        let fromSkip = emptySlots[need] > 0 ? potential[skip] - potential[need] : nil
        return [
            toSink.flatMap { start in fromSink.map { start + $0 } },
            toSkip.flatMap { start in fromSkip.map { start + $0 } },
        ].compactMap { $0 }.min()
    }

    /// The shortest cycle that leaves `start` by one of `options` (ranked by position) and
    /// returns to it, by (length, rank), if one is shorter than `bound`.
    private mutating func cheapestCycle(from start: Int, options: [Int], below bound: Int?)
        -> (distance: Int, rank: Int)?
    {
        search += 1
        finalised.removeAll(keepingCapacity: true)
        end = nil
        let problem = router.problem
        let needCount = router.needCount
        let (skip, sink) = (router.skip, router.sink)
        var heap = Heap<Label>()
        let limit = bound ?? Int.max
        func reach(_ node: Int, _ value: Int, _ origin: Int, via arc: Int) {
            guard value < limit else { return }
            if node == start {
                if end == nil || (value, origin) < (end!.distance, end!.rank) {
                    end = (value, origin, arc)
                }
                return
            }
            if stamp[node] != search || (value, origin) < (distance[node], rank[node]) {
                stamp[node] = search
                distance[node] = value
                rank[node] = origin
                via[node] = arc
                heap.insert(Label(distance: value, rank: origin, node: node))
            }
        }
        let potential = router.potential
        for (position, edge) in options.enumerated() {
            let person = needCount + problem.edges[edge].person
            reach(
                person, router.cost[edge] + potential[start] - potential[person], position, via: edge)
        }
        while let label = heap.popMin() {
            if let end, (label.distance, label.rank) >= (end.distance, end.rank) { break }
            let node = label.node
            guard stamp[node] == search, isDone[node] != search,
                (label.distance, label.rank) == (distance[node], rank[node])
            else { continue }
            isDone[node] = search
            finalised.append(node)
            let (d, origin) = (label.distance, label.rank)
            if node < needCount {
                for position in router.needEdgeStart[node]..<router.needEdgeStart[node + 1] {
                    let edge = router.needEdges[position]
                    guard !router.used[edge], router.cost[edge] < 0 else { continue }
                    let person = needCount + problem.edges[edge].person
                    reach(
                        person, d + router.cost[edge] + potential[node] - potential[person], origin,
                        via: edge)
                }
                reach(skip, d + potential[node] - potential[skip], origin, via: -(node + 2))
            } else if node < skip {
                for edge in router.personUsed[node - needCount] where !isPinned[edge] {
                    let need = problem.edges[edge].need
                    reach(
                        need, d - router.cost[edge] + potential[node] - potential[need], origin,
                        via: edge)
                }
                if router.personLoad[node - needCount] < problem.personCapacity[node - needCount] {
                    reach(sink, d + potential[node] - potential[sink], origin, via: -(node + 2))
                }
            } else if node == skip {
                reach(sink, d + potential[skip] - potential[sink], origin, via: -(skip + 2))
                for need in needsWithEmptySlots.members {
                    reach(need, d + potential[skip] - potential[need], origin, via: -(skip + 2))
                }
            } else {
                for person in loadedPeople.members {
                    let node = needCount + person
                    reach(node, d + potential[sink] - potential[node], origin, via: -(sink + 2))
                }
                if !needsWithEmptySlots.members.isEmpty {
                    reach(skip, d + potential[sink] - potential[skip], origin, via: -(sink + 2))
                }
            }
        }
        return end.map { ($0.distance, $0.rank) }
    }

    private func edges(of need: Int) -> ArraySlice<Int> {
        router.needEdges[router.needEdgeStart[need]..<router.needEdgeStart[need + 1]]
    }

    private mutating func setUsed(_ edge: Int, _ isUsed: Bool) {
        router.used[edge] = isUsed
        let person = router.problem.edges[edge].person
        if isUsed {
            router.personUsed[person].append(edge)
        } else {
            router.personUsed[person].removeAll { $0 == edge }
        }
    }

    private mutating func changeEmptySlots(of need: Int, by change: Int) {
        emptySlots[need] += change
        if emptySlots[need] > 0 { needsWithEmptySlots.insert(need) } else { needsWithEmptySlots.remove(need) }
    }

    private mutating func changeLoad(of person: Int, by change: Int) {
        router.personLoad[person] += change
        if router.personLoad[person] > 0 { loadedPeople.insert(person) } else { loadedPeople.remove(person) }
    }

    #if DEBUG
        /// Every residual arc's reduced cost is non-negative (what the searches rely on).
        private func checkReducedCosts() {
            let problem = router.problem
            let potential = router.potential
            let (needCount, skip, sink) = (router.needCount, router.skip, router.sink)
            for (index, edge) in problem.edges.enumerated() {
                let (need, person) = (edge.need, needCount + edge.person)
                if router.used[index] {
                    precondition(
                        isPinned[index] || -router.cost[index] + potential[person] - potential[need] >= 0)
                } else if router.cost[index] < 0 {
                    precondition(router.cost[index] + potential[need] - potential[person] >= 0)
                }
            }
            for need in 0..<needCount {
                precondition(potential[need] - potential[skip] >= 0)
                precondition(emptySlots[need] == 0 || potential[skip] - potential[need] >= 0)
            }
            for person in problem.personCapacity.indices {
                let node = needCount + person
                if router.personLoad[person] < problem.personCapacity[person] {
                    precondition(potential[node] - potential[sink] >= 0)
                }
                if router.personLoad[person] > 0 { precondition(potential[sink] - potential[node] >= 0) }
            }
            precondition(potential[skip] - potential[sink] >= 0)
            precondition(
                needsWithEmptySlots.members.isEmpty || potential[sink] - potential[skip] >= 0)
        }
    #endif

    /// A cycle found by a search: its arcs (each with the node it enters, from the end back to
    /// the option) and the potential shifts that keep reduced costs non-negative once it is
    /// applied.
    private struct Cycle {
        var option: Int
        var length: Int
        var arcs: [(node: Int, arc: Int)]
        var shifts: [(node: Int, shift: Int)]
    }

    private struct Label: Comparable {
        var distance: Int
        var rank: Int
        var node: Int
        static func < (lhs: Label, rhs: Label) -> Bool {
            (lhs.distance, lhs.rank, lhs.node) < (rhs.distance, rhs.rank, rhs.node)
        }
    }
}

/// A set of small integers with constant-time insertion and removal, whose members can be
/// walked in a deterministic order.
private struct MemberList {
    private(set) var members: [Int]
    private var position: [Int]

    init(size: Int, members: [Int]) {
        self.members = members
        position = [Int](repeating: -1, count: size)
        for (index, member) in members.enumerated() { position[member] = index }
    }

    mutating func insert(_ member: Int) {
        guard position[member] < 0 else { return }
        position[member] = members.count
        members.append(member)
    }

    mutating func remove(_ member: Int) {
        let index = position[member]
        guard index >= 0 else { return }
        let last = members.removeLast()
        if last != member {
            members[index] = last
            position[last] = index
        }
        position[member] = -1
    }
}
