import Foundation

extension DataGenerator {
    /// The latent-utility model behind `midst generate --outcomes` (docs/TUNING.md, "Generated
    /// outcomes"): outcomes that carry a known signal, to test the tuner against.
    ///
    /// For each need, coordinators ask the people an *old ranking* (the engine under a given
    /// configuration) put on top, plus a few others from further down: outcomes exist only for
    /// them. A person's utility for the need is the weighted mean of the same component values the
    /// scorer computes, under the model's own *true weights*, plus Gaussian noise. They accept with
    /// a probability that rises with the utility (a logistic curve), and an accepted placement is
    /// completed likewise; whoever does not accept declines, or does not answer.
    public struct OutcomeModel: Sendable {
        /// The weights behind real decisions; deliberately not the scorer's defaults.
        public var trueWeights: ScoreComponent.Vector
        /// Standard deviation of the noise added to the utility (which lies in 0…1).
        public var noise = 0.05
        /// The utility at which a person accepts with probability ½, and how sharply the
        /// probability rises around it (logistic scale).
        public var acceptMidpoint = 0.72
        public var acceptScale = 0.04
        /// The same for completing an accepted placement.
        public var completeMidpoint = 0.76
        public var completeScale = 0.04
        /// How many of the old ranking's top people are asked, and how many more are drawn from the
        /// rest of its list.
        public var askedFromTop = 5
        public var askedFromRest = 3
        /// How long the old ranking's list is.
        public var listLength = 30
        /// The share of those who do not accept who never answer.
        public var noResponseShare = 0.3

        /// The shipped truth: fit and languages matter more, and the partnership less, than the
        /// scorer's defaults assume.
        public static let defaultTrueWeights = ScoreComponent.Vector { component in
            switch component {
            case .specialty: 35
            case .country: 10
            case .language: 35
            case .seniority: 5
            case .availability: 10
            case .experience: 5
            case .partnership: 0
            }
        }

        public init(trueWeights: ScoreComponent.Vector = Self.defaultTrueWeights) {
            self.trueWeights = trueWeights
        }

        /// The outcomes of asking people for each need in `plans` (scored by the old ranking),
        /// from `table`; the same seed gives the same outcomes.
        ///
        /// Every outcome carries the rank and score the person had in the old ranking.
        /// Needs are asked in the order of their start dates, and nobody is asked who is at full
        /// capacity that day: their commitments in `table`, plus the acceptances this log has
        /// made before that day and not completed, fill their `max_assignments`.
        public func outcomes(
            plans: [NeedPlan], table: StaffTable, index: CandidateIndex, seed: UInt64
        ) -> [Outcome] {
            var random = SeededRandom(seed: seed)
            let total = trueWeights.sum
            var outcomes: [Outcome] = []
            // Per row: the days of the acceptances this log made that are not completed.
            var held: [Int32: [CalendarDate]] = [:]
            let dated = plans.map { ($0, $0.need.dates.start ?? CalendarDate(iso: "2026-01-01")!) }
            for (plan, date) in dated.sorted(by: { ($0.1, $0.0.need.id) < ($1.1, $1.0.need.id) }) {
                let full = Set(
                    held.filter { row, days in
                        days.count { $0 < date } >= Int(table.freeCapacity[Int(row)])
                    }.keys)
                let ranked = plan.topCandidates(
                    in: table, index: index, top: listLength, excluding: full
                ).candidates
                var asked = Array(ranked.prefix(askedFromTop))
                var rest = Array(ranked.dropFirst(askedFromTop))
                for _ in 0..<min(askedFromRest, rest.count) {
                    asked.append(rest.remove(at: random.index(below: rest.count)))
                }
                for candidate in asked {
                    let shown = Exposure(
                        rank: ranked.firstIndex { $0.row == candidate.row }! + 1,
                        score: candidate.score)
                    let values = plan.components(Int(candidate.row), in: table)
                    let utility =
                        (total > 0 ? trueWeights.dot(values) / total : 0) + noise * random.gaussian()
                    let staffID = table.id(at: Int(candidate.row))
                    func outcome(_ kind: Outcome.Kind) -> Outcome {
                        Outcome(
                            needID: plan.need.id, staffID: staffID, kind: kind, date: date,
                            exposure: shown)
                    }
                    if random.chance(Self.logistic(utility, acceptMidpoint, acceptScale)) {
                        outcomes.append(outcome(.accepted))
                        if random.chance(Self.logistic(utility, completeMidpoint, completeScale)) {
                            outcomes.append(outcome(.completed))
                        } else {
                            held[candidate.row, default: []].append(date)
                        }
                    } else {
                        outcomes.append(outcome(random.chance(noResponseShare) ? .noResponse : .declined))
                    }
                }
            }
            return outcomes
        }

        static func logistic(_ x: Double, _ midpoint: Double, _ scale: Double) -> Double {
            1 / (1 + exp(-(x - midpoint) / scale))
        }
    }
}

extension SeededRandom {
    /// A standard normal draw (Box–Muller).
    mutating func gaussian() -> Double {
        let u = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let v = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
