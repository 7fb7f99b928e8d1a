import Foundation
import GRDB

/// What would betray a copy of an erased person's record left in a file: the byte strings that
/// ``MidstDatabase/forgetStaff(id:)`` looks for once the rows are gone.
///
/// A copy may be cut short: B-tree balancing moves cells between pages and leaves the old bytes
/// in the page's unallocated space, where later cells overwrite them from either end. Issue 22,
/// item 5 found `S27656Thomas Williamsthomas.williams2`: the e-mail cut short, a name that
/// namesakes share, and the id, which was not looked for. Every copy of a record or of its
/// index entry that holds the whole id is found by the id; so the id must be the person's own
/// (not inside another value still stored, as `S5` is inside `S50`) and long enough not to turn
/// up by chance (5 bytes). Otherwise ``isSpecific`` is false and the caller rebuilds the
/// database rather than trust the search. A remnant cut from its id (a name, part of an e-mail)
/// cannot be told from a namesake's.
struct ErasureTraces {
    /// The byte strings to look for: the id, the name, the e-mail and its local part.
    private(set) var needles: [[UInt8]]
    /// Whether a search for these finds every copy that holds the id (see above).
    private(set) var isSpecific: Bool

    /// The traces of the record `id`, `name`, `email`.
    init(id: String, name: String?, email: String?) {
        var texts = [id, name, email].compactMap { $0 }.filter { !$0.isEmpty }
        if let email, let at = email.firstIndex(of: "@") { texts.append(String(email[..<at])) }
        needles = Array(Set(texts.filter { $0.utf8.count >= 5 })).map { Array($0.utf8) }
        isSpecific = id.utf8.count >= 5
    }

    /// Drops the traces that some row still holds (a namesake, `ann.lee` inside `joann.lee`, a
    /// need's description): those belong to the row. Reads every text column once.
    mutating func dropStillStored(_ db: Database, id: String) throws {
        var stored = Set<Int>()
        let tables = try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for table in tables {
            let columns = try Row.fetchAll(
                db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table]
            )
            .filter {
                ($0["type"] as String).uppercased().contains("TEXT")
                    || ($0["type"] as String).isEmpty
            }
            .map { $0["name"] as String }
            guard !columns.isEmpty else { continue }
            // Names come from the schema, quoted; the traces are bound. One pass per table.
            let tests = needles.indices.map { index in
                "max("
                    + columns.map { "instr(\"\($0)\", ?\(index + 1)) > 0" }.joined(
                        separator: " OR ")
                    + ")"
            }
            let arguments = StatementArguments(needles.map { String(decoding: $0, as: UTF8.self) })
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(tests.joined(separator: ", ")) FROM \"\(table)\"",
                    arguments: arguments)
            else { continue }
            for index in needles.indices where (row[index] as Bool?) == true {
                stored.insert(index)
            }
        }
        if let idIndex = needles.firstIndex(of: Array(id.utf8)), stored.contains(idIndex) {
            isSpecific = false
        }
        needles = needles.indices.filter { !stored.contains($0) }.map { needles[$0] }
    }

    /// Whether any trace is in any of the files at `paths`.
    func isFound(in paths: [String]) -> Bool {
        paths.contains { path in needles.contains { MidstDatabase.file(at: path, contains: $0) } }
    }

}

extension MidstDatabase {
    /// Whether the file at `path` holds `needle` anywhere (mapped, not read into memory).
    static func file(at path: String, contains needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return false }
        return MappedFile.withBytes(path: path) { bytes in
            // memchr finds each candidate first byte at memory speed; memcmp confirms it.
            let end = bytes.baseAddress! + bytes.count
            var cursor = bytes.baseAddress!
            return needle.withUnsafeBytes { pattern in
                while cursor < end, let hit = memchr(cursor, Int32(first), end - cursor) {
                    let found = UnsafeRawPointer(hit)
                    if end - found >= pattern.count,
                        memcmp(found, pattern.baseAddress!, pattern.count) == 0
                    {
                        return true
                    }
                    cursor = found + 1
                }
                return false
            }
        } ?? false
    }
}
