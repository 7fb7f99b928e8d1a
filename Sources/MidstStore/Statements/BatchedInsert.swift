import GRDB

/// Collects rows for one table and inserts them many at a time with a multi-row
/// `INSERT … VALUES (…), (…), …` prepared statement.
///
/// Executing a statement has a fixed cost (VDBE start-up, halt and reset) that dominated the
/// import's write time when every lookup row had its own execution (ImportBenchmarks); a batch of
/// rows pays it once. Pending values are kept in a reused buffer, so appending does not allocate.
struct BatchedInsert {
    /// One bound value.
    enum Value {
        case text(String)
        case integer(Int)
        case real(Double)
        case null
    }

    private let prefix: String
    private let columnCount: Int
    private let rowsPerStatement: Int
    private var pending: [Value] = []
    private var statements: [Int: PreparedInsert] = [:]

    /// Rows for `table`'s `columns`, sent `rowsPerStatement` at a time.
    init(table: String, columns: [String], rowsPerStatement: Int = 100) {
        prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        columnCount = columns.count
        self.rowsPerStatement = rowsPerStatement
        pending.reserveCapacity(columns.count * rowsPerStatement)
    }

    /// Rows waiting to be inserted.
    var pendingRows: Int { pending.count / columnCount }

    /// Adds one row (one value per column); nothing is written until ``flush(_:includingPartial:)``.
    mutating func append(_ values: Value...) {
        pending.append(contentsOf: values)
    }

    /// Inserts the pending rows in full batches, and the last, smaller batch too when
    /// `includingPartial` (otherwise it waits for more rows).
    mutating func flush(_ db: Database, includingPartial: Bool) throws {
        let batchValues = columnCount * rowsPerStatement
        var start = 0
        while pending.count - start >= batchValues || (includingPartial && pending.count > start) {
            let count = min(batchValues, pending.count - start)
            let statement = try statement(rows: count / columnCount, db)
            for offset in 0..<count {
                let index = Int32(offset + 1)
                switch pending[start + offset] {
                case .text(let text): statement.bind(index, text)
                case .integer(let number): statement.bind(index, number)
                case .real(let number): statement.bind(index, number)
                case .null: statement.bind(index, nil as Int?)
                }
            }
            try statement.execute(db)
            start += count
        }
        pending.removeFirst(start)
    }

    private mutating func statement(rows: Int, _ db: Database) throws -> PreparedInsert {
        if let statement = statements[rows] { return statement }
        let tuple = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
        let sql = prefix + Array(repeating: tuple, count: rows).joined(separator: ", ")
        let statement = try PreparedInsert(db, sql: sql)
        statements[rows] = statement
        return statement
    }
}
