import ArgumentParser
import Foundation
import MidstCore
import MidstStore
import MidstWorkbook

extension RecordTable {
    /// The table as a one-sheet Excel workbook called `sheet` (``WorkbookWriter``): numbers and
    /// dates typed, text never read as a formula.
    func workbook(sheet: String) throws -> [UInt8] {
        try WorkbookWriter.workbook(
            sheet: sheet, header: columns, rows: rows.map { $0.map(\.workbookCell) })
    }
}

extension Cell {
    /// The cell as a workbook holds it.
    var workbookCell: WorkbookCell {
        switch self {
        case .text(let value): value.isEmpty ? .empty : .text(value)
        case .integer(let value): .integer(value)
        case .number(let value, let decimals): .number(value, decimals: decimals)
        case .date(let day): .date(day)
        case .null: .empty
        }
    }
}

/// Where a workbook goes: a file (`--out`), written whole and owner-only, or stdout when it
/// is a pipe or a file. Never a terminal, which would show binary noise.
enum WorkbookOutput {
    /// Refuses `--out` without `--format xlsx` (text goes to stdout, to redirect), and a
    /// workbook without `--out` when stdout is a terminal (for `validate()`).
    static func validate(format: ListFormat, out: String?) throws {
        if out != nil, format != .xlsx {
            throw ValidationError(
                "--out goes with --format xlsx; redirect the other formats (> file.\(format.rawValue))."
            )
        }
        if format == .xlsx { try refuseTerminal(out: out) }
    }

    /// Refuses a workbook without `--out` when stdout is a terminal.
    static func refuseTerminal(out: String?) throws {
        if out == nil, isatty(FileHandle.standardOutput.fileDescriptor) == 1 {
            throw ValidationError(
                "An Excel workbook is a binary file: write it with --out FILE.xlsx (or -o), or redirect the output to a file."
            )
        }
    }

    /// Writes the workbook of `table` to `out` (a file Midst did not write for the same
    /// columns is refused, ``OutputPurpose/table(columns:)``), or to stdout when `out` is `nil`.
    static func write(
        _ table: RecordTable, sheet: String, to out: String?, database: DatabaseOptions
    ) throws {
        if let out {
            try database.refuseOverwriting(out, purpose: .table(columns: table.columns))
        }
        let bytes = try table.workbook(sheet: sheet)
        if let out {
            try OwnerOnlyFile.write(bytes, to: out)
        } else {
            try refuseTerminal(out: nil)
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
