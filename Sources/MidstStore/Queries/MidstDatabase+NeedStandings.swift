import GRDB
import MidstCore

/// Where one need stands on a day, in the vocabulary of ``NeedState``, with the counts behind it.
package struct NeedStanding: Sendable, Hashable {
    package var need: Need
    package var state: NeedState
    /// People placed on it (accepted or completed, not withdrawn).
    package var placed: Int
    /// People asked and not answered yet.
    package var asked: Int
    /// People the latest completed run proposes for it.
    package var proposed: Int
    /// Its slots less the people placed.
    package var openSlots: Int
    /// Its start date has passed with slots still open.
    package var isOverdue: Bool
    /// Why and when its status last changed (`midst needs close --reason`).
    package var statusReason: String?
    package var statusChangedAt: String?
}

extension MidstDatabase {
    /// Every need (only those with `country` among their countries, when given) with where it
    /// stands on `followUp`'s date: its outcomes, its dates and the latest completed run's
    /// proposal. By need id.
    package func needStandings(followUp: FollowUp, country: CountryCode? = nil) throws
        -> [NeedStanding]
    {
        let needs = try needs(country: country)
        let (proposed, reasons) = try read { db in
            var proposed: [String: Int] = [:]
            let latest = try Int64.fetchOne(
                db, sql: "SELECT max(run_key) FROM run WHERE status = 'completed'")
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.id, count(*) FROM assignment a JOIN need n USING (need_key)
                    WHERE a.run_key = ? GROUP BY n.id
                    """, arguments: [latest])
            while let row = try rows.next() { proposed[row[0]] = row[1] }
            var reasons: [String: (String?, String?)] = [:]
            let statuses = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, status_reason, status_changed_at FROM need
                    WHERE status_changed_at IS NOT NULL
                    """)
            while let row = try statuses.next() { reasons[row[0]] = (row[1], row[2]) }
            return (proposed, reasons)
        }
        return needs.map { need in
            let count = proposed[need.id.rawValue] ?? 0
            let state = followUp.state(of: need, proposed: count)
            return NeedStanding(
                need: need, state: state,
                placed: followUp.placedCount(in: need.id), asked: followUp.askedCount(in: need.id),
                proposed: count, openSlots: followUp.openSlots(of: need),
                isOverdue: state.isMatched && followUp.isOverdue(need),
                statusReason: reasons[need.id.rawValue]?.0,
                statusChangedAt: reasons[need.id.rawValue]?.1)
        }
    }
}
