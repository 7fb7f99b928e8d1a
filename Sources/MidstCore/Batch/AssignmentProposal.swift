extension Batch {
    /// The batch's assignment phase: who should be asked for which need.
    public struct Proposal: Sendable {
        /// One proposed (need, person) pair.
        public struct Pair: Hashable, Sendable {
            /// Why a pair is proposed.
            public enum Basis: String, Sendable, CaseIterable {
                /// Chosen by the solver from the shortlists.
                case chosen
                /// A coordinator pinned it (`midst decide --pin`).
                case pinned
                /// The person was asked and has not answered yet: kept, not proposed afresh.
                case asked
            }

            /// The need's position in the run's list of needs.
            public var need: Int
            /// The person's row in the ``StaffTable``.
            public var row: Int32
            public var score: Double
            public var basis: Basis

            public init(need: Int, row: Int32, score: Double, basis: Basis = .chosen) {
                self.need = need
                self.row = row
                self.score = score
                self.basis = basis
            }
        }

        /// The chosen pairs, by need then staff id.
        public var pairs: [Pair]
        /// Sum of the chosen scores (not of the priority-weighted weights).
        public var total: Double
        /// The objective (priority-weighted total) reached by the exact solver and by the greedy
        /// baseline, both always computed; the exact one is never below the greedy one.
        public var optimalTotal: Double
        public var greedyTotal: Double
        /// Edges in the problem.
        public var edgeCount: Int

        /// The weight of an edge: the score times the need's priority multiplier,
        /// `1 + priorityStep × (priority − 3)` (priority 3 is neutral; with the default step 0.1,
        /// priority 5 counts 1.2×, priority 1 counts 0.8×).
        public static func weight(score: Double, priority: Int, priorityStep: Double) -> Double {
            score * (1 + priorityStep * Double(priority - 3))
        }

        /// Proposes pairs from the shortlists (the only edges considered), within each need's slots
        /// and each person's free capacity, maximising the total priority-weighted score.
        /// `useGreedy` picks the greedy baseline's choice instead of the exact one.
        ///
        /// `pinned` pairs (fixed before solving: asks awaited and coordinators' pins) are always
        /// proposed and count against both capacities first; the solver fills what is left.
        /// `slots` are the needs' open slots (their slots when nil).
        public init(
            shortlists: [[Shortlisting.Entry]], needs: [Need], slots: [Int]? = nil, table: StaffTable,
            priorityStep: Double = 0.1,
            useGreedy: Bool = false, pinned: [Pair] = []
        ) {
            var slotsLeft = slots ?? needs.map(\.slots)
            var capacityLeft: [Int32: Int] = [:]
            for pin in pinned {
                slotsLeft[pin.need] = max(0, slotsLeft[pin.need] - 1)
                capacityLeft[pin.row, default: Int(table.freeCapacity[Int(pin.row)])] -= 1
            }
            let pinnedPairs = Set(pinned.map { PairKey(need: $0.need, row: $0.row) })
            var personIndex: [Int32: Int] = [:]
            var personRows: [Int32] = []
            var edges: [AssignmentProblem.Edge] = []
            var scores: [Double] = []
            for (need, list) in shortlists.enumerated() {
                for entry in list where !pinnedPairs.contains(PairKey(need: need, row: entry.row)) {
                    let person: Int
                    if let known = personIndex[entry.row] {
                        person = known
                    } else {
                        person = personRows.count
                        personIndex[entry.row] = person
                        personRows.append(entry.row)
                    }
                    edges.append(
                        .init(
                            need: need, person: person,
                            weight: Self.weight(
                                score: entry.score, priority: needs[need].priority,
                                priorityStep: priorityStep)))
                    scores.append(entry.score)
                }
            }
            let problem = AssignmentProblem(
                needCapacity: slotsLeft,
                personCapacity: personRows.map {
                    max(0, capacityLeft[$0] ?? Int(table.freeCapacity[Int($0)]))
                },
                edges: edges)
            let optimal = problem.optimal()
            let greedy = problem.greedy()
            let chosen = useGreedy ? greedy : optimal
            pairs =
                (pinned
                + chosen.edges.map {
                    Pair(need: edges[$0].need, row: personRows[edges[$0].person], score: scores[$0])
                })
                .sorted { ($0.need, table.idRank[Int($0.row)]) < ($1.need, table.idRank[Int($1.row)]) }
            total = pairs.reduce(0) { $0 + $1.score }
            let pinnedWeight = pinned.reduce(0) {
                $0
                    + Self.weight(
                        score: $1.score, priority: needs[$1.need].priority, priorityStep: priorityStep)
            }
            optimalTotal = pinnedWeight + optimal.totalWeight
            greedyTotal = pinnedWeight + greedy.totalWeight
            edgeCount = edges.count
        }

        private struct PairKey: Hashable {
            var need: Int
            var row: Int32
        }
    }
}
