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

        /// How one team language came out of the proposal (docs/SCORING.md, "Teams").
        public struct TeamLanguage: Hashable, Sendable {
            /// Whether the team's language is covered.
            public enum Status: String, Sendable, CaseIterable {
                /// Someone proposed for, asked for or placed on one of the team's needs speaks
                /// it, without a repair.
                case covered
                /// Covered by pinning a shortlisted speaker and moving the optimum to keep them, at
                /// ``loss``.
                case repaired
                /// No shortlisted speaker can be proposed for any of the team's needs.
                case uncovered
            }

            public var team: RecordID
            public var language: Need.LanguageRequirement
            public var status: Status
            /// The need (its position in the run's list) and the person (their row in the
            /// ``StaffTable``) who cover it; nil when uncovered.
            public var need: Int?
            public var row: Int32?
            /// Objective points the repair cost (0 unless ``Status/repaired``).
            public var loss: Double
        }

        /// The chosen pairs, by need then staff id.
        public var pairs: [Pair]
        /// Sum of the chosen scores (not of the priority-weighted weights).
        public var total: Double
        /// The objective (priority-weighted total) reached by the exact solver and by the greedy
        /// baseline, both always computed; the exact one is never below the greedy one.
        public var optimalTotal: Double
        public var greedyTotal: Double
        /// The objective of the pairs proposed: ``optimalTotal`` less the team repairs' losses
        /// with the exact solver, ``greedyTotal`` with the greedy one.
        public var objective: Double
        /// Each team's languages, teams by id, with how the proposal covers them (empty with the
        /// greedy solver, which honours no team constraint).
        public var teamLanguages: [TeamLanguage]
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
        ///
        /// With `reference` and the exact solver, team languages are honoured by repair
        /// (``AssignmentProblem/optimal(honouring:personOrder:)``): `pinned` pairs and the
        /// `placed` people (need, row) count for the teams they are on.
        public init(
            shortlists: [[Shortlisting.Entry]], needs: [Need], slots: [Int]? = nil, table: StaffTable,
            priorityStep: Double = 0.1,
            useGreedy: Bool = false, pinned: [Pair] = [], reference: ReferenceData? = nil,
            placed: [(need: Int, row: Int32)] = []
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
            let teams =
                useGreedy
                ? [] : reference.map {
                    Self.teamLanguages(
                        needs: needs, problem: problem, personRows: personRows,
                        fixed: pinned.map { ($0.need, $0.row) } + placed, table: table, reference: $0)
                } ?? []
            let repaired = problem.optimal(
                honouring: teams.compactMap(\.constraint),
                personOrder: { table.idRank[Int(personRows[$0])] < table.idRank[Int(personRows[$1])] })
            let optimal = repaired.unconstrained
            let greedy = problem.greedy()
            let chosen = useGreedy ? greedy : repaired.solution
            var coverage = repaired.coverage.makeIterator()
            var languages: [TeamLanguage] = []
            for team in teams {
                var result = TeamLanguage(
                    team: team.team, language: team.language, status: .covered,
                    need: team.coveredBy?.need, row: team.coveredBy?.row, loss: 0)
                if team.constraint != nil, let outcome = coverage.next() {
                    switch outcome {
                    case .covered(let edge):
                        result.need = edges[edge].need
                        result.row = personRows[edges[edge].person]
                    case .repaired(let edge, let loss):
                        result.need = edges[edge].need
                        result.row = personRows[edges[edge].person]
                        result.status = .repaired
                        result.loss = loss
                    case .cannotBeCovered:
                        result.status = .uncovered
                    }
                }
                languages.append(result)
            }
            teamLanguages = languages
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
            objective = pinnedWeight + chosen.totalWeight
            edgeCount = edges.count
        }

        /// A team language to honour: covered already by someone fixed on the team (pinned or
        /// placed), or a constraint for the solver.
        private struct TeamTask {
            var team: RecordID
            var language: Need.LanguageRequirement
            var coveredBy: (need: Int, row: Int32)?
            var constraint: AssignmentProblem.TeamConstraint?
        }

        /// The team languages of `needs`, teams by id and each team's languages in the order
        /// written. A person speaks a language when they speak it, or an ISO 639-3 equivalent,
        /// at its level or above; only people with an edge to one of the team's needs matter.
        private static func teamLanguages(
            needs: [Need], problem: AssignmentProblem, personRows: [Int32],
            fixed: [(need: Int, row: Int32)], table: StaffTable, reference: ReferenceData
        ) -> [TeamTask] {
            var members: [RecordID: [Int]] = [:]
            for (index, need) in needs.enumerated() where !need.teamLanguages.isEmpty {
                if let team = need.team { members[team, default: []].append(index) }
            }
            guard !members.isEmpty else { return [] }
            var edgesOfNeed: [Int: [Int]] = [:]
            for (index, edge) in problem.edges.enumerated() where needs[edge.need].team != nil {
                edgesOfNeed[edge.need, default: []].append(index)
            }
            var tasks: [TeamTask] = []
            for (team, indices) in members.sorted(by: { $0.key < $1.key }) {
                let onTeam = Set(indices)
                for language in needs[indices[0]].teamLanguages {
                    let codes = ([language.language] + reference.equivalents(of: language.language))
                        .compactMap { reference.number(of: $0).map(UInt16.init) }
                    func speaks(_ row: Int32) -> Bool {
                        Int(table.rank(ofAny: codes, Int(row))) >= language.minimumLevel.rawValue
                    }
                    if let covering = fixed.first(where: { onTeam.contains($0.need) && speaks($0.row) }) {
                        tasks.append(.init(team: team, language: language, coveredBy: covering))
                        continue
                    }
                    var speakers: Set<Int> = []
                    for index in indices {
                        for edge in edgesOfNeed[index] ?? [] where speaks(personRows[problem.edges[edge].person]) {
                            speakers.insert(problem.edges[edge].person)
                        }
                    }
                    tasks.append(
                        .init(
                            team: team, language: language,
                            constraint: .init(needs: indices, speakers: speakers)))
                }
            }
            return tasks
        }

        private struct PairKey: Hashable {
            var need: Int
            var row: Int32
        }
    }
}
