/// Writes RFC 4180 CSV: fields containing the delimiter (a comma unless given), a quote, CR or LF
/// are quoted, quotes doubled.
package enum CSVWriter {
    /// One record as a line, ending in `\n`.
    package static func line(_ fields: [String]) -> String { line(fields, delimiter: .comma) }

    /// One record as a line of fields separated by `delimiter`, ending in `\n`.
    package static func line(_ fields: [String], delimiter: CSVDelimiter) -> String {
        fields.map { escape($0, delimiter: delimiter) }.joined(
            separator: String(UnicodeScalar(delimiter.byte))) + "\n"
    }

    /// A field, quoted when it needs to be.
    package static func escape(_ field: String, delimiter: CSVDelimiter = .comma) -> String {
        let separator = delimiter.byte
        guard
            field.utf8.contains(where: {
                $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D
            })
        else {
            return field
        }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }
}
