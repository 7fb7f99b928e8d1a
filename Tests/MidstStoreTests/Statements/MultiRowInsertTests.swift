import GRDB
import Testing

@testable import MidstStore

@Suite("Multi-row inserts")
struct MultiRowInsertTests {
    /// A database with one table whose `value` must be positive.
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE item (key INTEGER PRIMARY KEY, value INTEGER CHECK (value > 0))")
        }
        return queue
    }

    @Test("rows go in, in order, across statements of every size")
    func insertsEveryRow() throws {
        let queue = try database()
        try queue.write { db in
            var insert = MultiRowInsert(
                into: "item", columns: ["key", "value"], rowsPerStatement: 4)
            try insert.insert(count: 10, db) { statement, first, row in
                statement.bind(first, row + 1)
                statement.bind(first + 1, (row + 1) * 10)
            }
        }
        let values = try queue.read {
            try Int.fetchAll($0, sql: "SELECT value FROM item ORDER BY key")
        }
        #expect(values == Array(stride(from: 10, through: 100, by: 10)))
    }

    /// `OR FAIL` is what spares SQLite a statement journal; its visible sign is that a failed
    /// statement keeps the rows before the bad one, until the caller rolls back.
    @Test(
        "a bad row stops its statement without undoing the rows before it; a rollback removes all")
    func failsWithoutStatementRollback() throws {
        let queue = try database()
        var keptBeforeRollback: [Int] = []
        #expect(throws: DatabaseError.self) {
            try queue.inTransaction { db in
                var insert = MultiRowInsert(
                    into: "item", columns: ["key", "value"], rowsPerStatement: 5)
                do {
                    try insert.insert(count: 5, db) { statement, first, row in
                        statement.bind(first, row + 1)
                        statement.bind(first + 1, row == 3 ? -1 : 1)
                    }
                } catch {
                    keptBeforeRollback = try Int.fetchAll(
                        db, sql: "SELECT key FROM item ORDER BY key")
                    throw error
                }
                return .commit
            }
        }
        #expect(keptBeforeRollback == [1, 2, 3])
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 0)
    }
}
