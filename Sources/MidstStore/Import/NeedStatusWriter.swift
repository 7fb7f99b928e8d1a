import Foundation
import GRDB
import MidstCore

/// Changes needs' statuses alone, keeping every other column as stored: `midst needs close` and
/// `reopen`, and needs files with only `id` and `status` (and `reason`).
struct NeedStatusWriter: RecordWriter {
    static var canReject: Bool { true }
    private let findNeed: Statement
    private let update: PreparedInsert
    private let changedAt: String
    /// The needs changed: the commitments of the people placed on them change with the status.
    private var changed: [Int64] = []

    init(_ db: Database, now: Timestamp) throws {
        findNeed = try db.makeStatement(sql: "SELECT need_key FROM need WHERE id = ?")
        update = try PreparedInsert(
            db,
            sql: """
                UPDATE need SET status = ?, status_reason = ?, status_changed_at = ?
                WHERE need_key = ?
                """)
        changedAt = now.iso
    }

    func problem(with change: NeedStatusChange, _ db: Database) throws -> (
        field: String, message: String
    )? {
        if try Int64.fetchOne(findNeed, arguments: [change.needID.rawValue]) == nil {
            return ("id", "unknown need id '\(change.needID)' (import the need first)")
        }
        return nil
    }

    mutating func write(_ change: NeedStatusChange, _ db: Database) throws -> Bool {
        guard let key = try Int64.fetchOne(findNeed, arguments: [change.needID.rawValue]) else {
            throw UnknownRecord(message: "no need with \(RecordID.named(change.needID.rawValue))")
        }
        update.bind(1, change.status.rawValue)
        update.bind(2, change.reason)
        update.bind(3, changedAt)
        update.bind(4, Int(key))
        try update.execute(db)
        changed.append(key)
        return false
    }

    func staffChanges(_ db: Database) throws -> StaffChanges {
        try StaffChanges.peopleWithOutcomes(for: changed, db)
    }
}

extension MidstDatabase {
    /// Closes or reopens a need (`midst needs close` and `reopen`), keeping its other columns.
    /// An unknown need is an ``UnknownRecord``.
    package func changeStatus(_ change: NeedStatusChange, now: Timestamp) throws {
        try writeKeepingSnapshot { db in
            var writer = try NeedStatusWriter(db, now: now)
            _ = try writer.write(change, db)
            return ((), try writer.staffChanges(db))
        }
    }
}
