import Foundation
import GRDB
import MidstCore

/// Where the key of pseudonymised exports comes from. It never lives in the database it
/// protects: anyone given the database file alone cannot reverse the pseudonyms.
package struct PseudonymKeySource: Sendable {
    /// The key itself as hex (at least 32 hex digits), from `MIDST_PSEUDONYM_KEY`; wins when set.
    package var hexKey: String?
    /// The key file (`MIDST_PSEUDONYM_KEY_FILE`, else beside the database): created owner-only
    /// with a new random key on first use, then reused so that pseudonyms stay stable.
    package var keyFile: String

    package init(hexKey: String?, keyFile: String) {
        self.hexKey = hexKey
        self.keyFile = keyFile
    }

    /// The default key file of the database at `databasePath`.
    package static func defaultKeyFile(forDatabaseAt databasePath: String) -> String {
        databasePath + "-pseudonym.key"
    }
}

extension MidstDatabase {
    /// The key for pseudonymised exports, from `source`. A key that an older Midst kept inside the
    /// database is moved out into the key file (when there is none yet) and erased from the
    /// database, so that earlier exports' pseudonyms stay the same.
    package func pseudonymKey(_ source: PseudonymKeySource) throws -> [UInt8] {
        if let hex = source.hexKey {
            guard let key = Self.bytes(hex: hex), key.count >= 16 else {
                throw StoreError.unreadable(
                    path: "MIDST_PSEUDONYM_KEY",
                    reason: "not a key: give at least 32 hex digits (e.g. `openssl rand -hex 32`)")
            }
            return key
        }
        let legacy = try pool.read {
            try Data.fetchOne($0, sql: "SELECT value FROM secret WHERE name = 'pseudonym_key'")
        }
        if FileManager.default.fileExists(atPath: source.keyFile) {
            let text = try String(contentsOfFile: source.keyFile, encoding: .utf8)
            guard let key = Self.bytes(hex: text), key.count >= 16 else {
                throw StoreError.unreadable(
                    path: source.keyFile, reason: "not a key: expected at least 32 hex digits")
            }
            if legacy != nil { try forgetLegacyKey() }
            return key
        }
        let key = legacy.map { [UInt8]($0) } ?? Pseudonymiser.newKey()
        try OwnerOnlyFile.write(Array((Self.hex(key) + "\n").utf8), to: source.keyFile)
        if legacy != nil { try forgetLegacyKey() }
        return key
    }

    private func forgetLegacyKey() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM secret WHERE name = 'pseudonym_key'")
            _ = try? db.checkpoint(.truncate)
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private static func bytes(hex text: String) -> [UInt8]? {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let pair = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(pair)
        }
        return bytes
    }
}
