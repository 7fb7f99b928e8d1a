/// The judged pairs of the outcome log, ready to be ranked under any weights fast: for every need
/// with outcomes, the component values of each asked person who was eligible, computed once, as
/// of before the offer (docs/TUNING.md, "No leakage").
///
/// A weight vector is then evaluated as a dot product per pair and a sort per need, never by
/// rescoring. Only the asked people are ranked ("condensed lists"): the log says nothing about
/// the people nobody asked.
public struct LabelledSet: Sendable {
    /// One need's judged people.
    public struct Need: Sendable {
        public var id: RecordID
        /// The grades of everyone asked, eligible or not: the ideal ranking.
        public var judged: [Int]
        /// The eligible asked people, as positions in ``LabelledSet/pairs``.
        public var pairs: Range<Int>
        /// The need's `min_score`; 0 for none.
        public var minimumScore: Double
    }

    /// One eligible asked person.
    public struct Pair: Sendable {
        public var staffID: RecordID
        public var grade: Int
        public var values: ComponentVector
    }

    public private(set) var needs: [Need] = []
    public private(set) var pairs: [Pair] = []

    /// Builds the set from the log. Each pair is scored with the person's record as it is, but
    /// with the commitments and completed placements of every *other* need only, so that the
    /// need's own outcome (an acceptance that fills the person's capacity, a completion that adds
    /// experience in the country) cannot change its own ranking.
    ///
    /// - Parameters:
    ///   - needs: every need the outcomes refer to (any status).
    ///   - outcomes: the log.
    ///   - staff: the asked people's records; people missing here are judged but never ranked.
    ///   - inactive: people whose records are not active.
    public init(
        needs: [MidstCore.Need], outcomes: [Outcome], staff: [Staff], inactive: Set<RecordID> = [],
        scorer: Scorer
    ) {
        let needByID = Dictionary(needs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let staffByID = Dictionary(staff.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var grades: [RecordID: [RecordID: Int]] = [:]
        for outcome in outcomes where needByID[outcome.needID] != nil {
            let grade = outcome.kind.relevance
            grades[outcome.needID, default: [:]][outcome.staffID] = max(
                grades[outcome.needID]?[outcome.staffID] ?? 0, grade)
        }
        let history = OutcomeHistory(outcomes: outcomes, needs: needByID)
        for needID in grades.keys.sorted() {
            let need = needByID[needID]!
            let judged = grades[needID]!
            let first = pairs.count
            for (staffID, grade) in judged.sorted(by: { $0.key < $1.key }) {
                guard let person = staffByID[staffID] else { continue }
                let context = history.context(
                    of: staffID, excluding: needID, isActive: !inactive.contains(staffID))
                let explanation = scorer.explain(person, for: need, context: context)
                // min_score depends on the weights: it is applied when ranking.
                guard explanation.exclusions.allSatisfy({ $0.name == "min_score" }) else {
                    continue
                }
                var values = ComponentVector()
                for component in explanation.components {
                    values[component.component] = component.value
                }
                pairs.append(Pair(staffID: staffID, grade: grade, values: values))
            }
            self.needs.append(
                Need(
                    id: needID, judged: judged.values.sorted(by: >), pairs: first..<pairs.count,
                    minimumScore: need.minimumScore ?? 0))
        }
    }

    /// The grades of need `index`'s eligible asked people in the order the engine ranks them
    /// under `weights`: score (rounded as the batch rounds it) from high to low, then staff id;
    /// people below the need's `min_score` are left out.
    public func rankedGrades(ofNeed index: Int, weights: ComponentVector) -> [Int] {
        let total = weights.sum
        let points = ComponentVector { total > 0 ? 100 * weights[$0] / total : 0 }
        let need = needs[index]
        var scored: [(score: Double, pair: Int)] = []
        scored.reserveCapacity(need.pairs.count)
        for position in need.pairs {
            let score = NeedPlan.settled(points.dot(pairs[position].values))
            if score >= need.minimumScore { scored.append((score, position)) }
        }
        scored.sort {
            $0.score != $1.score ? $0.score > $1.score : pairs[$0.pair].staffID < pairs[$1.pair].staffID
        }
        return scored.map { pairs[$0.pair].grade }
    }

    /// Each need's metrics under `weights` (nil for a need nobody relevant was asked for).
    public func metrics(weights: ComponentVector, k: Int, needs subset: [Int]? = nil)
        -> [RankingMetrics?]
    {
        (subset ?? Array(needs.indices)).map { index in
            RankingMetrics(
                ranked: rankedGrades(ofNeed: index, weights: weights), judged: needs[index].judged,
                k: k)
        }
    }
}

/// What the outcome log says about each person's commitments and completed placements, with
/// any one need's outcomes left out (docs/SCORING.md, "capacity" and "Experience").
struct OutcomeHistory {
    /// Per person: the needs they are committed to (accepted, need open, not completed).
    private var commitments: [RecordID: Set<RecordID>] = [:]
    /// Per person: the (need, main country) of each completed placement.
    private var completed: [RecordID: [(RecordID, CountryCode)]] = [:]

    init(outcomes: [Outcome], needs: [RecordID: Need]) {
        var accepted: Set<[RecordID]> = []
        var done: Set<[RecordID]> = []
        for outcome in outcomes {
            switch outcome.kind {
            case .accepted: accepted.insert([outcome.needID, outcome.staffID])
            case .completed: done.insert([outcome.needID, outcome.staffID])
            case .declined, .noResponse: break
            }
        }
        for pair in accepted where !done.contains(pair) && needs[pair[0]]?.status == .open {
            commitments[pair[1], default: []].insert(pair[0])
        }
        for pair in done.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            if let country = needs[pair[0]]?.country {
                completed[pair[1], default: []].append((pair[0], country))
            }
        }
    }

    /// The person's context from every outcome but those of need `excluded`.
    func context(of person: RecordID, excluding excluded: RecordID, isActive: Bool) -> StaffContext {
        let held = commitments[person].map { $0.subtracting([excluded]).count } ?? 0
        let countries = Set((completed[person] ?? []).filter { $0.0 != excluded }.map(\.1))
        return StaffContext(commitments: held, completedCountries: countries, isActive: isActive)
    }
}
