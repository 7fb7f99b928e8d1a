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
        /// The day it was offered: its earliest outcome's date, the day the values are as of.
        public var offered: CalendarDate
        /// The grades of everyone asked, eligible or not: the ideal ranking.
        public var judged: [Int]
        /// Where each of ``judged`` was shown when asked, in the same order, when the log says.
        public var judgedExposures: [Exposure?]
        /// The eligible asked people, as positions in ``LabelledSet/pairs``, in staff id order.
        public var pairs: Range<Int>
        /// The need's `min_score`; 0 for none.
        public var minimumScore: Double
    }

    /// One eligible asked person.
    public struct Pair: Sendable {
        public var staffID: RecordID
        public var grade: Int
        public var values: ScoreComponent.Vector
        /// Where the person stood in the ranking they were asked from, when the log says.
        public var exposure: Exposure?
    }

    public private(set) var needs: [Need] = []
    public private(set) var pairs: [Pair] = []

    /// Builds the set from the log. Each pair is scored with the person's record as it is, but
    /// with the commitments and completed placements of the outcomes dated before the need was
    /// offered (its earliest outcome), its own never, so that the need's own outcome (an
    /// acceptance that fills the person's capacity, a completion that adds experience in the
    /// country) cannot change its own ranking.
    ///
    /// - Parameters:
    ///   - needs: every need the outcomes refer to (any status).
    ///   - outcomes: the log.
    ///   - staff: the asked people's records; people missing here are judged but never ranked.
    ///   - inactive: people whose records are not active.
    ///   - exposures: per need id, per staff id, the rank and score the person was shown at.
    public init(
        needs: [MidstCore.Need], outcomes: [Outcome], staff: [Staff], inactive: Set<RecordID> = [],
        exposures: [RecordID: [RecordID: Exposure]] = [:], scorer: Scorer
    ) {
        let needByID = Dictionary(needs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let staffByID = Dictionary(staff.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var grades: [RecordID: [RecordID: Int]] = [:]
        for outcome in outcomes where needByID[outcome.needID] != nil {
            guard let grade = outcome.kind.relevance else { continue }
            grades[outcome.needID, default: [:]][outcome.staffID] = max(
                grades[outcome.needID]?[outcome.staffID] ?? 0, grade)
        }
        let history = OutcomeHistory(outcomes: outcomes, needs: needByID)
        for needID in grades.keys.sorted() {
            let need = needByID[needID]!
            let judged = grades[needID]!
            let offered = history.firstDate(of: needID)!  // every graded need has an outcome
            // The asked people with their state before the offer, in a table of their own: the
            // table leaves out whoever has not consented or is inactive, and the plan's hard
            // constraints (capacity included) do the rest. min_score depends on the weights: it
            // is applied when ranking.
            var people: [Staff] = []
            var contexts: [Staff.Context] = []
            for staffID in judged.keys.sorted() {
                guard let person = staffByID[staffID] else { continue }
                people.append(person)
                contexts.append(
                    history.context(
                        of: staffID, before: offered, excluding: needID,
                        isActive: !inactive.contains(staffID)))
            }
            let table = StaffTable(staff: people, contexts: contexts, reference: scorer.reference)
            let plan = NeedPlan(need: need, scorer: scorer)
            let first = pairs.count
            var eligible: [Pair] = []
            for row in 0..<table.count where plan.isEligible(row, in: table) {
                let staffID = table.id(at: row)
                eligible.append(
                    Pair(
                        staffID: staffID, grade: judged[staffID]!,
                        values: plan.components(row, in: table),
                        exposure: exposures[needID]?[staffID]))
            }
            pairs += eligible.sorted { $0.staffID < $1.staffID }
            let ideal = judged.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            self.needs.append(
                Need(
                    id: needID, offered: offered, judged: ideal.map(\.value),
                    judgedExposures: ideal.map { exposures[needID]?[$0.key] }, pairs: first..<pairs.count,
                    minimumScore: need.minimumScore ?? 0))
        }
    }

    /// The grades of need `index`'s eligible asked people in the order the engine ranks them
    /// under `weights`: score (rounded as the batch rounds it) from high to low, then staff id;
    /// people below the need's `min_score` are left out.
    public func rankedGrades(ofNeed index: Int, weights: ScoreComponent.Vector) -> [Int] {
        var scored: [(score: Double, pair: Int)] = []
        var grades: [Int] = []
        rank(need: index, points: weights.points, scored: &scored, grades: &grades)
        return grades
    }

    /// Each need's metrics under `weights` (nil for a need nobody relevant was asked for).
    public func metrics(weights: ScoreComponent.Vector, k: Int, needs subset: [Int]? = nil)
        -> [RankingMetrics?]
    {
        (subset ?? Array(needs.indices)).map { index in
            RankingMetrics(
                ranked: rankedGrades(ofNeed: index, weights: weights), judged: needs[index].judged,
                k: k)
        }
    }
}

/// What the outcome log says about each person's commitments and completed placements as of a
/// date, with one need's outcomes left out (docs/SCORING.md, "capacity" and "Experience";
/// docs/TUNING.md, "No leakage").
///
/// As of a day, only the outcomes dated before it are known: an acceptance is a commitment then
/// unless an outcome of the same pair dated before that day ends it, by the rule the engine
/// applies to the whole log (a later outcome, or a `withdrawn` or `completed` of the same day).
/// A completion dated after the day does not end it, and the need's status today is not used:
/// Midst keeps no history of status changes, and a need whose acceptance still stood was open.
struct OutcomeHistory {
    /// Per person: each acceptance, its need, and the day an outcome of the same pair ended it
    /// (nil while none has).
    private var acceptances: [RecordID: [(need: RecordID, date: CalendarDate, ended: CalendarDate?)]] =
        [:]
    /// Per person: each completed placement's need, date and main country.
    private var completed: [RecordID: [(need: RecordID, date: CalendarDate, country: CountryCode)]] =
        [:]
    /// Per need: its earliest outcome, the day it was offered.
    private var offered: [RecordID: CalendarDate] = [:]

    init(outcomes: [Outcome], needs: [RecordID: Need]) {
        var byPair: [[RecordID]: [Outcome]] = [:]
        for outcome in outcomes {
            byPair[[outcome.needID, outcome.staffID], default: []].append(outcome)
            offered[outcome.needID] = min(offered[outcome.needID] ?? outcome.date, outcome.date)
        }
        for (pair, log) in byPair {
            for acceptance in log where acceptance.kind == .accepted {
                let ended = log.filter { Self.ends($0, acceptance) }.map(\.date).min()
                acceptances[pair[1], default: []].append((pair[0], acceptance.date, ended))
            }
            if let date = log.filter({ $0.kind == .completed }).map(\.date).min(),
                let country = needs[pair[0]]?.country
            {
                completed[pair[1], default: []].append((pair[0], date, country))
            }
        }
    }

    /// Whether `outcome` ends `acceptance` of the same pair: it is dated later, or the same day
    /// and withdraws or completes it.
    private static func ends(_ outcome: Outcome, _ acceptance: Outcome) -> Bool {
        outcome.date > acceptance.date
            || (outcome.date == acceptance.date && [.withdrawn, .completed].contains(outcome.kind))
    }

    /// The day need `need` was offered: its earliest outcome's date.
    func firstDate(of need: RecordID) -> CalendarDate? { offered[need] }

    /// The person's context from the outcomes dated before `date`, leaving out need `excluded`'s.
    func context(
        of person: RecordID, before date: CalendarDate, excluding excluded: RecordID,
        isActive: Bool
    ) -> Staff.Context {
        let held = (acceptances[person] ?? []).count { acceptance in
            acceptance.need != excluded && acceptance.date < date
                && (acceptance.ended.map { $0 >= date } ?? true)
        }
        let countries = Set(
            (completed[person] ?? []).filter { $0.need != excluded && $0.date < date }.map(\.country))
        return Staff.Context(commitments: held, completedCountries: countries, isActive: isActive)
    }
}
