import GRDB
import MidstCore

/// A staff record on its way to the database: taken straight from the file's bytes (from a file
/// with every column), or parsed, with the columns its file or line lacks.
enum StaffImportRecord: Sendable {
    case plain(PlainStaff)
    case parsed(Staff, absent: Set<StaffColumn>)
}

/// Inserts or replaces staff records and their lookup rows (specialties, ties, languages).
///
/// Existing ids are loaded once and new people get the next free staff keys, so staff rows are
/// written in multi-row batches. A plain record's text is bound in place from the import file's
/// bytes. Lookup rows and snapshot rows are staged (``StagedStaffRows``), a first load's
/// snapshot rows on the producer thread (``FirstLoadStaging``), and the lookup rows written at
/// the end. A
/// re-imported person keeps their staff key (rowid), so outcomes and run history keep pointing at
/// them; their old lookup rows are found from the readable copies in the staff row and deleted by
/// primary key.
struct StaffWriter: RecordWriter {
    /// A re-imported record can be refused: older than the stored one, or undoing a withdrawal.
    /// An older record that withdraws consent is not refused: its withdrawal alone applies.
    static var canReject: Bool { true }
    static var rejectsOnlyStoredRecords: Bool { true }

    private let file: FileBytes
    private let now: Timestamp
    /// Whether a record older than the stored one is applied anyway (`--force`).
    private let appliesOlderRecords: Bool
    /// Where consent changes come from, for the person's consent history.
    private let source: String
    private let reference: ReferenceData
    private let stored: StoredStaffKeys
    private var nextKey: Int
    /// The first key given to a new person.
    private let firstKey: Int
    private var pending: [(key: Int, record: StaffImportRecord)] = []
    private var newStaff = MultiRowInsert(
        into: "staff", columns: ["staff_key"] + StaffWriter.columnNames, rowsPerStatement: 50)
    /// The written people's lookup and snapshot rows, when not staged by the producer.
    private var staged: StagedStaffRows
    /// A first load's rows, staged by the producer.
    private let firstLoad: FirstLoadStaging?
    private let updateStaff: PreparedInsert
    private let previousCodes: Statement
    private let storedState: Statement
    private let verdict: PreparedInsert
    private let storedRecord: Statement
    private let lookupDeletion: LookupRowDeletion
    /// The keys of the people whose rows in the staff snapshot, when it is kept current
    /// (``SnapshotMaintenance``), are replaced.
    private var replaced: Set<Int64> = []
    /// People whose consent an older record withdrew, their rows otherwise as stored.
    private var withdrawn: Set<Int64> = []
    /// Commitments and completed placements of everyone who has any, for the rows of
    /// re-imported people (an import of staff changes no outcome); `nil` when they are read
    /// person by person (a small file, ``StoredStaffKeys``).
    private let contexts: [Int64: Staff.Context]?

    private static let columnNames = [
        "id", "name", "email", "profession", "specialties", "seniority", "grade", "countries",
        "languages", "available_from", "available_to", "remote", "in_country", "max_assignments",
        "consent", "employer", "placements", "updated_at",
    ]

