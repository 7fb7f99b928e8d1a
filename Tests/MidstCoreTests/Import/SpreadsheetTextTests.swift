import Testing

@testable import MidstCore

/// Delimiters and encodings of CSV as Excel writes it (issue 25).
@Suite("Delimiters and encodings")
struct SpreadsheetTextTests {
    @Test(
        "the delimiter is the one the header line shows most, outside quotes",
        arguments: [
            ("id,name,email\n1;2;3;4\n", CSVDelimiter.comma),
            ("id;name;email\r\n1,2,3,4,5\r\n", .semicolon),
            ("id\tname\temail\n", .tab),
            ("\n\r\nid;name\n", .semicolon),
            ("\"a;b;c\",d,e\n", .comma),
            ("\u{FEFF}id;status;reason\n", .semicolon),
            ("id\n", .comma),
            ("", .comma),
        ])
    func detectsDelimiter(header: String, expected: CSVDelimiter) {
        #expect(CSVDelimiter.detected(inHeaderOf: Array(header.utf8)) == expected)
    }

    @Test("a semicolon file reads like the comma file, commas and semicolons kept inside quotes")
    func readsSemicolons() throws {
        let text = "id;name;languages\nS1;\"Smith, Jo\";\"en:C1;fr:B2\"\nS2;;yo:native;\n"
        var reader = CSVReader(bytes: Array(text.utf8), delimiter: .semicolon)
        var records: [[String]] = []
        var fields: [String] = []
        while try reader.nextRecord(into: &fields) { records.append(fields) }
        #expect(
            records == [
                ["id", "name", "languages"], ["S1", "Smith, Jo", "en:C1;fr:B2"],
                ["S2", "", "yo:native", ""],
            ])
    }

    @Test("the writer quotes a field holding its delimiter, and only then")
    func writesDelimiter() {
        #expect(CSVWriter.line(["a;b", "c,d"], delimiter: .semicolon) == "\"a;b\";c,d\n")
        #expect(CSVWriter.line(["a\tb", "c"], delimiter: .tab) == "\"a\tb\"\tc\n")
    }

    static let sample = "id,name\nS1,Gonçalo 😀\n"

    @Test("UTF-16 with a byte order mark is read as the same UTF-8", arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        let units = Array(Self.sample.utf16)
        let mark: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        let bytes =
            mark
            + units.flatMap { unit -> [UInt8] in
                bigEndian
                    ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
        let (text, encoding) = try TextEncoding.utf8(bytes, file: "f.csv")
        #expect(text == Array(Self.sample.utf8))
        #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    }

    @Test("UTF-8 is passed on as it is")
    func utf8() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)
        let (text, encoding) = try TextEncoding.utf8(bytes, file: "f.csv")
        #expect(text == bytes)
        #expect(encoding == .utf8)
    }

    @Test("UTF-16 with half a character is refused on its line, with the advice")
    func loneSurrogate() throws {
        // "a\nb" then a high surrogate followed by a letter.
        let units: [UInt16] = [0x61, 0x0A, 0x62, 0x0A, 0xD83D, 0x63]
        let bytes: [UInt8] =
            [0xFF, 0xFE] + units.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let failure = try #require(throws: ImportFailure.self) {
            try TextEncoding.utf8(bytes, file: "f.csv")
        }
        #expect(failure.issues.map(\.line) == [3])
        #expect(failure.issues[0].message.contains("CSV UTF-8"))
    }

    @Test("UTF-16 without a byte order mark is refused with the advice")
    func utf16WithoutMark() throws {
        let bytes = Array("id,name\n".utf16).flatMap { unit -> [UInt8] in
            [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let failure = try #require(throws: ImportFailure.self) {
            try TextEncoding.utf8(bytes, file: "f.csv")
        }
        #expect(failure.issues[0].message.contains("without a byte order mark"))
    }

    @Test(
        "the first byte that is not UTF-8 is found",
        arguments: [
            ([0x61, 0x62], nil), ([0x61, 0xE9, 0x62], 1), ([0xC3, 0xA9, 0xFF], 2),
            ([0xE0, 0x80, 0x80], 0), ([0xED, 0xA0, 0x80], 0), ([0xF0, 0x9F, 0x98, 0x80], nil),
            ([0x61, 0xF0, 0x9F, 0x98], 1), ([0xC0, 0xAF], 0),
        ] as [([UInt8], Int?)])
    func firstNonUTF8(bytes: [UInt8], expected: Int?) {
        #expect(TextEncoding.firstNonUTF8Byte(in: bytes[...]) == expected)
        #expect((String(validating: bytes, as: UTF8.self) == nil) == (expected != nil))
    }

    @Test("a field that is not UTF-8 is refused naming its line and byte")
    func notUTF8Field() throws {
        let bytes: [UInt8] = Array("id,name\nS1,\"Ren".utf8) + [0xE9] + Array("e\"\n".utf8)
        var reader = CSVReader(bytes: bytes)
        var fields: [String] = []
        _ = try reader.nextRecord(into: &fields)
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try reader.nextRecord(into: &fields)
        }
        #expect(error.line == 2)
        #expect(error.message.contains("byte 0xE9 (byte 8 of the line, 16 of the file)"))
        #expect(error.message.contains("CSV UTF-8"))
    }
}
