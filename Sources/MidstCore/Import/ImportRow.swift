/// One record of an import file, its values placed by column, before validation.
///
/// Values are trimmed of surrounding spaces; an empty value counts as absent.
public struct ImportRow<Column: ImportColumn>: Sendable {
    /// The 1-based line on which the record starts.
    public var line: Int
    private var values: [String?]

    /// An empty row for `line`.
    public init(line: Int) {
        self.line = line
        values = Array(repeating: nil, count: Column.allCases.count)
    }

    /// The value of `column`, or `nil` when absent or empty.
    public subscript(column: Column) -> String? {
        get { values[column.position] }
        set { values[column.position] = newValue.flatMap(Self.trimmed) }
    }

    private static func trimmed(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        if first != 0x20, last != 0x20, first != 0x09, last != 0x09 { return text }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

/// The header of a CSV import file, mapped onto a kind's columns.
public struct ImportHeader<Column: ImportColumn>: Sendable {
    private let columns: [Column]

    /// Maps header names (case-insensitive) to columns. Reports unknown and repeated columns and
    /// missing required ones, all at once, as issues on `line`.
    public init(names: [String], file: String, line: Int = 1) throws(ImportFailure) {
        var issues: [ImportIssue] = []
        var columns: [Column] = []
        var seen = Set<Column>()
        for name in names {
            let key = name.trimmingSpaces.lowercased()
            guard let column = Column.allCases.first(where: { $0.name == key }) else {
                let known = Column.allCases.map(\.name).joined(separator: ", ")
                issues.append(
                    ImportIssue(file: file, line: line, message: "unknown column '\(name)' (known columns: \(known))"))
                continue
            }
            if !seen.insert(column).inserted {
                issues.append(ImportIssue(file: file, line: line, message: "column '\(key)' appears twice"))
            }
            columns.append(column)
        }
        for column in Column.allCases where column.isRequired && !seen.contains(column) {
            issues.append(ImportIssue(file: file, line: line, message: "required column '\(column.name)' is missing"))
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }
        self.columns = columns
    }

    /// Places a record's fields under their columns; a record with the wrong number of fields is
    /// an issue.
    public func row(from fields: [String], line: Int, file: String) -> Result<ImportRow<Column>, ImportIssue> {
        guard fields.count == columns.count else {
            return .failure(
                ImportIssue(
                    file: file, line: line,
                    message: "expected \(columns.count) fields as in the header, found \(fields.count)"))
        }
        var row = ImportRow<Column>(line: line)
        for (column, value) in zip(columns, fields) { row[column] = value }
        return .success(row)
    }
}

/// The issues that stopped an import (or a part of it), in file order.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]
    public init(issues: [ImportIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
