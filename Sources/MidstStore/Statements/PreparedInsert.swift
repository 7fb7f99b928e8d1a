import GRDB
import GRDBSQLite

/// A prepared statement bound parameter by parameter through SQLite's C API, reused for every row
/// (an insert or update, or a one-row query read with ``integer(_:)``).
///
/// GRDB's `StatementArguments` allocate an array of values per execution; for the millions of rows
/// of a bulk import that allocation dominated (ImportBenchmarks, "Import 100k staff rows"), so
/// the import's hot path binds directly. Text is bound as `SQLITE_TRANSIENT`: SQLite copies it.
struct PreparedInsert {
    private let statement: Statement
    private let sql: String

    init(_ db: Database, sql: String) throws {
        self.statement = try db.makeStatement(sql: sql)
        self.sql = sql
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                if let base = text.baseAddress {
                    _ = sqlite3_bind_text(handle, index, base, Int32(text.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    /// Binds `length` bytes of UTF-8 at `text`, which SQLite reads in place
    /// (`SQLITE_STATIC`): the memory must stay valid until the statement has run.
    func bindStatic(_ index: Int32, _ text: UnsafePointer<CChar>, length: Int32) {
        _ = sqlite3_bind_text(handle, index, text, length, nil)
    }

    /// Binds UTF-8 `text`, which SQLite copies (`SQLITE_TRANSIENT`), so it may be temporary.
    func bindCopy(_ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        text.withMemoryRebound(to: CChar.self) {
            _ = sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    /// Binds NULL for nil.
    func bind(_ index: Int32, _ value: Double?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        bind(index, value)
    }

    /// Binds NULL for nil.
    func bind(_ index: Int32, _ value: Bool?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        bind(index, value)
    }

    /// Runs the statement once with the bound values, then resets it for the next row.
    func execute(_ db: Database) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }

    /// Runs a one-row query with the bound values and returns its first column as an integer
    /// (`nil` when it returns no row), then resets it for the next row.
    func integer(_ db: Database) throws -> Int? {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return Int(sqlite3_column_int64(handle, 0))
        case SQLITE_DONE: return nil
        default:
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
