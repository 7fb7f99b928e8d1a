/// The encoding of an import file's text: UTF-8, or the UTF-16 that Excel writes as "Unicode
/// text", told by its byte order mark. Any other encoding (Windows-1252 "ANSI", Latin-1, Mac
/// Roman) is refused where its first byte that is not UTF-8 lies, with ``advice``.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16 LE"
    case utf16BigEndian = "UTF-16 BE"

    /// How to save a spreadsheet as UTF-8, for every message about an encoding.
    package static let advice =
        "save it as UTF-8: in Excel, File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"; in LibreOffice, Save As with \"Edit filter settings\" ticked and character set \"Unicode (UTF-8)\""

    /// The text of `bytes` (read from `file`, named in messages) as UTF-8, and the encoding it
    /// was in. UTF-8 is returned as it is, byte order mark and all (the readers skip it, and
    /// check the UTF-8 of each field as they decode it); UTF-16 with a byte order mark is
    /// transcoded.
    ///
    /// - Throws: ``ImportFailure`` for UTF-16 without a byte order mark, UTF-32, or UTF-16
    ///   holding half a character, naming the line.
    /// - Complexity: O(n) for UTF-16; O(1) otherwise.
    package static func utf8(_ bytes: [UInt8], file: String) throws(ImportFailure) -> (
        bytes: [UInt8], encoding: TextEncoding
    ) {
        func failure(line: Int, _ message: String) -> ImportFailure {
            ImportFailure(issues: [ImportIssue(file: file, line: line, message: message)])
        }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw failure(line: 1, "the file is UTF-32, which Midst does not read; \(advice)")
        }
        let encoding: TextEncoding
        if bytes.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LittleEndian
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BigEndian
        } else {
            // Two ASCII characters in UTF-16 have a zero byte before or after each.
            if bytes.count >= 4, (bytes[0] == 0) != (bytes[1] == 0), (bytes[2] == 0) != (bytes[3] == 0) {
                throw failure(
                    line: 1, "the file looks like UTF-16 without a byte order mark; \(advice)")
            }
            return (bytes, .utf8)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2 + bytes.count / 8)
        if let line = transcode(bytes, bigEndian: encoding == .utf16BigEndian, into: &output) {
            throw failure(
                line: line,
                "the file is \(encoding.rawValue) but holds half a character (a lone surrogate, or an odd number of bytes); \(advice)"
            )
        }
        return (output, encoding)
    }

    /// Appends the UTF-8 of the UTF-16 `bytes` (after their byte order mark) to `output`; returns
    /// the line of the first half character, or `nil` when there is none.
    private static func transcode(_ bytes: [UInt8], bigEndian: Bool, into output: inout [UInt8])
        -> Int?
    {
        func brokenLine() -> Int { output.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
        guard bytes.count % 2 == 0 else { return brokenLine() }
        let count = bytes.count / 2
        func unit(_ index: Int) -> UInt32 {
            let first = UInt32(bytes[2 * index]), second = UInt32(bytes[2 * index + 1])
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        var index = 1
        while index < count {
            var scalar = unit(index)
            index += 1
            if scalar < 0x80 {
                output.append(UInt8(scalar))
                continue
            }
            if (0xD800..<0xDC00).contains(scalar) {
                guard index < count, (0xDC00..<0xE000).contains(unit(index)) else {
                    return brokenLine()
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index) - 0xDC00)
                index += 1
            } else if (0xDC00..<0xE000).contains(scalar) {
                return brokenLine()
            }
            output.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        }
        return nil
    }

    /// The offset of the first byte in `bytes` that does not belong to well-formed UTF-8, or
    /// `nil` when they are all UTF-8.
    package static func firstNonUTF8Byte(in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            for offset in 1..<length {
                guard index + offset < bytes.endIndex else { return index }
                let next = bytes[index + offset]
                let range = offset == 1 ? low...high : 0x80...0xBF
                guard range.contains(next) else { return index }
            }
            index += length
        }
        return nil
    }

    /// The message for a byte that is not UTF-8: its value, where it lies (its byte on its line
    /// and in the file, both from 1), the encodings it suggests and ``advice``.
    package static func notUTF8Message(byte: UInt8, column: Int, fileOffset: Int) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return
            "the file is not UTF-8: byte 0x\(hex.count == 1 ? "0" : "")\(hex) (byte \(column) of the line, \(fileOffset + 1) of the file) is not UTF-8, so the file is likely Windows-1252 (\"ANSI\"), Latin-1 or Mac Roman; \(advice)"
    }
}
