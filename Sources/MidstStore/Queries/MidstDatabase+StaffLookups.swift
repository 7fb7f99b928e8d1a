import GRDB
import MidstCore

extension MidstDatabase {
    /// Which of `ids` are people who consent to be matched (only they are ever shown).
    package func consentingStaffIDs(_ ids: [String]) throws -> Set<String> {
        try pool.read { db in
            var found: Set<String> = []
            try db.forEachRow("SELECT id FROM staff WHERE consent = 1 AND id", in: ids) {
                found.insert($0[0])
            }
            return found
        }
    }

    /// Why each of `ids` cannot be matched now, in words ("withdrew consent", "inactive",
    /// "erased"); ids of matchable people are left out.
    package func unmatchableReasons(_ ids: [String]) throws -> [String: String] {
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
