import MidstCore

/// What changed between two recorded runs: who entered or left each need's shortlist, whose
/// score moved, who was newly proposed or withdrawn, and why each person who left did.
/// `midst diff` and the run report both read it.
package struct RunComparison: Sendable {
    /// One change for one person and one need.
    package struct Row: Sendable, Equatable {
        package var needID: String
        package var kind: RunDiff.ChangeKind
        /// The person; nil for someone erased since, in a comparison by key.
        package var staffID: String?
        /// The score in the earlier run (left, moved).
        package var before: Double?
        /// The score in the later run (entered, moved).
        package var after: Double?
        /// Why the person left the shortlist (left) or the proposal (withdrawn), judged from
        /// the records as they are now; nil for the other kinds, and when not asked for.
        package var why: String?
    }

    package var earlier: RunRecord
    package var later: RunRecord
    /// How many needs changed at all.
    package var needsChanged: Int
    /// How many changes of each kind, over every need.
    package var counts: [RunDiff.ChangeKind: Int]
    /// The changes, by need id, each need's in ``RunDiff/ChangeKind`` order (the first
    /// `limit` only, when the comparison was asked for fewer).
    package var rows: [Row]

    /// How many changes of `kind` there are.
    package func count(of kind: RunDiff.ChangeKind) -> Int { counts[kind] ?? 0 }
}

extension MidstDatabase {
    /// The newest completed run older than `record`, if any: what `record` is compared with by
    /// default.
    package func completedRun(before record: RunRecord) throws -> RunRecord? {
        try runs().first { $0.status == "completed" && $0.id < record.id }
    }

    /// What changed from run `earlier` to run `later`, person by person as they are named now
    /// (everyone erased since is one "(erased)"), with why each person who left a shortlist
    /// or the proposal did: judged now, with the later run's configuration (`midst diff`).
    package func comparison(of earlier: RunRecord, with later: RunRecord) throws -> RunComparison {
        let laterLines = try shortlist(run: later.id)
        func proposal(_ run: RunRecord) throws -> [(need: String, staff: String)] {
            try assignments(run: run.id).map { ($0.needID, $0.staffID) }
        }
        let diff = RunDiff(
            shortlistA: try shortlist(run: earlier.id).map { ($0.needID, $0.staffID, $0.score) },
            proposalA: try proposal(earlier),
            shortlistB: laterLines.map { ($0.needID, $0.staffID, $0.score) },
            proposalB: try proposal(later))
        let reasons = try departures(diff, later: later, laterLines: laterLines)
        let stillListed = Set(laterLines.map { DeparturePair($0.needID, $0.staffID) })
        let rows = diff.needs.flatMap(\.rows).map { change -> RunComparison.Row in
            let pair = DeparturePair(change.needID, change.staffID)
            let why: String? =
                switch change.kind {
                case .left: reasons[pair]?.text ?? ""
                case .withdrawn:
                    Departure.withdrawal(
                        departure: reasons[pair], isStillListed: stillListed.contains(pair))
                case .entered, .moved, .proposed: nil
                }
            return RunComparison.Row(
                needID: change.needID, kind: change.kind, staffID: change.staffID,
                before: change.before, after: change.after, why: why)
        }
        return RunComparison(
            earlier: earlier, later: later, needsChanged: diff.needs.count,
            counts: Self.counts(diff), rows: rows)
    }

