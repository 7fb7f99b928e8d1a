import Foundation
import GRDB
import Synchronization
import MidstCore

/// Writes validated records of one kind.
protocol RecordWriter {
    associatedtype Record: Sendable
    /// Whether ``problem(with:_:)`` can reject records (then their original text is kept for
    /// the rejects file until they are written).
    static var canReject: Bool { get }
    /// Whether only records already in the database can be rejected (so that an import into an
    /// empty table need not keep every record's original text).
    static var rejectsOnlyStoredRecords: Bool { get }
    /// A problem only the database can reveal (an id it does not have), as (field, message).
    func problem(with record: Record, _ db: Database) throws -> (field: String, message: String)?
    /// Writes the record (perhaps only into a batch); returns whether it was new.
    mutating func write(_ record: Record, _ db: Database) throws -> Bool
    /// Writes whatever is still batched that the staff snapshot reads.
    mutating func finish(_ db: Database) throws
    /// Writes what nothing reads before the commit (a staff import's lookup rows), once the
    /// staff snapshot's merge is under way in the background.
    mutating func finishUnread(_ db: Database) throws
    /// The people whose rows in the staff snapshot the import changed (``SnapshotMaintenance``),
    /// handed over once the records are written: the writer keeps no rows it made for them.
    mutating func staffChanges(_ db: Database) throws -> StaffChanges
    /// Work on every valid record, in file order, that needs nothing from the database, for the
    /// producer thread to do instead of the writer's; `nil` when the writer does it all.
    var producerStage: (@Sendable (Record) -> Void)? { get }
    /// Records accepted with a remark (a team member whose dates differ from the team's).
    var warnings: [ImportIssue] { get }
    /// Whether the database refuses a second record with the same identity (the unique index of
    /// a table this import only inserts into) and nothing else can reject a record: a first load
    /// of staff. The producer then does not look for repeats, and writing a repeat throws
    /// ``RepeatedIdentity`` (from ``write(_:_:)`` or ``finish(_:)``).
    var refusesRepeats: Bool { get }
}

/// A record whose identity this import has already written, refused by the database's unique
/// index (``RecordWriter/refusesRepeats``). The import then fails as if the producer had looked
/// for repeats (``Importer/failureFindingRepeats()``).
struct RepeatedIdentity: Error {}

extension RecordWriter {
    static var canReject: Bool { false }
    static var rejectsOnlyStoredRecords: Bool { false }
    func problem(with record: Record, _ db: Database) throws -> (field: String, message: String)? {
        nil
    }
    mutating func finish(_ db: Database) throws {}
    mutating func finishUnread(_ db: Database) throws {}
    func staffChanges(_ db: Database) throws -> StaffChanges { StaffChanges() }
    var producerStage: (@Sendable (Record) -> Void)? { nil }
    var warnings: [ImportIssue] { [] }
    var refusesRepeats: Bool { false }
}

/// The loop every import shares: read and validate on a producer thread, check against the
/// database and write on the caller's (the database writer's), all in one transaction.
///
/// All-or-nothing by default: records are written as they are validated, and the transaction is
/// rolled back if any record was bad, so the database is left exactly as it was.
struct Importer<Column: ImportColumn, Record: Sendable> {
    let reader: RecordReader<Column>
    let options: ImportOptions
    let kind: ImportKind
    let validate: @Sendable (ImportRow<Column>) -> Result<Record, ImportFailure>
    /// Takes a CSV row straight from its bytes when it can (see ``PlainStaffValidator``);
    /// rows it declines are decoded and go to `validate`.
    let plain: @Sendable ([CSVFieldSpan], FileBytes) -> Record?
    /// A record's identity within the file, for reporting repeats.
    let identity: @Sendable (Record) -> String
    let totalBytes: Int
    /// Whether valid records keep their original text (needed only for the rejects file, when
    /// the writer can reject and invalid records are skipped).
    let keepsOriginals: Bool

    /// Validated records and rejections from one stretch of the file.
    private struct Chunk: Sendable {
        var records: [(record: Record, line: Int, original: [String])] = []
        var rejected: [RejectedRecord] = []
        var plainRecords = 0
        var bytesRead = 0
    }

