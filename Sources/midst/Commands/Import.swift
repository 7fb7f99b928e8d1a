import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst import staff|needs|outcomes FILE`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import staff, needs or outcomes from CSV or JSON Lines.",
        discussion: """
            Imports are all-or-nothing: if any record is invalid, every problem is listed \
            (file:line: field: message) and the database is left exactly as it was. With \
            --skip-invalid the valid records are imported and the others written, with their \
            reasons, to a rejects file.

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

            File formats: docs/FORMATS.md.

              midst import staff SampleData/staff.csv
              midst import needs needs.jsonl --dry-run
              midst import staff staff.csv --skip-invalid --rejects rejected.csv
            """,
        subcommands: [ImportStaff.self, ImportNeeds.self, ImportOutcomes.self])
}

/// Options shared by the three import commands.
struct ImportArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp("The file to import (.csv, .jsonl or .ndjson).", valueName: "file"))
    var file: String

    @Option(help: "The file's format, when its extension does not say (csv or jsonl).")
    var format: ImportFormat?

    @Flag(help: "Import the valid records and write the invalid ones to a rejects file.")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp(
            "Where --skip-invalid writes rejected records (default: FILE.rejects.csv).",
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
                "Cannot tell the format of \(file.quotedForMessage()) from its extension; pass --format csv or --format jsonl."
            )
        }
        if rejects != nil, !skipInvalid {
            throw ValidationError("--rejects goes with --skip-invalid.")
        }
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1.") }
    }

    /// Reads the file, runs `load` on the database and reports the result.
    func run(
        _ kind: ImportKind,
        _ load: (MidstDatabase, [UInt8], ImportOptions) throws -> ImportSummary
    ) throws {
        if skipInvalid {
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
            format: format ?? ImportFormat(fileName: file)!, fileName: file,
            now: Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)))
        // Records dated after today (with a day's grace) are refused.
        options.today = try AsOfOptions.dateHorizon().today
        options.skipsInvalid = skipInvalid
        options.isDryRun = dryRun
        options.appliesOlderRecords = force
        options.ignoresUnknownColumns = ignoreUnknownColumns
        if Terminal.stderrIsTerminal, bytes.count > 4 << 20 {
            options.progress = { done, total in
                Terminal.progress("importing \(kind.rawValue): \(done * 100 / max(total, 1))%")
                if done >= total { Terminal.note("") }
            }
        }
        let database = try database.open()
        let summary: ImportSummary
        do {
            summary = try load(database, bytes, options)
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

    /// Where `--skip-invalid` writes the rejected records.
    private var rejectsPath: String { rejects ?? file + ".rejects.csv" }

    private func writeRejects(_ summary: ImportSummary) throws {
        let path = rejectsPath
        var text = CSVWriter.line(["line", "problems"] + (summary.header ?? ["record"]))
        for record in summary.rejected {
            let problems = record.issues.map { issue in
                issue.field.map { "\($0): \(issue.message)" } ?? issue.message
            }
            text += CSVWriter.line(
                [String(record.line), problems.joined(separator: "; ")] + record.original)
        }
        try OwnerOnlyFile.write(Array(text.utf8), to: path)
        Terminal.note("\(summary.rejected.count) rejected records written to \(path)")
    }

    private func describe(_ summary: ImportSummary) -> String {
        let verb = summary.isDryRun ? "Checked" : "Imported"
        let would = summary.isDryRun ? " (dry run: nothing written)" : ""
        return
            "\(verb) \(summary.kind.rawValue) from \(summary.fileName): \(summary.records) records, "
            + "\(summary.inserted) new, \(summary.updated) updated, \(summary.rejected.count) rejected "
            + "in \(String(format: "%.2f", summary.seconds)) s\(would)"
    }
}

extension ImportFormat: ExpressibleByArgument {}

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
