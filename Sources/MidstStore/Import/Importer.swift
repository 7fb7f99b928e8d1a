import Foundation
import GRDB
import MidstCore

/// Writes validated records of one kind.
protocol RecordWriter {
    associatedtype Record
    /// A problem only the database can reveal (an id it does not have), as (field, message).
    func problem(with record: Record, _ db: Database) throws -> (field: String, message: String)?
    /// Writes the record; returns whether it was new.
    mutating func write(_ record: Record, _ db: Database) throws -> Bool
}

extension RecordWriter {
    func problem(with record: Record, _ db: Database) throws -> (field: String, message: String)? { nil }
}

/// The loop every import shares: read, validate, reject duplicates, write in one transaction.
///
/// All-or-nothing by default: records are written as they are validated, and the transaction is
/// rolled back if any record was bad, so the database is left exactly as it was.
struct Importer<Column: ImportColumn, Record> {
    var reader: RecordReader<Column>
    let options: ImportOptions
    let kind: ImportKind
    let validate: (ImportRow<Column>) -> Result<Record, ImportFailure>
    /// A record's identity within the file, for reporting repeats.
    let identity: (Record) -> String
    let totalBytes: Int

    /// Reads the whole file; `write` is called for valid records while nothing has been rejected
    /// (or always, when skipping invalid records). Throws ``ImportFailure`` for rejected records
    /// unless they are skipped.
    mutating func run(
        check: (Record) throws -> (field: String, message: String)?, write: (Record) throws -> Bool
    ) throws -> ImportSummary {
        let started = Date()
        var summary = ImportSummary(
            kind: kind, fileName: options.fileName, header: reader.header, isDryRun: options.isDryRun)
        var firstLine: [String: Int] = [:]
        var nextProgress = 0
        while let raw = try reader.next() {
            summary.records += 1
            if let progress = options.progress, reader.bytesRead >= nextProgress {
                progress(reader.bytesRead, totalBytes)
                nextProgress = reader.bytesRead + max(totalBytes / 100, 1 << 20)
            }
            let record: Record
            switch raw.row.mapError({ ImportFailure(issues: [$0]) }).flatMap(validate) {
            case .failure(let failure):
                summary.rejected.append(RejectedRecord(line: raw.line, original: raw.original, issues: failure.issues))
                continue
            case .success(let value):
                record = value
            }
            let key = identity(record)
            if let first = firstLine[key] {
                let issue = ImportIssue(
                    file: options.fileName, line: raw.line,
                    message: "\(kind == .outcomes ? "outcome" : "id") '\(key)' appears again (first on line \(first))")
                summary.rejected.append(RejectedRecord(line: raw.line, original: raw.original, issues: [issue]))
                continue
            }
            firstLine[key] = raw.line
            if let problem = try check(record) {
                let issue = ImportIssue(file: options.fileName, line: raw.line, field: problem.field, message: problem.message)
                summary.rejected.append(RejectedRecord(line: raw.line, original: raw.original, issues: [issue]))
                continue
            }
            guard options.skipsInvalid || summary.rejected.isEmpty else { continue }
            if try write(record) { summary.inserted += 1 } else { summary.updated += 1 }
        }
        options.progress?(totalBytes, totalBytes)
        summary.seconds = Date().timeIntervalSince(started)
        if !summary.rejected.isEmpty, !options.skipsInvalid {
            throw ImportFailure(issues: summary.rejected.flatMap(\.issues))
        }
        return summary
    }
}

extension MidstDatabase {
    /// Imports staff from a CSV or JSON Lines file's bytes. See ``ImportOptions``.
    public func importStaff(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let validator = StaffValidator(reference: BundledReference.data, now: options.now)
        return try runImport(bytes, options: options, kind: .staff, identity: \.id.rawValue) {
            validator.validate($0, file: options.fileName)
        } makeWriter: { db in
            try StaffWriter(db)
        }
    }

    /// Imports needs from a CSV or JSON Lines file's bytes. See ``ImportOptions``.
    public func importNeeds(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let validator = NeedValidator(reference: BundledReference.data, now: options.now)
        return try runImport(bytes, options: options, kind: .needs, identity: \.id.rawValue) {
            validator.validate($0, file: options.fileName)
        } makeWriter: { db in
            try NeedWriter(db)
        }
    }

    /// Imports outcomes; every need and staff id must already be in the database.
    public func importOutcomes(_ bytes: [UInt8], options: ImportOptions) throws -> ImportSummary {
        let validator = OutcomeValidator(reference: BundledReference.data)
        return try runImport(
            bytes, options: options, kind: .outcomes,
            identity: { "\($0.needID)/\($0.staffID)/\($0.kind.rawValue)" }
        ) {
            validator.validate($0, file: options.fileName)
        } makeWriter: { db in
            try OutcomeWriter(db)
        }
    }

    private func runImport<Column: ImportColumn, Writer: RecordWriter>(
        _ bytes: [UInt8], options: ImportOptions, kind: ImportKind,
        identity: @escaping (Writer.Record) -> String,
        validate: @escaping (ImportRow<Column>) -> Result<Writer.Record, ImportFailure>,
        makeWriter: (Database) throws -> Writer
    ) throws -> ImportSummary {
        var importer = Importer(
            reader: try RecordReader<Column>(bytes: bytes, format: options.format, file: options.fileName),
            options: options, kind: kind, validate: validate, identity: identity, totalBytes: bytes.count)
        let summary = try pool.writeWithoutTransaction { db in
            var summary: ImportSummary?
            try db.inTransaction(.immediate) {
                try db.execute(sql: "PRAGMA cache_size = -524288")
                var writer = try makeWriter(db)
                summary = try importer.run { [writer] in try writer.problem(with: $0, db) } write: {
                    try writer.write($0, db)
                }
                if options.isDryRun { return .rollback }
                try logImport(summary!, db)
                return .commit
            }
            try db.execute(sql: "PRAGMA cache_size = -65536")
            return summary!
        }
        Self.logger.info(
            "import finished",
            metadata: [
                "kind": "\(kind.rawValue)", "records": "\(summary.records)", "inserted": "\(summary.inserted)",
                "updated": "\(summary.updated)", "rejected": "\(summary.rejected.count)",
                "dryRun": "\(options.isDryRun)",
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
