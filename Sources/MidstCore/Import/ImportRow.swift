/// One record of an import file, its values placed by column, before validation.
///
/// Values are trimmed of surrounding spaces; an empty value counts as absent.
package struct ImportRow<Column: ImportColumn>: Sendable {
    /// The 1-based line on which the record starts.
    package var line: Int
    private var values: [String?]
    /// The columns a JSON Lines record names (even as `null` or empty), which a re-import
    /// updates; `nil` for CSV, where the header says.
    package var givenColumns: Set<Column>?
    /// The positions of the columns whose value holds a NUL character, which Midst refuses
    /// rather than let a C string cut the text short (``FieldChecker`` reports them).
    package private(set) var positionsWithNUL: [Int] = []

    /// An empty row for `line` with room for `columnCount` values (`Column.allCases.count`,
    /// passed in because computing `allCases` allocates, and this runs once per record).
    package init(line: Int, columnCount: Int) {
        self.line = line
        values = Array(repeating: nil, count: columnCount)
    }

    /// The value of `column`, or `nil` when absent or empty.
    package subscript(column: Column) -> String? {
        get { values[column.position] }
        set {
            if let newValue, newValue.utf8.contains(0) { positionsWithNUL.append(column.position) }
            values[column.position] = newValue.flatMap(Self.trimmed)
        }
    }

    private static func trimmed(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        if first != 0x20, last != 0x20, first != 0x09, last != 0x09 { return text }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let bytes = utf8
        var first = bytes.startIndex
        var last = bytes.endIndex
        while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 {
            first = bytes.index(after: first)
        }
        while last > first {
            let previous = bytes.index(before: last)
            guard bytes[previous] == 0x20 || bytes[previous] == 0x09 else { break }
            last = previous
        }
        return String(self[first..<last])
    }
}

/// The header of a CSV import file, mapped onto a kind's columns.
///
/// Some fields are read past rather than refused, so that spreadsheets round-trip: the `line`
/// and `problems` columns of a rejects file (fixed and imported again), empty names at the end
/// (the trailing empty column a spreadsheet may save), and, when asked, unknown columns.
package struct ImportHeader<Column: ImportColumn>: Sendable {
    /// By field position, its column, or `nil` for a field read past.
    private let columns: [Column?]
    private let columnCount = Column.allCases.count
    /// Unknown column names read past (only with `ignoringUnknown`), for a warning.
    package let ignoredUnknown: [String]

    /// The names a rejects file adds before the record's own columns.
    package static var rejectsColumns: [String] { ["line", "problems"] }

    /// Maps header names (case-insensitive) to columns. Reports unknown (unless
    /// `ignoringUnknown`) and repeated columns and missing required ones, all at once, as issues
    /// on `line`.
    package init(names: [String], file: String, line: Int = 1, ignoringUnknown: Bool = false)
        throws(ImportFailure)
    {
        var issues: [ImportIssue] = []
        var columns: [Column?] = []
        var ignored: [String] = []
        var seen = Set<Column>()
        let lastNamed = names.lastIndex { !$0.trimmingSpaces.isEmpty } ?? -1
        for (position, name) in names.enumerated() {
            let key = name.trimmingSpaces.lowercased()
            guard let column = Column.named(key) else {
                if position > lastNamed || Self.rejectsColumns.contains(key) {
                    columns.append(nil)
                } else if ignoringUnknown {
                    columns.append(nil)
                    ignored.append(name)
                } else {
                    // A staff file without its header row would have a person's name here.
                    let which =
                        Column.holdsPersonalData
                        ? "column \(position + 1) of the header is unknown (the name is not shown: staff files hold personal data)"
                        : "unknown column \(name.quotedForMessage())"
                    let known = Column.allCases.map(\.name).joined(separator: ", ")
                    issues.append(
                        ImportIssue(
                            file: file, line: line,
                            message:
                                "\(which) (known columns: \(known); --ignore-unknown-columns reads past it)"
                        ))
                }
                continue
            }
            if !seen.insert(column).inserted {
                issues.append(
                    ImportIssue(file: file, line: line, message: "column '\(column.name)' appears twice"))
            }
            columns.append(column)
        }
        for column in Column.allCases where column.isRequired && !seen.contains(column) {
            issues.append(
                ImportIssue(
                    file: file, line: line, message: "required column '\(column.name)' is missing"))
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }
        self.columns = columns
        ignoredUnknown = ignored
    }

    /// The number of fields every record must have.
    package var fieldCount: Int { columns.count }

    /// The columns the file has.
    package var columnSet: Set<Column> { Set(columns.compactMap { $0 }) }

    /// The position of `column`'s field in each record, or `nil` when the file has no such column.
    package func fieldIndex(of column: Column) -> Int? { columns.firstIndex(of: column) }

    /// Places a record's fields under their columns; a record with the wrong number of fields is
    /// an issue.
    package func row(from fields: [String], line: Int, file: String) -> Result<
        ImportRow<Column>, ImportIssue
    > {
        guard fields.count == columns.count else {
            return .failure(
                ImportIssue(
                    file: file, line: line,
                    message:
                        "expected \(columns.count) fields as in the header, found \(fields.count)"))
        }
        var row = ImportRow<Column>(line: line, columnCount: columnCount)
        for (column, value) in zip(columns, fields) {
            if let column { row[column] = value }
        }
        return .success(row)
    }
}

/// The issues that stopped an import (or a part of it), in file order.
package struct ImportFailure: Error, Sendable, CustomStringConvertible {
    package var issues: [ImportIssue]
    package init(issues: [ImportIssue]) { self.issues = issues }
    package var description: String { issues.map(\.description).joined(separator: "\n") }
}
