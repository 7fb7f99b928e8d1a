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

/// Inserts rows into one table many at a time, through multi-row `INSERT … VALUES (…), (…)`
/// statements prepared once per size, the values bound straight from the caller's storage.
struct MultiRowInsert {
    private let prefix: String
    private let tuple: String
    private let columnCount: Int
    private let rowsPerStatement: Int
    private var statements: [Int: PreparedInsert] = [:]

    init(into table: String, columns: [String], rowsPerStatement: Int = 100) {
        prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        columnCount = columns.count
        self.rowsPerStatement = rowsPerStatement
    }

    /// Inserts `count` rows in the order given: `bind(statement, first, row)` binds row `row`'s
    /// values from parameter `first` on.
    mutating func insert(
        count: Int, _ db: Database, bind: (PreparedInsert, Int32, Int) throws -> Void
    ) throws {
        var row = 0
        while row < count {
            let rows = min(rowsPerStatement, count - row)
            let insert = try statement(rows: rows, db)
            for offset in 0..<rows {
                try bind(insert, Int32(offset * columnCount + 1), row + offset)
            }
            try insert.execute(db)
            row += rows
        }
    }

    private mutating func statement(rows: Int, _ db: Database) throws -> PreparedInsert {
        if let statement = statements[rows] { return statement }
        let statement = try PreparedInsert(
            db, sql: prefix + Array(repeating: tuple, count: rows).joined(separator: ", "))
        statements[rows] = statement
        return statement
    }
}