    /// Reads the whole file; `write` is called for valid records while nothing has been rejected
    /// (or always, when skipping invalid records), after `stage` has been, on the producer
    /// thread, for each in turn. Throws ``ImportFailure`` for rejected records unless they are
    /// skipped.
    ///
    /// Repeated identities are rejected only when `findsRepeats`; otherwise the writer must
    /// refuse them (``RecordWriter/refusesRepeats``), and a failure is reported as if they had
    /// been looked for.
    func run(
        stage: (@Sendable (Record) -> Void)?, findsRepeats: Bool,
        check: (Record) throws -> (field: String, message: String)?, write: (Record) throws -> Bool
    ) throws -> ImportSummary {
        let started = Date()
        var summary = ImportSummary(
            kind: kind, fileName: options.fileName, header: reader.header,
            isDryRun: options.isDryRun)
        summary.ignoredColumns = reader.columnHeader?.ignoredUnknown ?? []
        summary.delimiter = reader.delimiter
        let queue = ChunkQueue<Result<Chunk, ImportFailure>>(capacity: 4)
        let producer = Thread { [self] in
            produce(into: queue, stage: stage, findsRepeats: findsRepeats)
        }
        producer.stackSize = 8 << 20
        producer.start()
        var nextProgress = 0
        // Time spent waiting for the producer: when it is most of the loop, reading and
        // validating is the bottleneck, not writing (logged at debug level).
        var waited = 0.0
        do {
            while true {
                let waiting = Date()
                guard let next = queue.take() else { break }
                waited += Date().timeIntervalSince(waiting)
                let chunk = try next.get()
                summary.rejected += chunk.rejected
                summary.plainRecords += chunk.plainRecords
                for (record, line, original) in chunk.records {
                    summary.records += 1
                    if let problem = try check(record) {
                        let issue = ImportIssue(
                            file: options.fileName, line: line, field: problem.field,
                            message: problem.message)
                        summary.rejected.append(
                            RejectedRecord(line: line, original: original, issues: [issue]))
                        continue
                    }
                    guard options.skipsInvalid || summary.rejected.isEmpty else { continue }
                    if try write(record) { summary.inserted += 1 } else { summary.updated += 1 }
                }
                summary.records += chunk.rejected.count
                if let progress = options.progress, chunk.bytesRead >= nextProgress {
                    progress(chunk.bytesRead, totalBytes)
                    nextProgress = chunk.bytesRead + max(totalBytes / 100, 1 << 20)
                }
            }
        } catch {
            queue.cancelAndWait()
            throw error
        }
        options.progress?(totalBytes, totalBytes)
        MidstDatabase.logger.debug(
            "import read and validated", metadata: ["writerWaitedSeconds": "\(waited)"])
        summary.rejected.sort { $0.line < $1.line }
        summary.seconds = Date().timeIntervalSince(started)
        if !summary.rejected.isEmpty, !options.skipsInvalid {
            // Records after the first rejected one were not written, so the database did not
            // see their repeats.
            if !findsRepeats { throw try failureFindingRepeats() }
            throw ImportFailure(issues: summary.rejected.flatMap(\.issues))
        }
        return summary
    }

    /// The failure of an import that did not look for repeats, as it would have been had it
    /// looked: the whole file read and validated again on this thread, every invalid or repeated
    /// record listed. Only for a writer that rejects nothing else (``RecordWriter/refusesRepeats``).
    func failureFindingRepeats() throws -> ImportFailure {
        var rejected: [RejectedRecord] = []
        try read(stage: nil, findsRepeats: true) { chunk in
            rejected += chunk.rejected
            return true
        }
        rejected.sort { $0.line < $1.line }
        return ImportFailure(issues: rejected.flatMap(\.issues))
    }

    /// Reads, validates and de-duplicates records in chunks, and stages each valid one; runs on
    /// the producer thread.
    private func produce(
        into queue: ChunkQueue<Result<Chunk, ImportFailure>>,
        stage: (@Sendable (Record) -> Void)?, findsRepeats: Bool
    ) {
        do {
            try read(stage: stage, findsRepeats: findsRepeats) { queue.put(.success($0)) }
        } catch {
            _ = queue.put(.failure(error))
        }
        queue.close()
    }

