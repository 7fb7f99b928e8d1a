import ArgumentParser
import Foundation
import MidstCore
import MidstStore
import MidstWorkbook

/// `midst import staff|needs|outcomes FILE`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import staff, needs or outcomes from CSV, JSON Lines or an Excel workbook.",
        discussion: """
            Imports are all-or-nothing: if any record is invalid, every problem is listed \
            (file:line: field: message) and the database is left exactly as it was. With \
            --skip-invalid (or --rejects PATH alone) the valid records are imported and the \
            others written, with their reasons, to a rejects file. A dry run, or an import that \
            fails, into a database that does not exist yet leaves nothing on disk, so a later \
            `midst run` still refuses the missing database.

            Re-importing a staff id corrects that person's record: the columns the file has \
            replace the stored values (an empty cell clears an optional column), the columns it \
            lacks keep theirs, so a file of just id, profession, specialties, seniority and \
            consent changes nothing else. A record whose updated_at is older than the stored \
            one is refused, line by line like any invalid record, unless --force. A withdrawal \
            of consent is never undone by a record dated before it (or without updated_at), \
            even with --force; a withdrawal always applies, whatever its date (an older \
            record withdraws consent and changes nothing else). A record dated after tomorrow \
            (updated_at, an outcome's date) is refused as a typo; today is the clock's day, or \
            $MIDST_AS_OF when later. Re-importing a need or outcome id replaces that record.

            Spreadsheets round-trip: a rejects file, once fixed, imports again as it is (its \
            line and problems columns are read past), and an empty column at the end of the \
            header is accepted. A column Midst does not know is an error listing the known \
            ones, or, with --ignore-unknown-columns, read past with a warning.

            CSV as Excel writes it: fields separated by commas, semicolons (Excel where the \
            decimal separator is a comma) or tabs, told from the header line and named in the \
            summary (--delimiter forces one); UTF-8 with or without a byte order mark, or \
            UTF-16 with one ("Unicode text"); Windows or Unix line ends. A file in another \
            encoding (Windows-1252 "ANSI") is refused at its first byte that is not UTF-8, \
            with how to save it as "CSV UTF-8". Countries, specialties, skills, modes and \
            language levels may be written as words ("Uganda", "Neonatal medicine", "both", \
            "fluent"): they are stored as the codes they name (docs/FORMATS.md, "Words"). \
            An Excel workbook (.xlsx) is read from its first sheet, or the one --sheet names: \
            the first row that is not empty is the header, and problems name the sheet and \
            row as Excel numbers it (staff.xlsx:Sheet1:12: field 'email': …). Cells typed as \
            dates are read as dates (date-times as UTC), numbers as numbers; empty rows are \
            skipped. The rejects file is a workbook when its name ends in .xlsx (the default \
            for a workbook), CSV otherwise.

            File formats: docs/FORMATS.md.

              midst import staff SampleData/staff.csv
              midst import needs needs.jsonl --dry-run
              midst import staff staff.csv --rejects rejected.csv
              midst import needs needs-excel.csv --delimiter semicolon
              midst import needs needs.xlsx --sheet "Open needs"
            """,
        subcommands: [ImportStaff.self, ImportNeeds.self, ImportOutcomes.self])
}

