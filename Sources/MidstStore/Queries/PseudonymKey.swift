import Foundation
import GRDB
import MidstCore

extension MidstDatabase {
    /// The key for pseudonymised exports: created at random on first use and kept in the
    /// database, so that the same person gets the same pseudonym in every export.
    public func pseudonymKey() throws -> [UInt8] {
        try pool.write { db in
            if let stored = try Data.fetchOne(
                db, sql: "SELECT value FROM secret WHERE name = 'pseudonym_key'")
            {
                return [UInt8](stored)
            }
            let key = Pseudonymiser.newKey()
            try db.execute(
                sql: "INSERT INTO secret (name, value) VALUES ('pseudonym_key', ?)",
                arguments: [Data(key)])
            return key
        }
    }
}