    /// What changed from run `earlier` to run `later`, compared by key (two large runs are not
    /// joined line by line to their needs and people): every count, but only the first `limit`
    /// changes, by need id, named, and no reasons (the run report). `reading` is what the caller
    /// read of run `later` already, when it has.
    package func comparisonByKey(
        of earlier: RunRecord, with later: RunRecord, limit: Int, reading: RunReading? = nil
    ) throws -> RunComparison {
        let needIDs = try reading?.needIDs ?? needIDsByKey()
        func needID(_ key: String) -> String { Int64(key).flatMap { needIDs[$0] } ?? key }
        let laterLines = try reading?.lines ?? keyedShortlist(run: later.id)
        let laterPairs = try reading?.pairs ?? keyedAssignments(run: later.id)
        let earlierLines = try keyedScores(run: earlier.id)
        let earlierPairs = try keyedAssignments(run: earlier.id)
        // Every change counted by key; only the needs whose changes are shown (the first by
        // need id, up to `limit` changes) are compared by id, person by person.
        let count = KeyedChangeCount(
            shortlistA: earlierLines, proposalA: earlierPairs,
            shortlistB: laterLines.map { KeyedLine(needKey: $0.needKey, staffKey: $0.staffKey, score: $0.score) },
            proposalB: laterPairs)
        var shownNeeds = Set<Int64>()
        var rowsShown = 0
        for need in count.rowsByNeed.keys.sorted(by: { needID(String($0)) < needID(String($1)) }) {
            guard rowsShown < limit else { break }
            shownNeeds.insert(need)
            rowsShown += count.rowsByNeed[need] ?? 0
        }
        func named(_ lines: [KeyedLine]) -> [(need: String, staff: String, score: Double)] {
            lines.filter { shownNeeds.contains($0.needKey) }.map {
                (String($0.needKey), String($0.staffKey), $0.score)
            }
        }
        let laterShown = laterLines.filter { shownNeeds.contains($0.needKey) }
        let diff = RunDiff(
            shortlistA: named(earlierLines), proposalA: named(earlierPairs).map { ($0.need, $0.staff) },
            shortlistB: laterShown.map { (String($0.needKey), String($0.staffKey), $0.score) },
            proposalB: named(laterPairs).map { ($0.need, $0.staff) })
        let shown = Array(
            diff.needs.sorted(by: { needID($0.needID) < needID($1.needID) }).lazy.flatMap(\.rows)
                .prefix(limit))
        let staffIDs = try staffIDs(keys: Set(shown.compactMap { Int64($0.staffID) }).sorted())
        // Why each person shown leaving left, judged as `midst diff` judges it.
        var lastPlace: [String: Double] = [:]
        var listed: [String: Int] = [:]
        for line in laterShown {
            let need = needIDs[line.needKey] ?? ""
            lastPlace[need] = min(lastPlace[need] ?? .infinity, line.score)
            listed[need, default: 0] += 1
        }
        let still = Set(laterShown.map { "\($0.needKey)/\($0.staffKey)" })
        let leaving = shown.filter { $0.kind == .left }.compactMap {
            change in
            Int64(change.staffID).flatMap { staffIDs[$0] }.map {
                DeparturePair(needID(change.needID), $0)
            }
        }
        let reasons = try departures(
            of: Array(Set(leaving)), later: later, lastPlace: lastPlace, listed: listed,
            reading: reading)
        let rows = shown.map { change in
            let staffID = Int64(change.staffID).flatMap { staffIDs[$0] }
            let reason = staffID.flatMap { reasons[DeparturePair(needID(change.needID), $0)] }
            let why: String? =
                switch change.kind {
                case .left: reason?.text ?? "erased"
                case .withdrawn:
                    Departure.withdrawal(
                        departure: reason,
                        isStillListed: still.contains("\(change.needID)/\(change.staffID)"))
                case .entered, .moved, .proposed: nil
                }
            return RunComparison.Row(
                needID: needID(change.needID), kind: change.kind, staffID: staffID,
                before: change.before, after: change.after, why: why)
        }
        return RunComparison(
            earlier: earlier, later: later, needsChanged: count.rowsByNeed.count,
            counts: count.counts, rows: rows)
    }

    private static func counts(_ diff: RunDiff) -> [RunDiff.ChangeKind: Int] {
        var counts: [RunDiff.ChangeKind: Int] = [:]
        for row in diff.needs.lazy.flatMap(\.rows) { counts[row.kind, default: 0] += 1 }
        return counts
    }
}
