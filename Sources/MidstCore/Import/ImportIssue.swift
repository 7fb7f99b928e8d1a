/// One problem found in an import file, located by file, line and field.
///
/// Its description reads like a compiler diagnostic:
/// `staff.csv:42: field 'languages': unknown language code 'xx'`.
package struct ImportIssue: Error, Sendable, Hashable, CustomStringConvertible {
    package var file: String
    /// The 1-based line on which the record starts (the header is line 1 in CSV).
    package var line: Int
    /// The column or JSON key at fault, if the problem is with one field.
    package var field: String?
    package var message: String

    package init(file: String, line: Int, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    package var description: String {
        if let field { return "\(file):\(line): field '\(field)': \(message)" }
        return "\(file):\(line): \(message)"
    }
}
