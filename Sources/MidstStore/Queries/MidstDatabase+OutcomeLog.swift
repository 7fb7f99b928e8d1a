import GRDB
import MidstCore

/// The outcome log with what evaluating and tuning the scorer need: the needs it refers to, the
/// asked people's records and which of them are inactive.
package struct OutcomeLog: Sendable {
    package var needs: [Need]
    package var outcomes: [Outcome]
    package var staff: [Staff]
    package var inactive: Set<RecordID>
}

extension MidstDatabase {
    /// Every outcome, the needs they refer to (any status) and the people asked.
    package func outcomeLog() throws -> OutcomeLog {
        try pool.read { db in
            let outcomes = try Self.outcomes(db)
            var languages: [Int64: [Row]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT need_key, language, is_required, min_level_rank, country FROM need_language
                    WHERE need_key IN (SELECT need_key FROM outcome)
                    """)
            {
                languages[row["need_key"], default: []].append(row)
            }
            let needs = try Row.fetchAll(
                db,
                sql: "SELECT * FROM need WHERE need_key IN (SELECT need_key FROM outcome) ORDER BY id"
            ).map { Self.need(from: $0, languages: languages[$0["need_key"]] ?? []) }
            var staff: [Staff] = []
            var inactive: Set<RecordID> = []
            let people = try Row.fetchCursor(
                db,
                sql: "SELECT * FROM staff WHERE staff_key IN (SELECT staff_key FROM outcome) ORDER BY id")
            while let row = try people.next() {
                let person = Self.staff(from: row)
                staff.append(person)
                if !(row["active"] as Bool) { inactive.insert(person.id) }
            }
            return OutcomeLog(needs: needs, outcomes: outcomes, staff: staff, inactive: inactive)
        }
    }
}
