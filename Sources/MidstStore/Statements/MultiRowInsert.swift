import GRDB

/// Inserts rows into one table many at a time, through multi-row `INSERT … VALUES (…), (…)`
/// statements prepared once per size, the values bound straight from the caller's storage.
///
/// Executing a statement has a fixed cost (VDBE start-up, halt and reset) that dominated the
/// import's write time when every lookup row had its own execution (ImportBenchmarks); a batch of
/// rows pays it once.
///
/// The statements are `INSERT OR FAIL`: a row that breaks a constraint stops the statement
/// without undoing the rows before it. Every caller rolls back its whole transaction on any
/// error, so nothing is lost, and SQLite need not keep a statement journal (provided foreign keys
/// are not enforced either: see `inTransactionTrustingKeys`). With `OR ABORT`, the default,
/// every multi-row statement inside a transaction copied the pages it touched into a temporary
/// file before changing them: 3.6 GB of writes (223,000 pages) for a 1M-staff import (`strace`).
struct MultiRowInsert {
    private let prefix: String
    private let tuple: String
    private let columnCount: Int
    private let rowsPerStatement: Int
    private var statements: [Int: PreparedInsert] = [:]

    init(into table: String, columns: [String], rowsPerStatement: Int = 100) {
        prefix = "INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
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