    /// A writer for records read from `file` (whose bytes must outlive it), validated against
    /// `reference`; `now` is the `updated_at` of records without one.
    init(
        _ db: Database, file: FileBytes, reference: ReferenceData, now: Timestamp,
        appliesOlderRecords: Bool, keepsRows: Bool, source: String
    ) throws {
        self.file = file
        self.now = now
        self.appliesOlderRecords = appliesOlderRecords
        self.source = source
        self.reference = reference
        stored = try StoredStaffKeys(db, forFileOf: file.count)
        // Never a key given before, even to someone since erased (the table is AUTOINCREMENT;
        // explicit keys written here move its sequence on too).
        nextKey =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT max(coalesce((SELECT max(staff_key) FROM staff), 0),
                               coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'staff'), 0)) + 1
                    """) ?? 1
        firstKey = nextKey
        staged = StagedStaffRows(file: file, reference: reference, keepsSnapshotRows: keepsRows)
        firstLoad = stored.isEmpty ? FirstLoadStaging(staged, firstKey: nextKey) : nil
        let columns = Self.columnNames.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: Self.columnNames.count).joined(
            separator: ", ")
        // Consent and the time it changed are set by one statement: the trigger that dates a
        // withdrawal made outside Midst (Migrations, v14) tells them apart by that.
        // Parameters: the 18 columns, the key, and the time of a consent change.
        updateStaff = try PreparedInsert(
            db,
            sql: """
                UPDATE staff SET (\(columns), consent_changed_at) = (\(placeholders),
                    CASE WHEN consent = ?15 THEN consent_changed_at ELSE ?20 END)
                WHERE staff_key = ?19
                """)
        previousCodes = try db.makeStatement(
            sql: "SELECT specialties, countries, languages, consent, active FROM staff WHERE staff_key = ?")
        storedState = try db.makeStatement(
            sql: "SELECT updated_at, consent, consent_changed_at FROM staff WHERE staff_key = ?")
        // A withdrawal is a recorded change to no consent (consent_changed_at): someone imported
        // without consent never gave it, and a later record may give it, as any correction.
        // 0: the record applies; 1: it is older than the stored one; 2: it would give back a
        // withdrawn consent; 3: it is older, but withdraws consent, which applies alone.
        // Parameters: the key, the record's stamp (NULL when undated), whether it gives consent,
        // whether older records apply. Answered without allocating, as it runs for every
        // re-imported person; the message is built only for a refused record.
        verdict = try PreparedInsert(
            db,
            sql: """
                SELECT CASE
                    WHEN consent = 0 AND ?3 = 1 AND consent_changed_at IS NOT NULL
                        AND (?2 IS NULL OR ?2 <= consent_changed_at) THEN 2
                    WHEN ?4 = 0 AND ?2 IS NOT NULL AND ?2 < updated_at
                        THEN CASE WHEN consent = 1 AND ?3 = 0 THEN 3 ELSE 1 END
                    ELSE 0 END
                FROM staff WHERE staff_key = ?1
                """)
        storedRecord = try db.makeStatement(sql: "SELECT * FROM staff WHERE staff_key = ?")
        lookupDeletion = try LookupRowDeletion(db)
        contexts =
            !keepsRows || stored.isEmpty
            ? [:] : stored.isLoaded ? try MidstDatabase.staffContexts(db, of: nil) : nil
    }

    var producerStage: (@Sendable (StaffImportRecord) -> Void)? {
        guard let firstLoad else { return nil }
        return { firstLoad.add($0) }
    }

    /// In a first load every record is inserted, and the unique index on `id` refuses a repeat
    /// (``flushStaff(_:)``). Its byte comparison is the producer's: ids are ASCII (``RecordID``).
    var refusesRepeats: Bool { firstLoad != nil }

    mutating func staffChanges(_ db: Database) throws -> StaffChanges {
        let rows = firstLoad?.takeSnapshotRows() ?? staged.takeSnapshotRows()
        return StaffChanges(reread: withdrawn, replaced: replaced, rows: rows)
    }

    /// Refuses a record older than the stored one (unless `--force`), and, always, a record
    /// that would give back consent withdrawn after the record's date (or an undated record):
    /// withdrawn by `midst staff consent`, by an earlier import that changed it, or in the
    /// database directly. An older record that withdraws consent is not refused (``write``
    /// applies the withdrawal alone).
    func problem(with record: StaffImportRecord, _ db: Database) throws -> (
        field: String, message: String
    )? {
        guard !stored.isEmpty, let key = try stored.key(of: id(of: record)) else { return nil }
        let refusal = try verdict(on: record, key: Int(key), db)
        guard refusal == 1 || refusal == 2,
            let stored = try Row.fetchOne(storedState, arguments: [key])
        else { return nil }
        // The verdict decided; the stored row only words the message.
        let recordStamp = stamp(of: record)
        if refusal == 2 {
            let withdrawnAt: String = stored[2]
            return (
                "consent",
                "consent was withdrawn at \(withdrawnAt); a record \(recordStamp.map { "dated \($0)" } ?? "without updated_at") cannot give it back (give it with a record dated after the withdrawal, or `midst staff consent ID --give`)"
            )
        }
        let storedStamp: String = stored[0]
        return (
            "updated_at",
            "the record (updated_at \(recordStamp ?? "")) is older than the one stored (\(storedStamp)), so it was not applied; --force applies older records"
        )
    }

    /// The verdict on a re-imported record (see `verdict` in `init`).
    private func verdict(on record: StaffImportRecord, key: Int, _ db: Database) throws -> Int {
        verdict.bind(1, key)
        bindStamp(of: record, to: verdict, at: 2)
        verdict.bind(3, consent(of: record))
        verdict.bind(4, appliesOlderRecords)
        return try verdict.integer(db) ?? 0
    }

    mutating func write(_ record: StaffImportRecord, _ db: Database) throws -> Bool {
        let found = stored.isEmpty ? nil : try stored.key(of: id(of: record))
        let key: Int
        if let found {
            key = Int(found)
            // A withdrawal applies whatever its date; the rest of an older record does not.
            if !consent(of: record), try verdict(on: record, key: key, db) == 3 {
                try withdrawConsentAlone(of: record, key: key, db)
                return false
            }
            let record = try corrected(record, key: key)
            let stored = try deleteLookups(of: key, db)
            let changesConsent = stored.map { $0.hasConsented != consent(of: record) } ?? false
            let at = changesConsent ? stamp(of: record).flatMap(Timestamp.init(parsing:)) ?? now : now
            try bind(record, to: updateStaff, at: 1)
            updateStaff.bind(19, key)
            updateStaff.bind(20, at.iso)
            try updateStaff.execute(db)
            if changesConsent {
                try MidstDatabase.recordConsentChange(
                    key: Int64(key), to: consent(of: record), at: at, reason: nil,
                    source: source, db)
            }
            staged.addLookups(of: record, key: key)
            if staged.keepsSnapshotRows {
                replaced.insert(Int64(key))
                var context =
                    try (contexts ?? MidstDatabase.staffContexts(db, of: [Int64(key)]))[Int64(key)]
                    ?? Staff.Context()
                context.isActive = stored?.isActive ?? true
                staged.addSnapshotRow(of: record, key: key, context: context)
            }
            return false
        }
        key = nextKey
        nextKey += 1
        if firstLoad == nil {
            staged.add(record, key: key)
        } else {
            // A first load's snapshot rows are staged by the producer, under the same keys; the
            // lookup rows here, which evens out the two threads' work (the producer's was the
            // longer by a second at 1M staff).
            staged.addLookups(of: record, key: key)
        }
        // The producer rejects an id seen earlier in the file, so no need to remember it.
        pending.append((key, record))
        if pending.count >= 50 { try flushStaff(db) }
        return true
    }

    /// Withdraws the consent of the person with `key` for an older record, which changes
    /// nothing else. The withdrawal is dated no earlier than the stored record, so that
    /// re-importing that record (which gave consent) cannot give it back, and after the time
    /// consent was last given (which the trigger of v14 takes for a change made outside Midst
    /// when it stays the same). Rare: plain GRDB.
    private mutating func withdrawConsentAlone(
        of record: StaffImportRecord, key: Int, _ db: Database
    ) throws {
        let at = stamp(of: record).flatMap(Timestamp.init(parsing:)) ?? now
        try db.execute(
            sql: """
                UPDATE staff SET consent = 0, consent_changed_at =
                    CASE WHEN max(?1, updated_at) > coalesce(consent_changed_at, '')
                        THEN max(?1, updated_at)
                        ELSE strftime('%Y-%m-%dT%H:%M:%SZ', consent_changed_at, '+1 second') END
                WHERE staff_key = ?2
                """, arguments: [at.iso, key])
        let changedAt =
            try String.fetchOne(
                db, sql: "SELECT consent_changed_at FROM staff WHERE staff_key = ?",
                arguments: [key]
            ).flatMap(Timestamp.init(parsing:)) ?? at
        try MidstDatabase.recordConsentChange(
            key: Int64(key), to: false, at: changedAt, reason: nil, source: source, db)
        if staged.keepsSnapshotRows { withdrawn.insert(Int64(key)) }
    }

    /// A parsed record lacking columns, completed with the stored values of those columns.
    private func corrected(_ record: StaffImportRecord, key: Int) throws -> StaffImportRecord {
        guard case .parsed(let staff, let absent) = record, !absent.isEmpty,
            let row = try Row.fetchOne(storedRecord, arguments: [key])
        else { return record }
        let stored = MidstDatabase.staff(from: row)
        return .parsed(
            StaffCorrection.merged(staff, stored: stored, absent: absent, reference: reference),
            absent: [])
    }

    /// Binds the record's `updated_at` as stored (ISO 8601 UTC), or NULL when it has none.
    private func bindStamp(of record: StaffImportRecord, to statement: PreparedInsert, at index: Int32) {
        switch record {
        case .plain(let staff) where !staff.updatedOn.isEmpty:
            bindMidnight(of: staff.updatedOn, to: statement, at: index)
        default: statement.bind(index, stamp(of: record))
        }
    }

    /// The record's `updated_at` as stored (ISO 8601 UTC), or `nil` when it has none.
    private func stamp(of record: StaffImportRecord) -> String? {
        switch record {
        case .plain(let staff):
            staff.updatedOn.isEmpty
                ? nil : String(decoding: bytes(staff.updatedOn), as: UTF8.self) + "T00:00:00Z"
        case .parsed(let staff, let absent):
            absent.contains(.updatedAt) || staff.updatedAt == now ? nil : staff.updatedAt.iso
        }
    }

    private func consent(of record: StaffImportRecord) -> Bool {
        switch record {
        case .plain(let staff): staff.hasConsented
        case .parsed(let staff, _): staff.hasConsented
        }
    }

    /// Writes the remaining staff rows.
    mutating func finish(_ db: Database) throws {
        try flushStaff(db)
        if let firstLoad {
            // Every record written was staged by the producer, in the same order.
            precondition(firstLoad.count == nextKey - firstKey, "a first load's rows went unstaged")
        }
    }

    /// Writes every lookup row, in primary-key order.
    mutating func finishUnread(_ db: Database) throws {
        try staged.writeLookups(db)
    }

    private mutating func flushStaff(_ db: Database) throws {
        var insert = newStaff
        defer { newStaff = insert }
        do {
            try insert.insert(count: pending.count, db) { statement, first, index in
                let (key, record) = pending[index]
                statement.bind(first, key)
                try bind(record, to: statement, at: first + 1)
            }
        } catch let error as DatabaseError
            where refusesRepeats && error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
        {
            // New keys are unique by construction: the repeat is an id.
            throw RepeatedIdentity()
        }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: Lookup rows

    /// Deletes a person's lookup rows, found from the readable copies in their staff row;
    /// returns whether they had consented and are active (`nil` when there is no such row).
    private func deleteLookups(of key: Int, _ db: Database) throws -> (
        hasConsented: Bool, isActive: Bool
    )? {
        guard let row = try Row.fetchOne(previousCodes, arguments: [key]) else { return nil }
        try lookupDeletion.delete(
            key: key, specialties: row[0], countries: row[1], languages: row[2], db)
        return (row[3], row[4])
    }

    // MARK: Staff rows

    private func id(of record: StaffImportRecord) -> String {
        switch record {
        case .plain(let staff): String(decoding: bytes(staff.id), as: UTF8.self)
        case .parsed(let staff, _): staff.id.rawValue
        }
    }

    private func bytes(_ span: TextSpan) -> UnsafeBufferPointer<UInt8> {
        file.part(span).memory
    }

    /// Binds the 18 staff columns from parameter `first` on.
    private func bind(_ record: StaffImportRecord, to statement: PreparedInsert, at first: Int32)
        throws
    {
        switch record {
        case .plain(let staff): bind(staff, to: statement, at: first)
        case .parsed(let staff, _): bind(staff, to: statement, at: first)
        }
    }

    private func bind(_ staff: PlainStaff, to statement: PreparedInsert, at first: Int32) {
        /// Text bound in place; an empty span is NULL for an optional column, '' otherwise.
        func text(_ index: Int32, _ span: TextSpan, optional: Bool = true) {
            if optional, span.isEmpty {
                statement.bind(first + index, nil as Int?)
            } else {
                let start = UnsafeRawPointer(file.memory.baseAddress! + Int(span.start))
                statement.bindStatic(
                    first + index, start.assumingMemoryBound(to: CChar.self),
                    length: Int32(span.count))
            }
        }
        text(0, staff.id)
        text(1, staff.name)
        text(2, staff.email)
        text(3, staff.profession)
        if staff.skills.isEmpty {
            text(4, staff.specialties, optional: false)
        } else {
            // Stored as the parsed path stores them: the specialties, then the skills.
            let specialties = bytes(staff.specialties)
            let skills = bytes(staff.skills)
            let count = specialties.count + 1 + skills.count
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { joined in
                _ = joined.initialize(fromContentsOf: specialties)
                joined[specialties.count] = UInt8(ascii: ";")
                _ = UnsafeMutableBufferPointer(rebasing: joined[(specialties.count + 1)...])
                    .initialize(fromContentsOf: skills)
                statement.bindCopy(first + 4, UnsafeBufferPointer(joined))
            }
        }
        statement.bind(first + 5, staff.seniority.rawValue)
        text(6, staff.grade)
        text(7, staff.countries, optional: false)
        text(8, staff.languages, optional: false)
        text(9, staff.availableFrom)
        text(10, staff.availableTo)
        statement.bind(first + 11, staff.modes.contains(.remote))
        statement.bind(first + 12, staff.modes.contains(.inCountry))
        statement.bind(first + 13, Int(staff.maxAssignments))
        statement.bind(first + 14, staff.hasConsented)
        text(15, staff.employer)
        statement.bind(first + 16, Int(staff.placements))
        if staff.updatedOn.isEmpty {
            statement.bind(first + 17, now.iso)
        } else {
            bindMidnight(of: staff.updatedOn, to: statement, at: first + 17)
        }
    }

    /// Binds a date (`YYYY-MM-DD`) as the timestamp of its midnight UTC, as Timestamp(parsing:)
    /// has it, without allocating.
    private func bindMidnight(of date: TextSpan, to statement: PreparedInsert, at index: Int32) {
        let date = bytes(date)
        let midnight = "T00:00:00Z".utf8
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: date.count + midnight.count) {
            stamp in
            _ = stamp.initialize(fromContentsOf: date)
            _ = UnsafeMutableBufferPointer(rebasing: stamp[date.count...])
                .initialize(fromContentsOf: midnight)
            statement.bindCopy(index, UnsafeBufferPointer(stamp))
        }
    }

    private func bind(_ staff: Staff, to statement: PreparedInsert, at first: Int32) {
        statement.bind(first, staff.id.rawValue)
        statement.bind(first + 1, staff.name)
        statement.bind(first + 2, staff.email)
        statement.bind(first + 3, staff.profession.rawValue)
        statement.bind(first + 4, staff.specialtiesText)
        statement.bind(first + 5, staff.seniority.rawValue)
        statement.bind(first + 6, staff.grade)
        statement.bind(first + 7, staff.countriesText)
        statement.bind(first + 8, staff.languagesText)
        statement.bind(first + 9, staff.availability.start?.description)
        statement.bind(first + 10, staff.availability.end?.description)
        statement.bind(first + 11, staff.modes.contains(.remote))
        statement.bind(first + 12, staff.modes.contains(.inCountry))
        statement.bind(first + 13, staff.maxAssignments)
        statement.bind(first + 14, staff.hasConsented)
        statement.bind(first + 15, staff.employer)
        statement.bind(first + 16, staff.pastPlacements)
        statement.bind(first + 17, staff.updatedAt.iso)
    }
}

/// The staff keys of the ids already stored, for an import: all read at once for a large file
/// (one pass, then a dictionary lookup a record), or looked up record by record, through the
/// index on `id`, for a small one. Reading a million ids took 0.5 s of a one-row correction
/// at 1M staff (issue 23); a lookup takes microseconds.
private struct StoredStaffKeys {
    /// Below this many bytes a file's ids are looked up one by one (a few thousand records).
    static let bytesForLookups = 256 * 1024

    private let loaded: [String: Int64]?
    private let lookup: Statement?
    /// Whether no staff is stored at all.
    let isEmpty: Bool

    init(_ db: Database, forFileOf size: Int) throws {
        isEmpty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff)") ?? false)
        if isEmpty {
            (loaded, lookup) = ([:], nil)
        } else if size < Self.bytesForLookups {
            let statement = try db.makeStatement(sql: "SELECT staff_key FROM staff WHERE id = ?")
            (loaded, lookup) = (nil, statement)
        } else {
            var keys: [String: Int64] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, staff_key FROM staff")
            while let row = try cursor.next() { keys[row[0]] = row[1] }
            (loaded, lookup) = (keys, nil)
        }
    }

    /// Whether every stored id was read at once.
    var isLoaded: Bool { loaded != nil }

    /// The staff key of `id`, when stored.
    func key(of id: String) throws -> Int64? {
        if let loaded { return loaded[id] }
        guard let lookup else { return nil }
        return try Int64.fetchOne(lookup, arguments: [id])
    }
}
