import GRDB
import MidstCore

/// Records outcomes against existing needs and staff; re-importing the same (need, staff,
/// outcome) updates its date. A row's `shown_rank` and `shown_score` are the pair's exposure:
/// the latest given replaces the one stored.
struct OutcomeWriter: RecordWriter {
    static var canReject: Bool { true }
    private let findNeed: Statement
    private let findStaff: Statement
    private let upsert: PreparedInsert
    private let exposure: Statement
    /// The people outcomes were written for: their commitments and placements changed.
    private var people: Set<Int64> = []

    init(_ db: Database) throws {
        findNeed = try db.makeStatement(sql: "SELECT need_key FROM need WHERE id = ?")
        findStaff = try db.makeStatement(sql: "SELECT staff_key FROM staff WHERE id = ?")
        upsert = try PreparedInsert(
            db,
            sql: """
                INSERT INTO outcome (need_key, staff_key, outcome, date) VALUES (?, ?, ?, ?)
                ON CONFLICT (need_key, staff_key, outcome) DO UPDATE SET date = excluded.date
                """)
        exposure = try db.makeStatement(sql: MidstDatabase.givenExposureUpsert)
    }

    func problem(with outcome: Outcome, _ db: Database) throws -> (field: String, message: String)?
    {
        if try Int.fetchOne(findNeed, arguments: [outcome.needID.rawValue]) == nil {
            return ("need_id", "unknown need id '\(outcome.needID)' (import the need first)")
        }
        if try Int.fetchOne(findStaff, arguments: [outcome.staffID.rawValue]) == nil {
            return (
                "staff_id", "unknown staff id '\(outcome.staffID)' (import the staff member first)"
            )
        }
        return nil
    }

    mutating func write(_ outcome: Outcome, _ db: Database) throws -> Bool {
        guard let needKey = try Int.fetchOne(findNeed, arguments: [outcome.needID.rawValue]),
            let staffKey = try Int.fetchOne(findStaff, arguments: [outcome.staffID.rawValue])
        else { preconditionFailure("problem(with:) vets both ids before a write") }
        let existed =
            try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM outcome WHERE need_key = ? AND staff_key = ? AND outcome = ?",
                arguments: [needKey, staffKey, outcome.kind.rawValue]) ?? false
        upsert.bind(1, needKey)
        upsert.bind(2, staffKey)
        upsert.bind(3, outcome.kind.rawValue)
        upsert.bind(4, outcome.date.description)
        try upsert.execute(db)
        if let shown = outcome.exposure {
            try exposure.execute(arguments: [needKey, staffKey, shown.rank, shown.score])
        }
        people.insert(Int64(staffKey))
        return !existed
    }

    func staffChanges(_ db: Database) throws -> StaffChanges { StaffChanges(recontexted: people) }
}
