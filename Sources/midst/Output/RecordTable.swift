import ArgumentParser
import Foundation
import MidstCore

/// How a command prints records: an aligned table for people, JSON or CSV for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// One value in printed output, typed so that JSON keeps numbers as numbers.
enum Cell {
    case text(String)
    case integer(Int)
    case number(Double, decimals: Int)
    case null

    var plain: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value, let decimals): String(format: "%.\(decimals)f", value)
        case .null: ""
        }
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
    var csv: String { ([columns] + rows.map { $0.map(\.plain) }).map(CSVWriter.line).joined() }

    /// Aligned columns for a terminal; control characters in a field are shown escaped
    /// (``Terminal/safe(_:)``), never sent to the terminal.
    var aligned: String {
        let texts = rows.map { $0.map { Terminal.safe($0.plain) } }
        var widths = columns.map(\.count)
        for row in texts {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        return line(columns) + line(widths.map { String(repeating: "-", count: $0) })
            + texts.map(line).joined()
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
