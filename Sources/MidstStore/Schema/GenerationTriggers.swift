import GRDB

/// Triggers that give the staff generation a new value whenever staff, outcomes or needs change
/// by any route, so that a compact staff snapshot built before the change is never trusted.
///
/// The new value is random rather than one more: a database restored from a backup and changed
/// since could otherwise come back to the generation of a snapshot built from another state.
///
/// A trigger fires once per row: 0.8 µs a row, about 0.8 s of a 1M-staff import (measured with
/// the `sqlite3` shell). Midst's own imports bump the generation once themselves, so they drop
/// the triggers inside their transaction and create them again before committing: another
/// connection never sees the schema without them, as DDL is transactional.
enum GenerationTriggers {
    /// (trigger name, table, event) for every trigger.
    static let triggers: [(name: String, table: String, event: String)] = [
        ("staff_generation_on_staff_insert", "staff", "INSERT"),
        ("staff_generation_on_staff_update", "staff", "UPDATE"),
        ("staff_generation_on_staff_delete", "staff", "DELETE"),
        ("staff_generation_on_outcome_insert", "outcome", "INSERT"),
        ("staff_generation_on_outcome_update", "outcome", "UPDATE"),
        ("staff_generation_on_outcome_delete", "outcome", "DELETE"),
        ("staff_generation_on_need_update", "need", "UPDATE"),
        ("staff_generation_on_need_delete", "need", "DELETE"),
    ]

    /// Creates every trigger.
    static func create(_ db: Database) throws {
        for trigger in triggers { try create(trigger, db) }
    }

    /// Creates the triggers on `table` (after a migration rebuilt it, dropping them).
    static func create(on table: String, _ db: Database) throws {
        for trigger in triggers where trigger.table == table { try create(trigger, db) }
    }

    private static func create(_ trigger: (name: String, table: String, event: String), _ db: Database)
        throws
    {
        try db.execute(
            sql: """
                CREATE TRIGGER \(trigger.name) AFTER \(trigger.event) ON \(trigger.table)
                BEGIN UPDATE staff_generation SET generation = random(); END
                """)
    }

    /// Drops the triggers on `table` for the rest of the transaction, runs `body`, and creates
    /// them again. Only for writers that bump the generation themselves.
    static func suspended<T>(on table: String, _ db: Database, _ body: () throws -> T) throws -> T {
        precondition(db.isInsideTransaction, "triggers are only suspended inside a transaction")
        let suspended = triggers.filter { $0.table == table }
        for trigger in suspended { try db.execute(sql: "DROP TRIGGER \(trigger.name)") }
        let result = try body()
        for trigger in suspended { try create(trigger, db) }
        return result
    }
}