/// Options shared by the three import commands.
struct ImportArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp("The file to import (.csv, .jsonl, .ndjson or .xlsx).", valueName: "file"))
    var file: String

    @Option(help: "The file's format, when its extension does not say (csv, jsonl or xlsx).")
    var format: ImportFormat?

    @Option(
        help: ArgumentHelp(
            "The CSV delimiter: comma, semicolon or tab (default: the one the header line shows).",
            valueName: "delimiter"))
    var delimiter: CSVDelimiter?

    @Option(
        help: ArgumentHelp(
            "The sheet of an Excel workbook to read, by the name on its tab (default: the first).",
            valueName: "name"))
    var sheet: String?

    @Flag(help: "Import the valid records and write the invalid ones to a rejects file.")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp(
            "Where rejected records are written: a workbook when PATH ends in .xlsx, else CSV (default: FILE.rejects.csv, or FILE.rejects.xlsx for a workbook); given alone, it implies --skip-invalid.",
            valueName: "path"))
    var rejects: String?

    @Flag(help: "Validate only: report what would be imported and change nothing.")
    var dryRun = false

    @Flag(
        help:
            "Apply staff records even when older than the stored ones (never to undo a later consent withdrawal)."
    )
    var force = false

    @Flag(help: "Read past columns (or JSON keys) Midst does not know, with a warning, instead of refusing the file.")
    var ignoreUnknownColumns = false

    @Option(help: "Print at most this many problems (all are counted).")
    var maxErrors = 50

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if format == nil, ImportFormat(fileName: file) == nil {
            throw ValidationError(
                "Cannot tell the format of \(file.quotedForMessage()) from its extension; pass --format csv, --format jsonl or --format xlsx."
            )
        }
        if delimiter != nil, inputFormat != .csv {
            throw ValidationError("--delimiter is for CSV files.")
        }
        if sheet != nil, inputFormat != .xlsx {
            throw ValidationError("--sheet goes with an Excel workbook (.xlsx).")
        }
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1.") }
    }

    /// Reads the file, runs `load` on the database and reports the result.
    func run(
        _ kind: ImportKind,
        _ load: (MidstDatabase, [UInt8], ImportOptions) throws -> ImportSummary
    ) throws {
        if skipsInvalid {
            try database.refuseOverwriting(
                rejectsPath, purpose: nil, inputs: [(file, "the file being imported")])
            // `--force` here applies older records: a file at the rejects path that Midst did
            // not write is never replaced.
            try OutputPath.refuseReplacing(
                rejectsPath, purpose: .rejects, force: false,
                remedy: "choose another --rejects path, or move the file away")
        }
        let bytes = try ImportFile.bytes(atPath: file)
        var options = ImportOptions(
            format: inputFormat!, fileName: file,
            now: Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)))
        options.sheet = sheet
        // Records dated after today (with a day's grace) are refused.
        options.today = try AsOfOptions.dateHorizon().today
        options.skipsInvalid = skipsInvalid
        options.delimiter = delimiter
        options.isDryRun = dryRun
        options.appliesOlderRecords = force
        options.ignoresUnknownColumns = ignoreUnknownColumns
        // Nothing here reads the file's bytes after the import.
        options.handsOverBytes = true
        if Terminal.stderrIsTerminal, bytes.count > 4 << 20 {
            options.progress = { done, total in
                Terminal.progress("importing \(kind.rawValue): \(done * 100 / max(total, 1))%")
                if done >= total { Terminal.note("") }
            }
        }
        let summary: ImportSummary
        do {
            // A dry run, or a failed import, into a database yet to be made leaves none.
            summary = try MidstDatabase.withCreatedIfMissing(
                at: database.path, keepsCreated: !dryRun
            ) { try load($0, bytes, options) }
        } catch let failure as ImportFailure {
            report(failure.issues)
            let records = Set(failure.issues.map(\.line)).count
            throw CommandFailure.invalidImport(
                file: file, records: records, problems: failure.issues.count)
        }
        if !summary.ignoredColumns.isEmpty {
            Terminal.note(
                "warning: \(file): read past unknown column\(summary.ignoredColumns.count == 1 ? "" : "s") \(summary.ignoredColumns.map { "'\(Terminal.safe($0))'" }.joined(separator: ", "))"
            )
        }
        for warning in summary.warnings.prefix(maxErrors) {
            Terminal.note("warning: " + Terminal.safe(warning.description))
        }
        if summary.warnings.count > maxErrors {
            Terminal.note("… and \(summary.warnings.count - maxErrors) more warnings (see --max-errors)")
        }
        if !summary.rejected.isEmpty {
            report(summary.rejected.flatMap(\.issues))
            if !dryRun { try writeRejects(summary) }
        }
        print(describe(summary))
    }

    private func report(_ issues: [ImportIssue]) {
        // Messages show values escaped already; the file's name, as given, is escaped here.
        for issue in issues.prefix(maxErrors) { Terminal.note(Terminal.safe(issue.description)) }
        if issues.count > maxErrors {
            Terminal.note("… and \(issues.count - maxErrors) more problems (see --max-errors)")
        }
    }

    /// Whether invalid records are skipped: `--skip-invalid`, or `--rejects` alone, which
    /// says where they go.
    private var skipsInvalid: Bool { skipInvalid || rejects != nil }

    /// The file's format: as given, or as its extension says.
    private var inputFormat: ImportFormat? { format ?? ImportFormat(fileName: file) }

    /// Where `--skip-invalid` writes the rejected records.
    private var rejectsPath: String {
        rejects ?? file + (inputFormat == .xlsx ? ".rejects.xlsx" : ".rejects.csv")
    }

    private func writeRejects(_ summary: ImportSummary) throws {
        let path = rejectsPath
        let columns = ["line", "problems"] + (summary.header ?? ["record"])
        func problems(_ record: RejectedRecord) -> String {
            record.issues.map { issue in
                issue.field.map { "\($0): \(issue.message)" } ?? issue.message
            }.joined(separator: "; ")
        }
        if path.lowercased().hasSuffix(".xlsx") {
            // The record's fields as text, as they were read: the file is fixed and imported
            // again.
            let bytes = try WorkbookWriter.workbook(
                sheet: "Rejected", header: columns,
                rows: summary.rejected.map { record in
                    [.integer(record.line), .text(problems(record))]
                        + record.original.map { $0.isEmpty ? .empty : .text($0) }
                })
            try OwnerOnlyFile.write(bytes, to: path)
        } else {
            // In the file's own delimiter, so that a spreadsheet opens it as it opened the file.
            let delimiter = summary.delimiter ?? .comma
            let lines = summary.rejected.map { record in
                CSVWriter.line(
                    [String(record.line), problems(record)] + record.original, delimiter: delimiter)
            }
            try OwnerOnlyFile.write(
                Array((CSVWriter.line(columns, delimiter: delimiter) + lines.joined()).utf8),
                to: path)
        }
        Terminal.note("\(summary.rejected.count) rejected records written to \(path)")
    }

    private func describe(_ summary: ImportSummary) -> String {
        let verb = summary.isDryRun ? "Checked" : "Imported"
        let would = summary.isDryRun ? " (dry run: nothing written)" : ""
        let implied = rejects != nil && !skipInvalid ? " (--rejects implies --skip-invalid)" : ""
        var reading = summary.delimiter.map { ["\($0.rawValue)-separated"] } ?? []
        if summary.encoding != .utf8 { reading.append(summary.encoding.rawValue) }
        let read = reading.isEmpty ? "" : " (\(reading.joined(separator: ", ")))"
        return
            "\(verb) \(summary.kind.rawValue) from \(summary.fileName)\(read): \(summary.records) records, "
            + "\(summary.inserted) new, \(summary.updated) updated, \(summary.rejected.count) rejected "
            + "in \(String(format: "%.2f", summary.seconds)) s\(would)\(implied)"
    }
}

extension ImportFormat: ExpressibleByArgument {}

extension CSVDelimiter: ExpressibleByArgument {
    public init?(argument: String) { self.init(naming: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct ImportStaff: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Import staff records (see docs/FORMATS.md).")
    @OptionGroup var arguments: ImportArguments
    var database: DatabaseOptions { arguments.database }
    func run() throws { try arguments.run(.staff) { try $0.importStaff($1, options: $2) } }
}

struct ImportNeeds: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "needs", abstract: "Import partnership needs (see docs/FORMATS.md).")
    @OptionGroup var arguments: ImportArguments
    var database: DatabaseOptions { arguments.database }
    func run() throws { try arguments.run(.needs) { try $0.importNeeds($1, options: $2) } }
}

struct ImportOutcomes: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract:
            "Import outcomes for needs and staff already in the database (see docs/FORMATS.md).")
    @OptionGroup var arguments: ImportArguments
    var database: DatabaseOptions { arguments.database }
    func run() throws { try arguments.run(.outcomes) { try $0.importOutcomes($1, options: $2) } }
}