    /// Reads and validates every record, rejecting repeated identities when `findsRepeats`, and
    /// stages each valid one; hands over the records in chunks, until `emit` returns `false`.
    private func read(
        stage: (@Sendable (Record) -> Void)?, findsRepeats: Bool, emit: (Chunk) -> Bool
    ) throws(ImportFailure) {
        var reader = reader
        var firstLine: [String: Int] = [:]
        var chunk = Chunk()
        var isSized = false
        func accept(_ record: Record, line: Int, original: () -> [String]) {
            if findsRepeats {
                let key = identity(record)
                // One hash per new id; a repeat puts back its first line.
                if let first = firstLine.updateValue(line, forKey: key) {
                    firstLine[key] = first
                    let issue = ImportIssue(
                        file: options.fileName, line: line,
                        message:
                            "\(kind == .outcomes ? "outcome" : "id") '\(key)' appears again (first on line \(first))"
                    )
                    chunk.rejected.append(
                        RejectedRecord(line: line, original: original(), issues: [issue]))
                    return
                }
            }
            stage?(record)
            chunk.records.append((record, line, keepsOriginals ? original() : []))
        }
        while let read = try reader.next(tryingFirst: plain) {
            switch read {
            case .plain(let record, let line, let bytes):
                chunk.plainRecords += 1
                accept(record, line: line) { reader.originalFields(at: bytes) }
            case .decoded(let raw):
                switch raw.row.mapError({ ImportFailure(issues: [$0]) }).flatMap(validate) {
                case .failure(let failure):
                    chunk.rejected.append(
                        RejectedRecord(
                            line: raw.line, original: raw.original, issues: failure.issues))
                case .success(let record):
                    accept(record, line: raw.line) { raw.original }
                }
            }
            if chunk.records.count + chunk.rejected.count >= 2048 {
                chunk.bytesRead = reader.bytesRead
                if findsRepeats, !isSized {
                    // Sized once for the whole file, judging by the first chunk, rather than
                    // grown by doubling (each growth rehashes every id).
                    isSized = true
                    let perRecord = max(chunk.bytesRead / max(firstLine.count, 1), 1)
                    let expected = totalBytes / perRecord
                    firstLine.reserveCapacity(expected + expected / 8)
                }
                guard emit(chunk) else { return }
                chunk = Chunk()
            }
        }
        chunk.bytesRead = reader.bytesRead
        _ = emit(chunk)
    }
}

