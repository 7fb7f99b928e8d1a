/// Writes RFC 4180 CSV: fields containing a comma, quote, CR or LF are quoted, quotes doubled.
package enum CSVWriter {
    /// One record as a line, ending in `\n`.
    package static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// A field, quoted when it needs to be.
    package static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
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
