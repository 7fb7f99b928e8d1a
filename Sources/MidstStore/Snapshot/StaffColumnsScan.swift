import Foundation
import GRDB
import GRDBSQLite
import MidstCore

/// Reads the matchable staff of a range of staff keys into table rows: only the columns the
/// table needs, by position, from SQLite's own buffers, each distinct code text coded once
/// (``TextCodes``). The rows are those ``MidstDatabase/appendMatchable(_:contexts:to:_:)``
/// makes of the same people from their records (StaffRebuildTests).
struct StaffColumnsScan {
    private static let sql = """
        SELECT staff_key, id, profession, specialties, seniority, countries, languages,
               available_from, available_to, remote, in_country, max_assignments, employer,
               placements
        FROM staff WHERE consent = 1 AND active = 1 AND staff_key BETWEEN ? AND ?
        """

    private let reference: ReferenceData
    private var professions: TextCodes<UInt16?>
    private var specialties: TextCodes<[UInt16]>
    private var ties: TextCodes<CodedTies>
    private var languages: TextCodes<CodedLanguages>
    private var days: TextCodes<Int32?>
    private var employers: TextCodes<UInt64>

    private init(reference: ReferenceData) {
        self.reference = reference
        professions = TextCodes { reference.number(of: SpecialtyCode(rawValue: $0)).map(UInt16.init) }
        specialties = TextCodes { reference.numbers(of: MidstDatabase.specialties($0)) }
        ties = TextCodes { CodedTies(MidstDatabase.countryTies($0), reference: reference) }
        languages = TextCodes {
            CodedLanguages(MidstDatabase.languageSkills($0), reference: reference)
        }
        days = TextCodes { CalendarDate(iso: $0).map { Int32($0.dayNumber) } }
        employers = TextCodes { OrganisationKey.key($0, reference) }
    }

    /// The matchable people whose staff keys are in `keys`, in staff-key order, in rows with
    /// room for `people`.
    static func rows(
        keys: ClosedRange<Int64>, contexts: [Int64: Staff.Context], reference: ReferenceData,
        room people: Int, _ db: Database
    ) throws -> StaffTableRows {
        var scan = StaffColumnsScan(reference: reference)
        var rows = StaffTableRows(reference: reference)
        rows.reserveCapacity(people: people)
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, keys.lowerBound)
        sqlite3_bind_int64(handle, 2, keys.upperBound)
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            if var person = scan.person(handle) {
                let context = contexts[person.key] ?? Staff.Context()
                Self.withText(handle, 1) { id in
                    person.id = id
                    rows.append(person, context: context)
                }
            }
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
        return rows
    }

    /// The person in the current row, coded, but for the id; `nil` when the profession is
    /// unknown (they could never be matched).
    private mutating func person(_ handle: OpaquePointer) -> CodedStaff? {
        guard let profession = professions.value(of: Self.text(handle, 2)) else { return nil }
        var person = CodedStaff()
        person.key = sqlite3_column_int64(handle, 0)
        person.profession = profession
        person.specialties = specialties.value(of: Self.text(handle, 3))
        let seniority = Seniority(rawValue: Int(sqlite3_column_int64(handle, 4))) ?? .lowest
        person.seniority = UInt8(seniority.rawValue)
        person.ties = ties.value(of: Self.text(handle, 5))
        person.languages = languages.value(of: Self.text(handle, 6))
        if sqlite3_column_type(handle, 7) != SQLITE_NULL {
            person.availableFrom = days.value(of: Self.text(handle, 7)) ?? Int32.min
        }
        if sqlite3_column_type(handle, 8) != SQLITE_NULL {
            person.availableTo = days.value(of: Self.text(handle, 8)) ?? Int32.max
        }
        var modes: Staff.WorkModes = []
        if sqlite3_column_int64(handle, 9) != 0 { modes.insert(.remote) }
        if sqlite3_column_int64(handle, 10) != 0 { modes.insert(.inCountry) }
        person.modes = modes.rawValue
        person.maxAssignments = Int(sqlite3_column_int64(handle, 11))
        person.employerKey =
            sqlite3_column_type(handle, 12) == SQLITE_NULL
            ? OrganisationKey.key(nil, reference) : employers.value(of: Self.text(handle, 12))
        person.pastPlacements = Int(sqlite3_column_int64(handle, 13))
        return person
    }

    /// Column `index`'s text, SQLite's own bytes (valid until the next step).
    private static func text(_ handle: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, index) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// Calls `body` with column `index`'s text as a `String` would hold it: SQLite's bytes when
    /// they are ASCII without NUL (ids are), else those of `String(cString:)`'s reading.
    private static func withText(
        _ handle: OpaquePointer, _ index: Int32, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        let bytes = text(handle, index)
        if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) { return body(bytes) }
        var string = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        string.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
