import Foundation
import GRDB

/// What would betray a copy of an erased person's record left in a file: the byte strings that
/// ``MidstDatabase/forgetStaff(id:)`` looks for once the rows are gone.
///
/// A copy may be cut short: B-tree balancing moves cells between pages and leaves the old bytes
/// in the page's unallocated space, where later cells overwrite them from either end (issue 22,
/// item 5: `S27656Thomas Williamsthomas.williams2`, an e-mail cut short, a name that namesakes
/// share, and no search for the id). So besides the id, the name and the e-mail, the traces are
/// the e-mail's local part, the id joined to the start of the next field as a record stores
/// them, and the cell of the id's index (header, id, key). A remnant holding none of these (a
/// name cut from its id) cannot be told from a namesake's.
struct ErasureTraces {
    /// The byte strings to look for.
    private(set) var needles: [[UInt8]]
    /// Whether the id itself is among them. When the id lies inside another value still stored
    /// (`S5` inside `S50`), a copy of an older version of the record cannot be told from
    /// others' data: the caller then rebuilds the database rather than trust the search.
    private(set) var isSpecific: Bool

    /// The traces of the record `id`, `name`, `email` with staff key `key`.
    init(id: String, name: String?, email: String?, key: Int64) {
        let fields = [id, name, email].compactMap { $0 }.filter { !$0.isEmpty }
        var texts = fields
        if let email, let at = email.firstIndex(of: "@") { texts.append(String(email[..<at])) }
        // The whole id joined to the start of the next field, as a record stores them: its
        // own. A part of the id is not (`777Hannah` is in S1777 Hannah's record too), nor is a
        // name joined to an e-mail made from it (`Mensahamara.`, in every namesake's record).
        if fields.count > 1 { texts.append(id + String(fields[1].prefix(3))) }
        needles = Array(Set(texts.filter { $0.utf8.count >= 5 })).map { Array($0.utf8) }
        needles.append(Self.indexCell(id: id, key: key))
        // An id of under 5 bytes would be found by chance in any large file.
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

    /// The payload of the id's entry in the staff table's unique index, as SQLite stores it:
    /// a record of the id (text) and the staff key (integer).
    private static func indexCell(id: String, key: Int64) -> [UInt8] {
        let text = Array(id.utf8)
        let (type, size): (UInt8, Int) =
            switch key {
            case 0: (8, 0)
            case 1: (9, 0)
            case -128...127: (1, 1)
            case -32768...32767: (2, 2)
            case -8_388_608...8_388_607: (3, 3)
            case -2_147_483_648...2_147_483_647: (4, 4)
            case -140_737_488_355_328...140_737_488_355_327: (5, 6)
            default: (6, 8)
            }
        let keyBytes = (0..<size).reversed().map { UInt8(truncatingIfNeeded: key >> (8 * $0)) }
        // The header: its own size (3 bytes), then the serial types; a text of n bytes is
        // 2n + 13 (one byte while n <= 57, as an id is).
        return [3, UInt8(truncatingIfNeeded: 2 * text.count + 13), type] + text + keyBytes
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
