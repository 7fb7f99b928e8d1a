/// The team repair of ``AssignmentProblem/optimal(honouring:personOrder:)`` done on the exact
/// solver's residual graph, without solving anything again.
///
/// The solver's flow is optimal, so its residual graph has no cycle of negative cost, and its
/// potentials make every residual arc's reduced cost non-negative. Pinning one edge more
/// (forcing a unit of flow on it) changes the optimum by the cheapest residual cycle through
/// that edge, and by nothing else: the difference between the old and the new optimal flows
/// decomposes into cycles, one of which holds the edge, and the others cost at least 0. So the
/// loss of an option (need `n`, person `p`) is the length of the shortest path from `p` back to
/// `n` plus the edge's own reduced cost: one search from `n` per team need covers every option
/// of that need (``cheapestCycle(from:options:below:)``, forward from the options and backward
/// from `n`, meeting in the middle), and stops as soon as nothing cheaper than the best loss
/// found can follow. Pinned edges are never given up (their reverse arcs are left out).
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
    var isPinned: [Bool]
    /// Empty slots of each need.
    var emptySlots: [Int]
    /// Needs with an empty slot, and people with some load: the ends of the arcs out of the
    /// empty-slot node and out of the sink.
    var needsWithEmptySlots: MemberList
    var loadedPeople: MemberList
    /// Edges of each person, in problem order: the arcs into a person, for backward searches.
    let personEdgeStart: [Int]
    let personEdges: [Int]
    // Per-search scratch of ``cheapestCycle(from:options:below:)``, valid where a stamp equals
    // `search`. A via is the edge a node was reached by (forward) or leaves by towards the start
    // (backward), or `-(node + 2)` of the hub arc's other end.
    var search = 0
    var forwardDistance: [Int]
    var forwardRank: [Int]
    var forwardVia: [Int]
    var forwardStamp: [Int]
    var forwardDone: [Int]
    var backwardDistance: [Int]
    var backwardVia: [Int]
    var backwardStamp: [Int]
    var backwardDone: [Int]
    var forwardSettled: [Int] = []
    var backwardSettled: [Int] = []
    /// The best cycle the current search has seen.
    var meeting: Meeting?
    /// The last search's forward side settled every node closer than this (at most the cycle's
    /// length); its backward side every node closer than the rest of the cycle.
    var forwardSettledBelow = 0
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
        var counts = [Int](repeating: 0, count: problem.personCapacity.count + 1)
        for edge in problem.edges { counts[edge.person + 1] += 1 }
        for person in problem.personCapacity.indices { counts[person + 1] += counts[person] }
        var next = counts
        var personEdges = [Int](repeating: 0, count: problem.edges.count)
        for (index, edge) in problem.edges.enumerated() {
            personEdges[next[edge.person]] = index
            next[edge.person] += 1
        }
        personEdgeStart = counts
        self.personEdges = personEdges
        let nodes = router.sink + 1
        forwardDistance = [Int](repeating: 0, count: nodes)
        forwardRank = [Int](repeating: 0, count: nodes)
        forwardVia = [Int](repeating: -1, count: nodes)
        forwardStamp = [Int](repeating: -1, count: nodes)
        forwardDone = [Int](repeating: -1, count: nodes)
        backwardDistance = [Int](repeating: 0, count: nodes)
        backwardVia = [Int](repeating: -1, count: nodes)
        backwardStamp = [Int](repeating: -1, count: nodes)
        backwardDone = [Int](repeating: -1, count: nodes)
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
            kept = lastCycle(option: options[found.rank])
        }
        return best
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
            guard cheapestCycle(from: start, options: [edge], below: option.loss + 1) != nil else {
                preconditionFailure("pinning edge \(edge) was found feasible and is not")
            }
            cycle = lastCycle(option: edge)
        }
        kept = nil
        // The nodes the search settled closer than where its halves split move (docs/SCORING.md,
        // "Teams"), so that the cycle's arcs cost 0 and every other arc stays non-negative.
        for (node, shift) in cycle.shifts { router.potential[node] += shift }
        var change = 0.0
        // From the last arc back to the option: the order the loss has always been summed in,
        // so that the reported losses stay the same to the last bit.
        for (node, arc) in cycle.arcs.reversed() {
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

    func edges(of need: Int) -> ArraySlice<Int> {
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
    struct Cycle {
        var option: Int
        var length: Int
        var arcs: [(node: Int, arc: Int)]
        var shifts: [(node: Int, shift: Int)]
    }
}

/// A set of small integers with constant-time insertion and removal, whose members can be
/// walked in a deterministic order.
struct MemberList {
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
