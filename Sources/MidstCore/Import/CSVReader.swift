/// A streaming RFC 4180 CSV reader over UTF-8 bytes.
///
/// Handles quoted fields with `""` escapes, delimiters and line breaks inside quotes, LF and CRLF
/// line ends and a leading UTF-8 byte order mark. Fields are separated by a comma, or by the
/// ``CSVDelimiter`` given. Fully blank lines are skipped. Reports malformed input (an unterminated
/// quote, text after a closing quote, invalid UTF-8) with its line number.
///
/// - Complexity: O(n) in the input size; unquoted ASCII fields are decoded without copying twice.
package struct CSVReader: Sendable {
    /// A malformed CSV construct.
    package struct SyntaxError: Error, Sendable, Equatable {
        package var line: Int
        package var message: String
    }

    private let bytes: [UInt8]
    private var position: Int
    private var nextLine = 1
    private let skipsCommentLines: Bool
    /// The byte between fields.
    private let delimiter: UInt8

    /// The 1-based line on which the last record returned by ``nextRecord(into:)`` started.
    package private(set) var recordLine = 0
    /// The byte offset at which the last record started.
    package private(set) var recordStart = 0
    /// The input, for reading fields by their ``CSVFieldSpan``.
    package var input: [UInt8] { bytes }
    private var spans: [CSVFieldSpan] = []

    /// The byte offset reached so far, for progress reporting.
    package var bytesRead: Int { position }

    /// Creates a reader of fields separated by `delimiter`; with `skipsCommentLines`, lines
    /// starting with `#` are passed over (used for Midst's own reference files, whose headers
    /// carry their provenance).
    package init(
        bytes: [UInt8], delimiter: CSVDelimiter = .comma, skipsCommentLines: Bool = false
    ) {
        self.bytes = bytes
        self.delimiter = delimiter.byte
        self.skipsCommentLines = skipsCommentLines
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads the next record into `fields` (replacing its contents). Returns `false` at the end.
    package mutating func nextRecord(into fields: inout [String]) throws(SyntaxError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        var spans = spans
        defer { self.spans = spans }
        guard try nextRecord(spans: &spans) else { return false }
        for span in spans { fields.append(try text(of: span)) }
        return true
    }

    /// Reads the next record as the places of its fields in the input (replacing the contents of
    /// `fields`), without decoding them. Returns `false` at the end. See ``text(of:)``.
    package mutating func nextRecord(spans fields: inout [CSVFieldSpan]) throws(SyntaxError) -> Bool
    {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        // Skip blank lines (and comment lines when asked).
        while position < count {
            let byte = bytes[position]
            if byte == 0x0A {
                position += 1
                nextLine += 1
            } else if byte == 0x0D, position + 1 < count, bytes[position + 1] == 0x0A {
                position += 2
                nextLine += 1
            } else if skipsCommentLines, byte == 0x23 {
                while position < count, bytes[position] != 0x0A { position += 1 }
            } else {
                break
            }
        }
        guard position < count else { return false }
        recordLine = nextLine
        recordStart = position
        while true {
            if bytes[position] == 0x22 {
                fields.append(try quotedField())
            } else {
                fields.append(try unquotedField())
            }
            guard position < count else { return true }
            let separator = bytes[position]
            position += 1
            if separator == 0x0A {
                nextLine += 1
                return true
            }
            // The separator is the delimiter; one at the very end means one more empty field.
            if position >= count || bytes[position] == 0x0A
                || (bytes[position] == 0x0D && position + 1 < count && bytes[position + 1] == 0x0A)
            {
                fields.append(CSVFieldSpan(start: position, end: position))
                if position < count {
                    position += bytes[position] == 0x0D ? 2 : 1
                    nextLine += 1
                }
                return true
            }
        }
    }

    /// The text of a field of the last record read: quotes undoubled, UTF-8 checked.
    package func text(of field: CSVFieldSpan) throws(SyntaxError) -> String {
        let slice = bytes[field.start..<field.end]
        if field.isASCII, !field.hasDoubledQuotes {
            return String(decoding: slice, as: UTF8.self)
        }
        var undoubled = slice
        if field.hasDoubledQuotes {
            var pieces: [UInt8] = []
            pieces.reserveCapacity(slice.count)
            var index = slice.startIndex
            while index < slice.endIndex {
                pieces.append(slice[index])
                index += slice[index] == 0x22 ? 2 : 1
            }
            undoubled = pieces[...]
        }
        guard let text = String(validating: undoubled, as: UTF8.self) else {
            throw notUTF8(in: field)
        }
        return text
    }

    /// The error for a field that is not UTF-8: the line, the first byte that is not, and where
    /// it lies on its line, with the way to save the file as UTF-8 (``TextEncoding/advice``).
    private func notUTF8(in field: CSVFieldSpan) -> SyntaxError {
        let offset = TextEncoding.firstNonUTF8Byte(in: bytes[field.start..<field.end]) ?? field.start
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = recordLine + bytes[recordStart..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return SyntaxError(
            line: line,
            message: TextEncoding.notUTF8Message(
                byte: bytes[offset], column: offset - lineStart + 1, fileOffset: offset))
    }

    /// Reads an unquoted field up to the delimiter or line end, leaving `position` on the
    /// separator.
    private mutating func unquotedField() throws(SyntaxError) -> CSVFieldSpan {
        let start = position
        let count = bytes.count
        var isASCII = true
        while position < count {
            let byte = bytes[position]
            if byte == delimiter || byte == 0x0A { break }
            if byte == 0x22 {
                throw SyntaxError(
                    line: nextLine,
                    message:
                        "a quote inside an unquoted field (quote the whole field and double the quote)"
                )
            }
            // A NUL, too, leaves the fast paths: the validators refuse it.
            if byte >= 0x80 || byte == 0 { isASCII = false }
            position += 1
        }
        var end = position
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return CSVFieldSpan(start: start, end: end, isASCII: isASCII)
    }

    /// Reads a quoted field, leaving `position` on the separator after the closing quote.
    private mutating func quotedField() throws(SyntaxError) -> CSVFieldSpan {
        let openingLine = nextLine
        position += 1
        let count = bytes.count
        let start = position
        var hasDoubledQuotes = false
        var isASCII = true
        while true {
            guard position < count else {
                throw SyntaxError(line: openingLine, message: "a quoted field is never closed")
            }
            let byte = bytes[position]
            if byte == 0x22 {
                if position + 1 < count, bytes[position + 1] == 0x22 {
                    hasDoubledQuotes = true
                    position += 2
                    continue
                }
                break
            }
            if byte == 0x0A { nextLine += 1 }
            // A NUL, too, leaves the fast paths: the validators refuse it.
            if byte >= 0x80 || byte == 0 { isASCII = false }
            position += 1
        }
        let field = CSVFieldSpan(
            start: start, end: position, hasDoubledQuotes: hasDoubledQuotes,
            isASCII: isASCII)
        position += 1
        if position < count, bytes[position] == 0x0D, position + 1 < count,
            bytes[position + 1] == 0x0A
        {
            position += 1
        }
        if position < count, bytes[position] != delimiter, bytes[position] != 0x0A {
            throw SyntaxError(line: nextLine, message: "text after the closing quote of a field")
        }
        return field
    }
}

/// Where one field of a CSV record lies in the input, before decoding.
package struct CSVFieldSpan: Sendable, Equatable {
    /// The field's bytes, `start..<end`: inside the quotes of a quoted field.
    package var start: Int
    package var end: Int
    /// Whether the bytes hold doubled quotes (`""`), each standing for one quote.
    package var hasDoubledQuotes = false
    /// Whether every byte is ASCII other than NUL (then the text needs no UTF-8 check, and can
    /// be taken as it stands).
    package var isASCII = true

    /// Whether the bytes are the field's text as they stand: no quotes to undouble, no UTF-8 to
    /// check.
    package var isPlain: Bool { isASCII && !hasDoubledQuotes }
}
