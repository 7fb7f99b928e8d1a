import ArgumentParser

/// The `--format` and `--out` options of a command whose table may also go to an Excel
/// workbook (`gaps`, `needs list`).
struct ListOutputOptions: ParsableArguments {
    @Option(
        help:
            "table, json, csv or xlsx (an Excel workbook: a frozen header row, numbers and dates typed; with --out or redirected)."
    )
    var format: ListFormat = .table
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Where --format xlsx writes the workbook (a file Midst did not write is not replaced).",
            valueName: "path"))
    var out: String?

    func validate() throws {
        try WorkbookOutput.validate(format: format, out: out)
    }

    /// Writes `table` as a one-sheet workbook to `--out`, or to stdout when it is not a
    /// terminal (``WorkbookOutput/write(_:sheet:to:database:)``).
    func writeWorkbook(_ table: RecordTable, sheet: String, database: DatabaseOptions) throws {
        try WorkbookOutput.write(table, sheet: sheet, to: out, database: database)
    }
}