extension MidstDatabase {
    /// Imports staff from a CSV, JSON Lines or workbook file's bytes. See ``ImportOptions``.
    ///
    /// A re-imported person gets the columns the file has; the columns it lacks keep their
    /// stored values (``StaffCorrection``). A record older than the stored one is refused unless
    /// ``ImportOptions/appliesOlderRecords``; one that would undo a later consent withdrawal,
    /// always.
    public func importStaff(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let input = try ImportInput(bytes, options: options)
        let options = input.options
        let bytes = input.bytes
        let reference = BundledReference.data
        let validator = StaffValidator(
            reference: reference, now: options.now, horizon: options.horizon)
        let header = try input.reader(StaffColumn.self).columnHeader
        let headerAbsent = header.map { Set(StaffColumn.allCases).subtracting($0.columnSet) } ?? []
        // Rows taken straight from their bytes carry every column of a full file; from a file
        // lacking columns, they would blank the stored values of people already here.
        let mayReadPlain = try headerAbsent.isEmpty || read { db in
            try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff)") ?? false)
        }
        return try FileBytes.with(bytes) { file in
            try runImport(
                input, kind: .staff,
                identity: { record in
                    switch record {
                    case .plain(let staff):
                        let end = Int(staff.id.start) + Int(staff.id.count)
                        return String(decoding: bytes[Int(staff.id.start)..<end], as: UTF8.self)
                    case .parsed(let staff, _): return staff.id.rawValue
                    }
                }
            ) { row in
                let absent = row.givenColumns.map { Set(StaffColumn.allCases).subtracting($0) }
                    ?? headerAbsent
                return validator.validate(row, file: options.fileName).map {
                    StaffImportRecord.parsed($0, absent: absent)
                }
            } plain: { header in
                guard mayReadPlain else { return { _, _ in nil } }
                let plain = PlainStaffValidator(
                    reference: reference, header: header, horizon: options.horizon)
                return { plain.validate($0, in: $1).map(StaffImportRecord.plain) }
            } makeWriter: { db, keepsSnapshot in
                try StaffWriter(
                    db, file: file, reference: reference, now: options.now,
                    appliesOlderRecords: options.appliesOlderRecords, keepsRows: keepsSnapshot,
                    source: "import \(URL(fileURLWithPath: options.fileName).lastPathComponent)")
            }
        }
    }

    /// Imports needs from a CSV, JSON Lines or workbook file's bytes. See ``ImportOptions``.
    ///
    /// A file whose columns are only `id` and `status` (and perhaps `reason`) changes those
    /// needs' statuses and leaves their other columns as stored (``Need/StatusColumn``).
    public func importNeeds(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let input = try ImportInput(bytes, options: options)
        let options = input.options
        if Self.isStatusOnly(input) {
            let validator = NeedStatusValidator(reference: BundledReference.data)
            return try runImport(input, kind: .needs, identity: \.needID.rawValue) {
                validator.validate($0, file: options.fileName)
            } makeWriter: { db, _ in
                try NeedStatusWriter(db, now: options.now)
            }
        }
        let validator = NeedValidator(
            reference: BundledReference.data, now: options.now, horizon: options.horizon)
        // Partners that name no organisation, or several, are warned about (validation runs on
        // several threads).
        let warnings = Mutex<[ImportIssue]>([])
        var summary = try runImport(
            input, kind: .needs, identity: \.need.id.rawValue
        ) { row in
            let result = validator.validate(row, file: options.fileName)
            if case .success(let need) = result {
                let found = PartnerWarnings.warnings(
                    for: need, line: row.line, file: options.fileName, reference: validator.reference)
                if !found.isEmpty { warnings.withLock { $0 += found } }
            }
            return result.map { ImportedNeed(need: $0, line: row.line) }
        } makeWriter: { db, _ in
            try NeedWriter(db, file: options.fileName)
        }
        // The writer's (team members' dates) with the partners'.
        summary.warnings = (summary.warnings + warnings.withLock { $0 }).sorted { $0.line < $1.line }
        return summary
    }

    /// Whether a needs file names only status columns: its CSV or sheet header, or its first
    /// JSON line's keys.
    private static func isStatusOnly(_ input: ImportInput) -> Bool {
        let bytes = input.bytes
        switch input.options.format {
        case .xlsx:
            return (try? input.reader(NeedStatusColumn.self)) != nil
        case .csv:
            return (try? RecordReader<NeedStatusColumn>(
                bytes: bytes, format: .csv, file: "", delimiter: input.options.delimiter,
                ignoringUnknownColumns: false))?.csvHeader
                != nil
        case .jsonl:
            let line = bytes.split(separator: 0x0A, maxSplits: 1).first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
            guard let line,
                let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            else { return false }
            return NeedStatusColumn.isStatusOnly(Array(object.keys))
        }
    }

    /// Imports outcomes; every need and staff id must already be in the database.
    public func importOutcomes(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let input = try ImportInput(bytes, options: options)
        let options = input.options
        let validator = OutcomeValidator(
            reference: BundledReference.data, horizon: options.horizon)
        return try runImport(
            input, kind: .outcomes,
            identity: { "\($0.needID)/\($0.staffID)/\($0.kind.rawValue)" }
        ) {
            validator.validate($0, file: options.fileName)
        } makeWriter: { db, _ in
            try OutcomeWriter(db)
        }
    }

    /// Imports the records of `input`.
    private func runImport<Column: ImportColumn, Writer: RecordWriter>(
        _ input: ImportInput, kind: ImportKind,
        identity: @escaping @Sendable (Writer.Record) -> String,
        validate: @escaping @Sendable (ImportRow<Column>) -> Result<Writer.Record, ImportFailure>,
        plain makePlain: (
            (ImportHeader<Column>) ->
                @Sendable ([CSVFieldSpan], FileBytes) ->
                Writer.Record?
        )? = nil,
        makeWriter: (_ db: Database, _ keepsSnapshot: Bool) throws -> Writer
    ) throws -> ImportSummary {
        let options = input.options
        let bytes = input.bytes
        let reader = try input.reader(Column.self)
        let declineAll: @Sendable ([CSVFieldSpan], FileBytes) -> Writer.Record? = {
            _, _ in nil
        }
        var plain = declineAll
        // Plain records hold 32-bit offsets into the file.
        if options.readsPlainRows, bytes.count <= UInt32.max, let makePlain,
            let header = reader.csvHeader
        {
            plain = makePlain(header)
        }
        // Original text is only for the rejects file, written when skipping invalid records.
        var keepsOriginals = Writer.canReject && options.skipsInvalid
        if keepsOriginals, Writer.rejectsOnlyStoredRecords {
            keepsOriginals = try read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(kind.table))") ?? true
            }
        }
        let importer = Importer(
            reader: reader, options: options, kind: kind, validate: validate, plain: plain,
            identity: identity, totalBytes: input.progressTotal, keepsOriginals: keepsOriginals)
        let started = Date()
        let isBulkLoad = !options.isDryRun && input.textBytes >= options.bulkLoadBytes
        // This process's idle readers would keep the journal mode from changing (below).
        if isBulkLoad { pool.releaseMemory() }
        var keptSnapshot: KeptStaff?
        var summary = try describingFailures { try pool.writeWithoutTransaction { db in
            var summary: ImportSummary?
            let journal = isBulkLoad ? try SingleWriteJournal(db, databasePath: path) : nil
            defer { journal?.restore(db) }
            // In WAL mode, a cache that holds the whole import (pages spilled from a smaller one
            // would go through the WAL), given back however the import ends. With the rollback
            // journal, the writer's usual cache: as it fills, SQLite writes new pages straight
            // into the database file (the journal, synced first, still undoes them if the load
            // fails or is killed), so that memory stays bounded.
            if journal?.isRollback != true {
                try db.execute(sql: "PRAGMA cache_size = -2097152")
            }
            defer { try? db.execute(sql: "PRAGMA cache_size = \(Self.writerCacheSize)") }
            // With a rollback journal, readers that started during the load would keep the
            // commit from getting its exclusive lock; so the load takes that lock from the start,
            // and readers wait (SingleWriteJournal).
            // Every row the writers add refers to a key they have just created or looked up.
            try db.inTransactionTrustingKeys(journal?.isRollback == true ? .exclusive : .immediate)
            {
                try journal?.secureJournal(db)
                let snapshot =
                    options.isDryRun
                    ? nil
                    : try SnapshotMaintenance.begin(
                        db, database: self, reference: BundledReference.data)
                // This import bumps the generation once itself (below).
                let finishSeconds = try GenerationTriggers.suspended(on: kind.table, db) {
                    var writer = try makeWriter(db, snapshot != nil)
                    // Skipped records need their repeats found as they come, one by one.
                    let findsRepeats = options.skipsInvalid || !writer.refusesRepeats
                    let finishing: Date
                    do {
                        summary = try importer.run(
                            stage: writer.producerStage, findsRepeats: findsRepeats
                        ) { [writer] in
                            try writer.problem(with: $0, db)
                        } write: {
                            try writer.write($0, db)
                        }
                        finishing = Date()
                        try writer.finish(db)
                    } catch is RepeatedIdentity {
                        throw try importer.failureFindingRepeats()
                    }
                    // Every record is written: nothing reads the file's bytes again.
                    if options.handsOverBytes { FileMemory.giveBack(bytes) }
                    summary!.warnings = writer.warnings
                    try journal?.writeOutCache(db)
                    if !options.isDryRun {
                        // Staff, outcomes and need statuses all feed the compact staff table.
                        try db.execute(sql: "UPDATE staff_generation SET generation = random()")
                        // A new snapshot is merged on another core while the writer goes on.
                        keptSnapshot = try snapshot?.finish(writer.staffChanges(db), db)
                    }
                    try writer.finishUnread(db)
                    return Date().timeIntervalSince(finishing)
                }
                Self.logger.debug(
                    "import phases",
                    metadata: [
                        "readAndWriteSeconds": "\(summary!.seconds)",
                        "finishSeconds": "\(finishSeconds)",
                    ])
                summary!.seconds = Date().timeIntervalSince(started)
                if options.isDryRun { return .rollback }
                try logImport(summary!, db)
                return .commit
            }
            Self.logger.debug(
                "import committed", metadata: ["seconds": "\(Date().timeIntervalSince(started))"])
            // In WAL mode, copy the new pages into the database file now rather than when the
            // process exits, so that the seconds reported are the whole import. Readers are not
            // blocked. The import is committed: a checkpoint that cannot run now (another
            // process is checkpointing) is left to the next one, not reported as a failure.
            if !options.isDryRun, journal?.isRollback != true { _ = try? db.checkpoint(.passive) }
            summary!.seconds = Date().timeIntervalSince(started)
            summary!.isBulkLoad = journal?.isRollback == true
            return summary!
        } }
        keep(keptSnapshot)
        summary.encoding = input.encoding
        Self.logger.info(
            "import finished",
            metadata: [
                "kind": "\(kind.rawValue)", "records": "\(summary.records)",
                "inserted": "\(summary.inserted)",
                "updated": "\(summary.updated)", "rejected": "\(summary.rejected.count)",
                "dryRun": "\(options.isDryRun)", "bulkLoad": "\(summary.isBulkLoad)",
                "plainRecords": "\(summary.plainRecords)",
            ])
        return summary
    }

    private func logImport(_ summary: ImportSummary, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO import_log (kind, file_name, imported_at, records, inserted, updated, rejected)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                summary.kind.rawValue, URL(fileURLWithPath: summary.fileName).lastPathComponent,
                Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)).iso, summary.records,
                summary.inserted, summary.updated, summary.rejected.count,
            ])
    }
}
