import GRDB

extension Database {
    /// Runs `body` in one transaction of `kind` with SQLite's foreign-key enforcement off, then
    /// turns it back on.
    ///
    /// For writers whose every key refers to a row they created or looked up earlier in the same
    /// transaction (imports, run records), the per-row check is redundant. It is not free: besides
    /// a parent lookup per row, an enforced key makes every multi-row statement keep a statement
    /// journal, a temporary file that receives a copy of each page before the statement changes
    /// it (224,000 `pwrite` calls for the shortlists of a 1M-staff run, `strace`). The tests run
    /// `PRAGMA foreign_key_check` after such writes.
    ///
    /// Must be called outside a transaction: SQLite ignores the pragma inside one.
    func inTransactionTrustingKeys(
        _ kind: TransactionKind? = nil, _ body: () throws -> TransactionCompletion
    ) throws {
        try execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? execute(sql: "PRAGMA foreign_keys = ON") }
        try inTransaction(kind, body)
    }
}
