import GRDB

extension Database {
    /// Runs `select` followed by ` IN (?, …)` over `values` and then `suffix` (a `GROUP BY`,
    /// say), 500 values at a time (SQLite bounds the parameters of one statement), calling
    /// `each` with every row found.
    func forEachRow<Value: DatabaseValueConvertible>(
        _ select: String, in values: [Value], then suffix: String = "",
        _ each: (Row) throws -> Void
    ) throws {
        for start in stride(from: 0, to: values.count, by: 500) {
            let chunk = Array(values[start..<min(start + 500, values.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(
                self, sql: "\(select) IN (\(marks)) \(suffix)", arguments: StatementArguments(chunk))
            while let row = try rows.next() { try each(row) }
        }
    }
}
