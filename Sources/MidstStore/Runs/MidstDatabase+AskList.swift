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
    /// The run's proposal as people to contact, by need id then staff id: who to ask today and
    /// whose answer is awaited, with names and e-mails of consenting staff only (people who
    /// withdrew consent or are no longer matchable are left out).
    ///
    /// - Parameters:
    ///   - table: the staff snapshot the reasons are worked out on.
    ///   - scorer: the run's scoring configuration.
    ///   - followUp: the outcomes as of the run's date, for when each awaited ask was made.
    package func askList(
        run: RunRecord, table: StaffTable, scorer: Scorer, followUp: FollowUp
    ) throws -> [AskLine] {
        let pairs = try assignments(run: run.id)
        let needsByID = Dictionary(
            try needs().map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = table.rows(of: pairs.map { RecordID(rawValue: $0.staffID) })
        var contacts: [String: (name: String?, email: String?)] = [:]
        try read { db in
            try db.forEachRow(
                "SELECT id, name, email FROM staff WHERE consent = 1 AND id",
                in: Array(Set(pairs.map(\.staffID))).sorted()
            ) { contacts[$0[0]] = ($0[1], $0[2]) }
        }
        var plans: [String: NeedPlan] = [:]
        return pairs.compactMap { pair -> AskLine? in
            guard let need = needsByID[pair.needID], let contact = contacts[pair.staffID],
                let row = rows[RecordID(rawValue: pair.staffID)]
            else { return nil }
            let plan = plans[pair.needID] ?? NeedPlan(need: need, scorer: scorer)
            plans[pair.needID] = plan
            let reasons = plan.explain(Int(row), in: table, weights: scorer.config.weights)
                .filter { $0.contribution > 0.005 }
                .sorted { $0.contribution > $1.contribution }
                .map(\.reason)
            var askedOn: CalendarDate?
            if case .asked(let since) = followUp.standing(
                need: need.id, staff: RecordID(rawValue: pair.staffID))
            {
                askedOn = since
            }
            return AskLine(
                needID: pair.needID, needTitle: need.title(in: scorer.reference),
                staffID: pair.staffID, name: contact.name, email: contact.email, score: pair.score,
                basis: pair.basis, askedOn: askedOn,
                daysWaiting: askedOn.flatMap { asked in
                    run.asOf.map { $0.dayNumber - asked.dayNumber }
                },
                reasons: reasons)
        }
    }
}
