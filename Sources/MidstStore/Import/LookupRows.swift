import Foundation
import GRDB
import GRDBSQLite

/// The distinct codes of one text column of a lookup table, ranked in byte order (the order of
/// the primary keys), each kept as a C string that SQLite reads in place when it is bound.
///
/// Binding a code this way costs no `String` work and no copy, which matters for the millions
/// of lookup rows of a bulk import (ImportBenchmarks).
final class CodeList {
    /// Each code's rank: its position in byte order.
    let rank: [String: Int]
    private let texts: [UnsafeMutablePointer<CChar>]
    private let lengths: [Int32]

    init(_ codes: some Sequence<String>) {
        let distinct = Set(codes).sorted()
        rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        texts = distinct.map { strdup($0)! }
        lengths = distinct.map { Int32($0.utf8.count) }
    }

    deinit { for text in texts { free(text) } }

    /// Binds the code of rank `rank` to parameter `index`; `self` must outlive the execution.
    func bind(_ rank: Int, to statement: PreparedInsert, at index: Int32) {
        statement.bindStatic(index, texts[rank], length: lengths[rank])
    }
}

/// Inserts `count` rows into `table` in the order given, 100 at a time through multi-row
/// statements: `bind(statement, first, row)` binds row `row`'s values from parameter `first` on.
func insertRows(
    into table: String, columns: [String], count: Int, _ db: Database,
    bind: (PreparedInsert, Int32, Int) -> Void
) throws {
    let rowsPerStatement = 100
    let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    func statement(rows: Int) throws -> PreparedInsert {
        try PreparedInsert(
            db,
            sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: rows).joined(separator: ", "))
    }
    let full = try statement(rows: rowsPerStatement)
    var row = 0
    while row < count {
        let rows = min(rowsPerStatement, count - row)
        let insert = rows == rowsPerStatement ? full : try statement(rows: rows)
        for offset in 0..<rows {
            bind(insert, Int32(offset * columns.count + 1), row + offset)
        }
        try insert.execute(db)
        row += rows
    }
}
