import GRDB
import MidstCore

extension MidstDatabase {
    /// The names of the consenting people among `ids`, by id; people without a name, without
    /// consent or unknown are left out.
    public func namesOfConsentingStaff(_ ids: [String]) throws -> [String: String] {
        try pool.read { db in
            var names: [String: String] = [:]
            // SQLite allows a bounded number of parameters; 500 at a time stays well within it.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT id, name FROM staff WHERE consent = 1 AND name IS NOT NULL AND id IN (\(marks))",
                    arguments: StatementArguments(chunk))
                while let row = try rows.next() { names[row[0]] = row[1] }
            }
            return names
        }
    }

    /// Why each of `ids` cannot be matched now, in words ("withdrew consent", "inactive",
    /// "erased"); ids of matchable people are left out.
    public func unmatchableReasons(_ ids: [String]) throws -> [String: String] {
        try pool.read { db in
            var reasons: [String: String] = [:]
            for id in ids { reasons[id] = "erased" }
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, consent, active FROM staff WHERE id IN (\(marks))",
                    arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let id: String = row[0]
                    if !(row[1] as Bool) {
                        reasons[id] = "withdrew consent"
                    } else if !(row[2] as Bool) {
                        reasons[id] = "inactive"
                    } else {
                        reasons[id] = nil
                    }
                }
            }
            return reasons
        }
    }
}
