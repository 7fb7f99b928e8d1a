import MidstCore

/// How many changes of each kind two runs differ by, need by need, counted on the keys the
/// lines are stored under: what a comparison by key counts over every line of two large runs
/// before it names the few changes it shows (``RunDiff`` names every change, by id, with a
/// dictionary of strings per need).
struct KeyedChangeCount {
    /// How many changes each need with any has, by need key.
    var rowsByNeed: [Int64: Int] = [:]
    /// How many changes of each kind, over every need.
    var counts: [RunDiff.ChangeKind: Int] = [:]

    /// Counts what changed from run A's shortlist and proposal to run B's, as ``RunDiff``
    /// counts them: a (need, person) pair in one shortlist only entered or left, on both with
    /// scores further apart than ``RunDiff/scoreTolerance`` moved; proposed in one run only,
    /// proposed or withdrawn.
    ///
    /// - Complexity: O(n log n) for n lines, with no hashing per line.
    init(shortlistA: [KeyedLine], proposalA: [KeyedLine], shortlistB: [KeyedLine], proposalB: [KeyedLine]) {
        merge(shortlistA, shortlistB) { a, b in
            switch (a, b) {
            case (nil, _?): .entered
            case (_?, nil): .left
            case (let a?, let b?): abs(a.score - b.score) > RunDiff.scoreTolerance ? .moved : nil
            case (nil, nil): nil
            }
        }
        merge(proposalA, proposalB) { a, b in
            switch (a, b) {
            case (nil, _?): .proposed
            case (_?, nil): .withdrawn
            default: nil
            }
        }
    }

    /// Walks `a` and `b` together in (need, person) order and counts the change `kind` finds
    /// for each pair, given its line in each (nil where the pair is not there). A pair listed
    /// twice in one run counts once.
    private mutating func merge(
        _ a: [KeyedLine], _ b: [KeyedLine], kind: (KeyedLine?, KeyedLine?) -> RunDiff.ChangeKind?
    ) {
        func ordered(_ lines: [KeyedLine]) -> [KeyedLine] {
            lines.sorted { ($0.needKey, $0.staffKey) < ($1.needKey, $1.staffKey) }
        }
        let a = ordered(a)
        let b = ordered(b)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let inA = i < a.count ? a[i] : nil
            let inB = j < b.count ? b[j] : nil
            let pair: (need: Int64, staff: Int64)
            let change: RunDiff.ChangeKind?
            if let x = inA, let y = inB, (x.needKey, x.staffKey) == (y.needKey, y.staffKey) {
                pair = (x.needKey, x.staffKey)
                change = kind(x, y)
            } else if let x = inA, inB.map({ (x.needKey, x.staffKey) < ($0.needKey, $0.staffKey) }) ?? true {
                pair = (x.needKey, x.staffKey)
                change = kind(x, nil)
            } else {
                pair = (inB!.needKey, inB!.staffKey)
                change = kind(nil, inB)
            }
            while i < a.count, (a[i].needKey, a[i].staffKey) == pair { i += 1 }
            while j < b.count, (b[j].needKey, b[j].staffKey) == pair { j += 1 }
            if let change {
                rowsByNeed[pair.need, default: 0] += 1
                counts[change, default: 0] += 1
            }
        }
    }
}
