import GRDB
import MidstCore

/// The outcome log with what evaluating and tuning the scorer need: the needs it refers to, the
/// asked people's records, which of them are inactive, and each pair's exposure.
package struct OutcomeLog: Sendable {
    package var needs: [Need]
    package var outcomes: [Outcome]
    package var staff: [Staff]
    package var inactive: Set<RecordID>
    /// Per need id, per staff id: the rank and score the person was shown at.
    package var exposures: [RecordID: [RecordID: Exposure]] = [:]
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
            var exposures: [RecordID: [RecordID: Exposure]] = [:]
            let shown = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.id, s.id, e.rank, e.score
                    FROM outcome_exposure e JOIN need n USING (need_key) JOIN staff s USING (staff_key)
                    """)
            while let row = try shown.next() {
                exposures[RecordID(rawValue: row[0]), default: [:]][RecordID(rawValue: row[1])] =
                    Exposure(rank: row[2], score: row[3])
            }
            return OutcomeLog(
                needs: needs, outcomes: outcomes, staff: staff, inactive: inactive,
                exposures: exposures)
        }
    }
}

extension OutcomeLog {
    /// The log's judged pairs with their component values as of before each offer, under
    /// `scorer` (what `evaluate`, `tune` and `features` read).
    package func labelledSet(scorer: Scorer) -> LabelledSet {
        LabelledSet(
            needs: needs, outcomes: outcomes, staff: staff, inactive: inactive,
            exposures: exposures, scorer: scorer)
    }
}
