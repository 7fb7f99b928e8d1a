import HeapModule

/// The `top` best eligible people seen so far for one need, kept in a bounded heap; equal scores
/// are ordered by staff id. Once the list is full, a person who cannot beat its worst is passed
/// over after the two cheapest components: with the other components at most 1 each, the bound
/// is never below the true score (a margin covers rounding), so the result is the same.
struct BestCandidates {
    let plan: NeedPlan
    let top: Int
    let excluded: Set<Int32>
    /// Whether every person considered comes from a ``CandidateIndex`` list of one of the
    /// plan's professions: of the plan's professions, with free capacity.
    let isIndexed: Bool
    private var heap: Heap<Entry>
    private let restAfterSpecialty: Double
    private let restAfterCountry: Double
    /// How many people were considered (each one an eligibility check).
    private(set) var examined = 0
    /// Slack for rounding when a bound is compared with a score.
    static let margin = 1e-9

    init(
        plan: NeedPlan, top: Int, excluding excluded: Set<Int32>,
        isIndexed: Bool = false
    ) {
        self.plan = plan
        self.top = top
        self.excluded = excluded
        self.isIndexed = isIndexed
        heap = Heap(minimumCapacity: top + 1)
        restAfterSpecialty = plan.attainablePoints.sum(excluding: [.specialty])
        restAfterCountry = plan.attainablePoints.sum(excluding: [.specialty, .country])
    }

    /// Whether someone whose score is at most `bound` could still enter the list.
    func couldEnter(withAtMost bound: Double) -> Bool {
        guard bound + Self.margin >= plan.minimumScore else { return false }
        guard heap.count == top, let floor = heap.min?.score else { return true }
        return bound + Self.margin >= floor
    }

    /// Scores person `row` of `table` if they are eligible and could enter, and keeps them if
    /// they do. The table is an argument, not a stored property: read from a mutating method's
    /// `self`, it was copied (424 bytes) for each call that reads it, three times a person.
    @inline(__always)
    mutating func consider(_ row: Int32, _ table: StaffTable) {
        examined += 1
        // The list's worst score once it is full; until then nobody is passed over.
        let floor = heap.count == top ? heap.min!.score : -Double.infinity
        guard let entry = scored(row, table, above: floor) else { return }
        if heap.count < top {
            heap.insert(entry)
        } else if heap.min! < entry {
            _ = heap.replaceMin(with: entry)
        }
    }

    /// Person `row`'s entry if they are eligible and could enter a list whose worst score is
    /// `floor`, else nil.
    @inline(__always)
    private func scored(_ row: Int32, _ table: StaffTable, above floor: Double) -> Entry? {
        if !excluded.isEmpty, excluded.contains(row) { return nil }
        let index = Int(row)
        // Each value computed once: for the constraint, the bounds and the score. The
        // specialty first: most people examined and not eligible lack a related specialty,
        // and the value alone can rule a person out, before their other cells are read.
        let specialtyValue = plan.specialty.value(index, table)
        guard plan.meetsSpecialty(specialtyValue) else { return nil }
        let specialty = plan.points[.specialty] * specialtyValue
        if specialty + restAfterSpecialty + Self.margin < floor { return nil }
        guard plan.passesOtherConstraints(index, in: table, isIndexed: isIndexed) else { return nil }
        let countryValue = plan.country.value(index, table)
        if specialty + plan.points[.country] * countryValue + restAfterCountry + Self.margin < floor {
            return nil
        }
        let score = NeedPlan.settled(
            plan.points.dot(
                plan.components(index, in: table, specialty: specialtyValue, country: countryValue)))
        guard score >= plan.minimumScore else { return nil }
        return Entry(score: score, idRank: table.idRank[index], row: row)
    }

    /// The people kept, best first.
    consuming func ranked() -> [(row: Int32, score: Double)] {
        var result: [(row: Int32, score: Double)] = []
        result.reserveCapacity(heap.count)
        while let entry = heap.popMax() { result.append((entry.row, entry.score)) }
        return result
    }

    /// A scored person in the heap; "greater" is better: a higher score, then a lower id.
    struct Entry: Comparable {
        var score: Double
        var idRank: Int32
        var row: Int32
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.score != rhs.score ? lhs.score < rhs.score : lhs.idRank > rhs.idRank
        }
        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.score == rhs.score && lhs.idRank == rhs.idRank
        }
    }
}

extension NeedPlan {
    /// The `top` best eligible people among `rows`, best first; equal scores by staff id.
    /// People in `excluded` (a coordinator's decision) are passed over.
    ///
    /// - Complexity: O(n log top) with a bounded heap.
    public func topCandidates(
        among rows: some Sequence<Int32>, in table: StaffTable, top: Int,
        excluding excluded: Set<Int32> = []
    ) -> [(row: Int32, score: Double)] {
        guard top > 0 else { return [] }
        var best = BestCandidates(plan: self, top: top, excluding: excluded)
        for row in rows { best.consider(row, table) }
        return best.ranked()
    }
}

extension NeedPlan {
    /// Blocks smaller than this are ranked on one core: below it, starting a second thread costs
    /// about what it saves.
    static let twoCoreMinimum = 50_000

    /// ``topCandidates(among:in:top:excluding:)`` for the people of profession `code`, on two
    /// cores when the block holds at least `minimum` people: each half of the block is ranked on
    /// a core of its own and the two lists are merged in the engine's order (a higher score,
    /// then a lower staff id). Whoever is among the best `top` of the block is among the best
    /// `top` of their half, so the list is the one a single scan gives.
    ///
    /// For a query of one need, which has the machine to itself; the batch already keeps every
    /// core busy with a need each.
    func topCandidates(
        inProfession code: UInt16, of table: StaffTable, top: Int,
        excluding excluded: Set<Int32> = [], twoCoresFrom minimum: Int = twoCoreMinimum
    ) -> [(row: Int32, score: Double)] {
        let count = table.block(ofProfession: code).count
        guard count >= max(minimum, 2), top > 0 else {
            return topCandidates(
                among: table.block(ofProfession: code), in: table, top: top, excluding: excluded)
        }
        let halves = [0..<count / 2, count / 2..<count]
        let lists = halves.concurrentMap { half in
            self.topCandidates(
                among: table.block(ofProfession: code).extracting(half), in: table, top: top,
                excluding: excluded)
        }
        // A higher score, then a lower id (its rank in id order), as the heap orders them.
        func entry(_ ranked: (row: Int32, score: Double)) -> BestCandidates.Entry {
            BestCandidates.Entry(
                score: ranked.score, idRank: table.idRank[Int(ranked.row)], row: ranked.row)
        }
        return mergedBestFirst(lists[0], lists[1], top: top) { entry($1) < entry($0) }
    }
}
