import HeapModule

extension TeamRepair {
    /// The cheapest cycle that leaves `start` by one of `options` (ranked by position) and
    /// returns to it, by (length, rank), if one is shorter than `bound`; kept as ``kept`` for
    /// ``repair(pinning:)``.
    ///
    /// Two Dijkstra searches on the reduced costs meet in the middle: one forward from the
    /// options, one backward from `start`. Neither expands the empty-slot node or the sink:
    /// almost every path reaches one of them within a few arcs, and beyond them lies a plateau of
    /// arcs of reduced cost 0 (loaded people, used pairs) that a one-sided search would explore
    /// to the end. Each side only takes the arcs between the two hubs; a hub a side has reached
    /// counts, at its label, as if it were still waiting in that side's queue. The search stops
    /// when the smaller of each side's queue top and its hubs' labels add up to at least the
    /// best cycle found (more, or equal with a rank no lower than the forward side's, since a
    /// lower rank wins a tie): every node of a cheaper cycle would then be settled by one side,
    /// with its neighbour on the cycle settled by the other, so the cycle was seen where they
    /// meet. Only if both sides are held up by their hubs and that sum is still short is a hub
    /// expanded (the forward side's first: its arcs go to loaded people only).
    ///
    /// The nodes each side settled make the potential update of ``repair(pinning:)``
    /// (``lastCycle(option:)``): no other node needs one.
    mutating func cheapestCycle(from start: Int, options: [Int], below bound: Int) -> (
        distance: Int, rank: Int
    )? {
        search += 1
        forwardSettled.removeAll(keepingCapacity: true)
        backwardSettled.removeAll(keepingCapacity: true)
        meeting = nil
        var forward = Heap<ForwardLabel>()
        var backward = Heap<BackwardLabel>()
        var hubsHeldForward: [ForwardLabel] = []
        var hubsHeldBackward: [BackwardLabel] = []
        let problem = router.problem
        let potential = router.potential
        let (needCount, skip, sink) = (router.needCount, router.skip, router.sink)

        func offer(_ candidate: Meeting) {
            guard candidate.distance < bound else { return }
            if let meeting, (candidate.distance, candidate.rank) >= (meeting.distance, meeting.rank)
            {
                return
            }
            meeting = candidate
        }
        func reachForward(_ node: Int, _ value: Int, _ origin: Int, via arc: Int) {
            guard value < bound else { return }
            if node == start {
                offer(Meeting(distance: value, rank: origin, node: start, lastArc: arc))
                return
            }
            guard
                forwardStamp[node] != search
                    || (value, origin) < (forwardDistance[node], forwardRank[node])
            else { return }
            forwardStamp[node] = search
            forwardDistance[node] = value
            forwardRank[node] = origin
            forwardVia[node] = arc
            forward.insert(ForwardLabel(distance: value, rank: origin, node: node))
            if backwardStamp[node] == search {
                offer(
                    Meeting(
                        distance: value + backwardDistance[node], rank: origin, node: node,
                        lastArc: nil))
            }
        }
        func reachBackward(_ node: Int, _ value: Int, via arc: Int) {
            guard value < bound else { return }
            guard backwardStamp[node] != search || value < backwardDistance[node] else { return }
            backwardStamp[node] = search
            backwardDistance[node] = value
            backwardVia[node] = arc
            backward.insert(BackwardLabel(distance: value, node: node))
            if forwardStamp[node] == search {
                offer(
                    Meeting(
                        distance: forwardDistance[node] + value, rank: forwardRank[node],
                        node: node, lastArc: nil))
            }
        }
        /// Arcs out of `node` (settled forward at `d`, `origin`); a hub's only to the other hub
        /// unless `expandingHub`.
        func expandForward(_ node: Int, _ d: Int, _ origin: Int, expandingHub: Bool = false) {
            if node < needCount {
                for position in router.needEdgeStart[node]..<router.needEdgeStart[node + 1] {
                    let edge = router.needEdges[position]
                    guard !router.used[edge], router.cost[edge] < 0 else { continue }
                    let person = needCount + problem.edges[edge].person
                    reachForward(
                        person, d + router.cost[edge] + potential[node] - potential[person],
                        origin, via: edge)
                }
                reachForward(skip, d + potential[node] - potential[skip], origin, via: -(node + 2))
            } else if node < skip {
                for edge in router.personUsed[node - needCount] where !isPinned[edge] {
                    let need = problem.edges[edge].need
                    reachForward(
                        need, d - router.cost[edge] + potential[node] - potential[need], origin,
                        via: edge)
                }
                if router.personLoad[node - needCount] < problem.personCapacity[node - needCount] {
                    reachForward(
                        sink, d + potential[node] - potential[sink], origin, via: -(node + 2))
                }
            } else if node == skip {
                if expandingHub {
                    for need in needsWithEmptySlots.members {
                        reachForward(
                            need, d + potential[skip] - potential[need], origin, via: -(skip + 2))
                    }
                } else {
                    reachForward(
                        sink, d + potential[skip] - potential[sink], origin, via: -(skip + 2))
                }
            } else {
                if expandingHub {
                    for person in loadedPeople.members {
                        let node = needCount + person
                        reachForward(
                            node, d + potential[sink] - potential[node], origin, via: -(sink + 2))
                    }
                } else if !needsWithEmptySlots.members.isEmpty {
                    reachForward(
                        skip, d + potential[sink] - potential[skip], origin, via: -(sink + 2))
                }
            }
        }
        /// Arcs into `node` (settled backward at `d`); a hub's only from the other hub unless
        /// `expandingHub`.
        func expandBackward(_ node: Int, _ d: Int, expandingHub: Bool = false) {
            if node < needCount {
                for position in router.needEdgeStart[node]..<router.needEdgeStart[node + 1] {
                    let edge = router.needEdges[position]
                    guard router.used[edge], !isPinned[edge] else { continue }
                    let person = needCount + problem.edges[edge].person
                    reachBackward(
                        person, d - router.cost[edge] + potential[person] - potential[node],
                        via: edge)
                }
                if emptySlots[node] > 0 {
                    reachBackward(skip, d + potential[skip] - potential[node], via: -(node + 2))
                }
            } else if node < skip {
                let person = node - needCount
                for position in personEdgeStart[person]..<personEdgeStart[person + 1] {
                    let edge = personEdges[position]
                    guard !router.used[edge], router.cost[edge] < 0 else { continue }
                    let need = problem.edges[edge].need
                    reachBackward(
                        need, d + router.cost[edge] + potential[need] - potential[node], via: edge)
                }
                if router.personLoad[person] > 0 {
                    reachBackward(sink, d + potential[sink] - potential[node], via: -(node + 2))
                }
            } else if node == skip {
                if expandingHub {
                    for need in 0..<needCount {
                        reachBackward(need, d + potential[need] - potential[skip], via: -(skip + 2))
                    }
                } else if !needsWithEmptySlots.members.isEmpty {
                    reachBackward(sink, d + potential[sink] - potential[skip], via: -(skip + 2))
                }
            } else {
                if expandingHub {
                    for person in problem.personCapacity.indices
                    where router.personLoad[person] < problem.personCapacity[person] {
                        let node = needCount + person
                        reachBackward(node, d + potential[node] - potential[sink], via: -(sink + 2))
                    }
                } else {
                    reachBackward(skip, d + potential[skip] - potential[sink], via: -(sink + 2))
                }
            }
        }

        backwardStamp[start] = search
        backwardDistance[start] = 0
        backwardVia[start] = -1
        backward.insert(BackwardLabel(distance: 0, node: start))
        for (position, edge) in options.enumerated() {
            let person = needCount + problem.edges[edge].person
            reachForward(
                person, router.cost[edge] + potential[start] - potential[person], position,
                via: edge)
        }
        while true {
            while let top = forward.min,
                forwardDone[top.node] == search
                    || (top.distance, top.rank) != (
                        forwardDistance[top.node], forwardRank[top.node]
                    )
            {
                forward.removeMin()
            }
            while let top = backward.min,
                backwardDone[top.node] == search || top.distance != backwardDistance[top.node]
            {
                backward.removeMin()
            }
            let heldForward = hubsHeldForward.min()
            let heldBackward = hubsHeldBackward.min()
            let forwardQueueLeads =
                forward.min.map { top in heldForward.map { top < $0 } ?? true } ?? false
            let backwardQueueLeads =
                backward.min.map { top in heldBackward.map { top.distance < $0.distance } ?? true }
                ?? false
            // A side with nothing left to settle or expand ends the search: every cycle
            // needs both halves.
            guard let forwardRadius = [forward.min, heldForward].compactMap({ $0 }).min(),
                let backwardRadius = [backward.min?.distance, heldBackward?.distance]
                    .compactMap({ $0 }).min()
            else { break }
            let reach = forwardRadius.distance + backwardRadius
            if let meeting {
                if reach > meeting.distance
                    || (reach == meeting.distance && forwardRadius.rank >= meeting.rank)
                {
                    break
                }
            } else if reach >= bound {
                break
            }
            if forwardQueueLeads,
                !backwardQueueLeads || forward.min!.distance <= backward.min!.distance
            {
                let label = forward.removeMin()
                forwardDone[label.node] = search
                forwardSettled.append(label.node)
                if label.node >= skip { hubsHeldForward.append(label) }
                expandForward(label.node, label.distance, label.rank)
            } else if backwardQueueLeads {
                let label = backward.removeMin()
                backwardDone[label.node] = search
                backwardSettled.append(label.node)
                if label.node >= skip { hubsHeldBackward.append(label) }
                expandBackward(label.node, label.distance)
            } else if let hub = heldForward {
                hubsHeldForward.removeAll { $0 == hub }
                expandForward(hub.node, hub.distance, hub.rank, expandingHub: true)
            } else if let hub = heldBackward {
                hubsHeldBackward.removeAll { $0 == hub }
                expandBackward(hub.node, hub.distance, expandingHub: true)
            } else {
                break
            }
        }
        guard let meeting else { return nil }
        forwardSettledBelow = min(
            forwardRadiusAtStop(forward: forward, held: hubsHeldForward), meeting.distance)
        return (meeting.distance, meeting.rank)
    }

