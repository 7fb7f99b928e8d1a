import GRDB
import MidstCore

/// One line of a run's ask list: a person proposed for a need, with how to reach them and why
/// they are proposed. Only consenting, matchable people appear.
package struct AskLine: Sendable, Hashable {
    package var needID: String
    /// The need in words: "Neonatal medicine at Fort Portal Regional Referral Hospital, Uganda".
    package var needTitle: String
    package var staffID: String
    package var name: String?
    package var email: String?
    package var score: Double
    /// `chosen`: to ask today; `asked`: asked on ``askedOn`` and awaited; `pinned`: a
    /// coordinator's pin, to ask today.
    package var basis: Batch.Proposal.Pair.Basis
    /// When an awaited ask was made.
    package var askedOn: CalendarDate?
    /// The run's date less ``askedOn``: how long the ask has waited.
    package var daysWaiting: Int?
    /// The reasons for the score in words, largest contribution first.
    package var reasons: [String]

    /// Whether the person is still to be asked (not yet asked).
    package var isToAsk: Bool { basis != .asked }
}

extension MidstDatabase {
    /// The run's proposal as people to contact, most urgent need first (priority, then need id,
    /// then best score): who to ask today and whose answer is awaited, with names and e-mails
    /// of consenting staff only (people who withdrew consent or are no longer matchable are
    /// left out).
    ///
    /// - Parameters:
    ///   - table: the staff snapshot the reasons are worked out on.
    ///   - scorer: the run's scoring configuration.
    ///   - followUp: the outcomes as of the run's date, for when each awaited ask was made.
    ///   - explaining: how many lines of each kind (to ask, awaited), first first, get their
    ///     reasons in words; each need's plan is made once, the needs on every core.
    ///   - needs: every need, when read already (else they are read here).
    ///   - plans: plans made already with `scorer`, when there are.
    package func askList(
        run: RunRecord, table: StaffTable, scorer: Scorer, followUp: FollowUp,
        explaining: Int = .max, needs given: [Need]? = nil, plans: NeedPlans? = nil
    ) throws -> [AskLine] {
        // The proposed pairs with how to reach each person, in one read: each pair's person is
        // read by key as the pair is joined to it, not looked up again by id.
        var pairs: [AssignmentLine] = []
        var contacts: [String: (name: String?, email: String?)] = [:]
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.id, coalesce(s.id, '\(Self.erasedPlaceholder)'), a.score, a.basis,
                           s.consent, s.name, s.email
                    FROM assignment a JOIN need n USING (need_key) LEFT JOIN staff s USING (staff_key)
                    WHERE a.run_key = ?
                    ORDER BY n.id, s.id
                    """, arguments: [run.id])
            while let row = try rows.next() {
                let pair = AssignmentLine(
                    needID: row[0], staffID: row[1], score: row[2],
                    basis: Batch.Proposal.Pair.Basis(rawValue: row[3]) ?? .chosen)
                pairs.append(pair)
                if (row[4] as Int?) == 1 { contacts[pair.staffID] = (row[5], row[6]) }
            }
        }
        let needsByID = Dictionary(
            try (given ?? needs()).map { ($0.id.rawValue, $0) },
            uniquingKeysWith: { first, _ in first })
        let rows = table.rows(of: pairs.map { RecordID(rawValue: $0.staffID) })
        var lines: [(line: AskLine, need: Need, row: Int32)] = pairs.compactMap { pair in
            guard let need = needsByID[pair.needID], let contact = contacts[pair.staffID],
                let row = rows[RecordID(rawValue: pair.staffID)]
            else { return nil }
            var askedOn: CalendarDate?
            if case .asked(let since) = followUp.standing(
                need: need.id, staff: RecordID(rawValue: pair.staffID))
            {
                askedOn = since
            }
            let line = AskLine(
                needID: pair.needID, needTitle: need.title(in: scorer.reference),
                staffID: pair.staffID, name: contact.name, email: contact.email, score: pair.score,
                basis: pair.basis, askedOn: askedOn,
                daysWaiting: askedOn.flatMap { asked in
                    run.asOf.map { $0.dayNumber - asked.dayNumber }
                },
                reasons: [])
            return (line, need, row)
        }
        lines.sort {
            ($1.need.priority, $0.line.needID, $1.line.score, $0.line.staffID)
                < ($0.need.priority, $1.line.needID, $0.line.score, $1.line.staffID)
        }
        // The reasons of the first `explaining` of each kind, need by need on every core.
        var explained: [String: [Int]] = [:]
        var counts = (toAsk: 0, awaited: 0)
        for (index, entry) in lines.enumerated() {
            let isToAsk = entry.line.isToAsk
            let count = isToAsk ? counts.toAsk : counts.awaited
            guard count < explaining else { continue }
            if isToAsk { counts.toAsk += 1 } else { counts.awaited += 1 }
            explained[entry.line.needID, default: []].append(index)
        }
        let snapshot = lines
        let reasons = Array(explained.values).concurrentMap { indices -> [(Int, [String])] in
            let need = snapshot[indices[0]].need
            let plan = plans?.plan(for: need) ?? NeedPlan(need: need, scorer: scorer)
            return indices.map { index in
                let words = plan.explain(
                    Int(snapshot[index].row), in: table, weights: scorer.config.weights
                )
                .filter { $0.contribution > 0.005 }
                .sorted { $0.contribution > $1.contribution }
                .map(\.reason)
                return (index, words)
            }
        }
        for (index, words) in reasons.joined() { lines[index].line.reasons = words }
        return lines.map(\.line)
    }
}
