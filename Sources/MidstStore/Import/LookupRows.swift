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
