import GRDB
import MidstCore

extension MidstDatabase {
    /// The names of the consenting people among `ids`, by id; people without a name, without
    /// consent or unknown are left out.
    public func namesOfConsentingStaff(_ ids: [String]) throws -> [String: String] {
        try pool.read { db in
            var names: [String: String] = [:]
            try db.forEachRow(
                "SELECT id, name FROM staff WHERE consent = 1 AND name IS NOT NULL AND id", in: ids
            ) { names[$0[0]] = $0[1] }
            return names
        }
    }

    /// Why each of `ids` cannot be matched now, in words ("withdrew consent", "inactive",
    /// "erased"); ids of matchable people are left out.
    public func unmatchableReasons(_ ids: [String]) throws -> [String: String] {
        try pool.read { db in
            var reasons: [String: String] = [:]
            for id in ids { reasons[id] = "erased" }
            try db.forEachRow("SELECT id, consent, active FROM staff WHERE id", in: ids) { row in
                let id: String = row[0]
                if !(row[1] as Bool) {
                    reasons[id] = "withdrew consent"
                } else if !(row[2] as Bool) {
                    reasons[id] = "inactive"
                } else {
                    reasons[id] = nil
                }
            }
            return reasons
        }
    }
}
