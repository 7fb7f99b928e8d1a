import ArgumentParser
import Foundation
import MidstCore

/// How a command prints records: an aligned table for people, JSON or CSV for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The formats of a command whose records may also go to an Excel workbook (`gaps`,
/// `needs list`).
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, xlsx

    /// The text format, or `nil` for a workbook.
    var text: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

/// One value in printed output, typed so that JSON keeps numbers as numbers.
enum Cell {
    case text(String)
    case integer(Int)
    case number(Double, decimals: Int)
    /// A day: `YYYY-MM-DD` in text, a date in a workbook.
    case date(CalendarDate)
    case null

    /// A day, or empty text (`""` in JSON) when there is none.
    static func date(_ day: CalendarDate?) -> Cell { day.map(Cell.date) ?? .text("") }

    var plain: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value, let decimals): String(format: "%.\(decimals)f", value)
        case .date(let day): day.description
        case .null: ""
        }
    }

    /// The cell in a CSV file: text that would start a spreadsheet formula is neutralised with
    /// a leading `'` (``RecordTable/csv``).
    var csvField: String {
        guard case .text(let value) = self, let first = value.unicodeScalars.first,
            ["=", "+", "-", "@", "\t", "\r"].contains(first)
        else { return plain }
        return "'" + value
    }

    /// An integer for ordering rows: an empty cell after every number.
    var sortRank: Int {
        if case .integer(let value) = self { return value }
        return .max
    }
}

/// Records to print, with named columns.
struct RecordTable {
    var columns: [String]
    var rows: [[Cell]]

    /// The table rendered in `format`, ending in a newline.
    func rendered(as format: OutputFormat) throws -> String {
        switch format {
        case .table: aligned
        case .csv: csv
        case .json: try JSONValue.rows(of: self).rendered() + "\n"
        }
    }

    /// CSV with a header line.
    /// A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return) is written with a `'` before it, as OWASP recommends against
    /// CSV injection; numbers are written as they are.
    var csv: String {
        ([columns] + rows.map { $0.map(\.csvField) }).map(CSVWriter.line).joined()
    }

    /// Aligned columns for a terminal; control characters in a field are shown escaped
    /// (``Terminal/safe(_:)``), never sent to the terminal. On a terminal (or with `COLUMNS`
    /// set), the longest text columns are cut to fit its width, each cut marked `…`; numbers
    /// are never cut, and CSV and JSON are always whole.
    var aligned: String { aligned(width: Terminal.tableWidth) }

    /// Aligned columns fitted to `width` characters (no limit when nil).
    func aligned(width: Int?) -> String {
        let texts = rows.map { $0.map { Terminal.safe($0.plain) } }
        var widths = columns.map(\.count)
        for row in texts {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        if let width {
            widths = Self.fitted(
                widths, to: width, shrinkable: shrinkableColumns, headers: columns.map(\.count))
        }
        var cut = false
        func fit(_ text: String, _ width: Int) -> String {
            guard text.count > width else { return text }
            cut = true
            return String(text.prefix(max(0, width - 1))) + "…"
        }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { field, width in
                let shown = fit(field, width)
                return shown + String(repeating: " ", count: width - shown.count)
            }
            .joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        let text =
            line(columns) + line(widths.map { String(repeating: "-", count: $0) })
            + texts.map(line).joined()
        if cut { Terminal.noteOnce(Terminal.cutNote) }
        return text
    }

    /// The columns whose fields may be cut: those holding text (numbers are never cut).
    private var shrinkableColumns: Set<Int> {
        var found: Set<Int> = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if case .text = cell { found.insert(index) }
            }
        }
        return found
    }

    /// Column widths that fit `total` characters with two spaces between columns, taking from
    /// the widest shrinkable column first. Only long text is cut: a column keeps at least its
    /// header's width and 12 characters, so codes, dates and states stay whole; when that is
    /// still too wide the terminal wraps the lines.
    static func fitted(
        _ widths: [Int], to total: Int, shrinkable: Set<Int>, headers: [Int]
    ) -> [Int] {
        var fitted = widths
        var used = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        let floors = widths.indices.map {
            shrinkable.contains($0) ? min(widths[$0], max(headers[$0], 12)) : widths[$0]
        }
        while used > total {
            guard
                let widest = fitted.indices.filter({ fitted[$0] > floors[$0] })
                    .max(by: { fitted[$0] < fitted[$1] })
            else { break }
            fitted[widest] -= 1
            used -= 1
        }
        return fitted
    }

    /// One JSON object per line, keys sorted (for `midst export --format jsonl`).
    func jsonLines() throws -> String {
        guard case .array(let objects) = JSONValue.rows(of: self) else { return "" }
        return try objects.map { try $0.rendered(pretty: false) + "\n" }.joined()
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