    private func forwardRadiusAtStop(forward: Heap<ForwardLabel>, held: [ForwardLabel]) -> Int {
        ([forward.min?.distance] + held.map(\.distance)).compactMap { $0 }.min() ?? Int.max
    }

    /// The cycle of the last search, from its option's arc to its last arc into the start:
    /// each arc with the node it enters, as ``repair(pinning:)`` flips them. Where the two halves
    /// cross (a closed walk), the loop between is cut out: it costs 0, so the cycle keeps its
    /// length.
    func lastCycle(option: Int) -> Cycle {
        let meeting = meeting!
        let problem = router.problem
        let needCount = router.needCount
        let start = problem.edges[option].need
        var forwardArcs: [(node: Int, arc: Int)] = []
        var node = meeting.node
        if let last = meeting.lastArc {
            forwardArcs.append((start, last))
            node = last >= 0 ? needCount + problem.edges[last].person : -last - 2
        }
        while true {
            let arc = forwardVia[node]
            forwardArcs.append((node, arc))
            if arc >= 0 {
                let edge = problem.edges[arc]
                if node >= needCount {
                    if edge.need == start { break }
                    node = edge.need
                } else {
                    node = needCount + edge.person
                }
            } else {
                node = -arc - 2
            }
        }
        var arcs = Array(forwardArcs.reversed())
        node = meeting.node
        while node != start {
            let arc = backwardVia[node]
            let next: Int
            if arc >= 0 {
                let edge = problem.edges[arc]
                next = node < needCount ? needCount + edge.person : edge.need
                arcs.append((next, arc))
            } else {
                next = -arc - 2
                arcs.append((next, -(node + 2)))
            }
            node = next
        }
        // Cut loops: keep the first entry into each node and skip to its last.
        var cut: [(node: Int, arc: Int)] = []
        var position: [Int: Int] = [:]
        for entry in arcs {
            if let earlier = position[entry.node], entry.node != start {
                for removed in cut[(earlier + 1)...] { position[removed.node] = nil }
                cut.removeSubrange((earlier + 1)...)
                continue
            }
            position[entry.node] = cut.count
            cut.append(entry)
        }
        // The potential update: with the cycle's length L split as a + b (a where the forward
        // side stopped settling), a node the forward side settled at F < a moves by F − a, one the
        // backward side settled at B < b by b − B, every other node by nothing. No node is in both
        // (F + B ≥ L for every node, or a cheaper cycle would pass through it); every arc keeps a
        // reduced cost ≥ 0 (for an arc between the two sides because F + cost + B ≥ L), and the
        // cycle's arcs, whose nodes all have F + B = L, move to exactly 0, so their reverses are
        // arcs of cost 0 once the cycle is applied. The one-sided search moved every node closer
        // than L, which is most of the graph; these are only the nodes the two sides settled.
        let length = meeting.distance
        let split = forwardSettledBelow
        let rest = length - split
        var shifts: [(node: Int, shift: Int)] = []
        for node in forwardSettled where forwardDistance[node] < split {
            shifts.append((node, forwardDistance[node] - split))
        }
        for node in backwardSettled where backwardDistance[node] < rest {
            shifts.append((node, rest - backwardDistance[node]))
        }
        return Cycle(option: option, length: length, arcs: cut, shifts: shifts)
    }

    /// Where the two searches' best cycle was seen: a node both reached, or the start reached
    /// forward by `lastArc`.
    struct Meeting {
        var distance: Int
        var rank: Int
        var node: Int
        var lastArc: Int?
    }

    struct ForwardLabel: Comparable {
        var distance: Int
        var rank: Int
        var node: Int
        static func < (lhs: ForwardLabel, rhs: ForwardLabel) -> Bool {
            (lhs.distance, lhs.rank, lhs.node) < (rhs.distance, rhs.rank, rhs.node)
        }
    }

    struct BackwardLabel: Comparable {
        var distance: Int
        var node: Int
        static func < (lhs: BackwardLabel, rhs: BackwardLabel) -> Bool {
            (lhs.distance, lhs.node) < (rhs.distance, rhs.node)
        }
    }
}
