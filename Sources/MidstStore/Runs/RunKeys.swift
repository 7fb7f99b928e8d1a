import GRDB
import MidstCore

/// The stored keys a run's rows refer to: each need's, and each scored person's, looked up
/// once per run.
struct RunKeys {
    private var needKeys: [String: Int64] = [:]
    private let table: StaffTable
    /// Whether nothing about staff has changed since the table was read (the same generation):
    /// its keys are then the stored ones. Otherwise each person is looked up by id, and one who
    /// has gone fails the run.
    private let isTableCurrent: Bool
    private let findStaff: Statement
    private var staffKeys: [Int32: Int64] = [:]
    /// The database's path, for the error.
    private let path: String

    init(_ run: ShortlistedRun, path: String, _ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, need_key FROM need") {
            needKeys[row[0]] = row[1]
        }
        table = run.table
        isTableCurrent = try MidstDatabase.staffGeneration(db) == run.table.generation
        findStaff = try db.cachedStatement(sql: "SELECT staff_key FROM staff WHERE id = ?")
        self.path = path
    }

    /// The stored key of `need`; nil when it is not stored.
    func need(_ need: Need) -> Int64? { needKeys[need.id.rawValue] }

    /// The stored key of the person at `row` of the run's table.
    ///
    /// - Throws: ``StoreError/notAMidstDatabase(path:reason:)`` when they are no longer stored.
    mutating func staff(_ row: Int32) throws -> Int64 {
        if isTableCurrent { return table.staffKey(at: Int(row)) }
        if let key = staffKeys[row] { return key }
        guard let key = try Int64.fetchOne(findStaff, arguments: [table.id(at: Int(row)).rawValue])
        else {
            throw StoreError.notAMidstDatabase(
                path: path, reason: "a scored person is missing from the staff table")
        }
        staffKeys[row] = key
        return key
    }
}
