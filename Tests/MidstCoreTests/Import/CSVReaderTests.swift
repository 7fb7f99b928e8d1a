import MidstCore
import Testing

/// A record as the reader returned it, with the line it started on.
private struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var description: String { "\(line): \(fields)" }
}

/// Reads every record of `bytes`, reusing one fields array as callers do.
private func read(_ bytes: [UInt8], skipsCommentLines: Bool = false) throws(CSVReader.SyntaxError)
    -> [Record]
{
    var reader = CSVReader(bytes: bytes, skipsCommentLines: skipsCommentLines)
    var fields: [String] = []
    var records: [Record] = []
    while try reader.nextRecord(into: &fields) {
        records.append(Record(line: reader.recordLine, fields: fields))
    }
    return records
}

private func read(_ text: String, skipsCommentLines: Bool = false) throws(CSVReader.SyntaxError)
    -> [Record]
{
    try read(Array(text.utf8), skipsCommentLines: skipsCommentLines)
}

/// The fields of every record, without line numbers.
private func fields(_ text: String) throws -> [[String]] {
    try read(text).map(\.fields)
}

@Suite("Reading CSV")
struct CSVReaderTests {
    // MARK: Fields

    @Test("a quoted field keeps its embedded commas")
    func embeddedCommas() throws {
        #expect(try fields("a,\"b, c,d\",e\n") == [["a", "b, c,d", "e"]])
    }

    @Test("a quoted field keeps an embedded LF and the record goes on after it")
    func embeddedLineFeed() throws {
        #expect(
            try fields("\"line one\nline two\",x\nnext,y\n") == [
                ["line one\nline two", "x"], ["next", "y"],
            ])
    }

    @Test("a quoted field keeps an embedded CRLF as written")
    func embeddedCarriageReturnLineFeed() throws {
        #expect(
            try fields("\"one\r\ntwo\",x\r\nnext,y\r\n") == [["one\r\ntwo", "x"], ["next", "y"]])
    }

    @Test("a doubled quote inside quotes is one quote")
    func doubledQuotes() throws {
        #expect(try fields("\"she said \"\"hi\"\"\",\"\"\"\"\n") == [["she said \"hi\"", "\""]])
    }

    @Test("empty fields, quoted or not, are empty strings")
    func emptyFields() throws {
        #expect(try fields("a,,c\n,,\n\"\",x\n") == [["a", "", "c"], ["", "", ""], ["", "x"]])
    }

    @Test(
        "a trailing comma gives one more empty field",
        arguments: ["a,b,\nc,d,e\n", "a,b,\r\nc,d,e", "a,b,\nc,d,e"])
    func trailingComma(text: String) throws {
        #expect(try fields(text) == [["a", "b", ""], ["c", "d", "e"]])
    }

    @Test("a trailing comma at the very end of the input gives one more empty field")
    func trailingCommaAtEnd() throws {
        #expect(try fields("a,b,") == [["a", "b", ""]])
    }

    @Test("CRLF line ends leave no carriage return in the fields")
    func carriageReturnLineFeed() throws {
        #expect(
            try fields("a,b\r\nc,d\r\n\"e\",\"f\"\r\n") == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test("the last record needs no line end")
    func noFinalLineEnd() throws {
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test("spaces around unquoted fields are kept")
    func spacesKept() throws {
        #expect(try fields(" a , b \n") == [[" a ", " b "]])
    }

    @Test("a leading UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let records = try read([0xEF, 0xBB, 0xBF] + Array("id,name\nS1,Zoë\n".utf8))
        #expect(
            records == [
                Record(line: 1, fields: ["id", "name"]), Record(line: 2, fields: ["S1", "Zoë"]),
            ])
    }

    @Test("empty input has no records", arguments: ["", "\n", "\n\r\n\n", "\u{FEFF}"])
    func emptyInput(text: String) throws {
        #expect(try read(text) == [])
    }

    @Test("non-ASCII text is decoded, quoted or not")
    func nonASCII() throws {
        let text = "Zoë,Nguyễn Văn An,\"Okafor-Ézé, Ngozi\",北京\n"
        #expect(try fields(text) == [["Zoë", "Nguyễn Văn An", "Okafor-Ézé, Ngozi", "北京"]])
    }

    // MARK: Lines

    @Test("blank lines, LF or CRLF, are skipped and still counted")
    func blankLines() throws {
        let records = try read("\na,b\n\n\r\nc,d\n\n")
        #expect(
            records == [Record(line: 2, fields: ["a", "b"]), Record(line: 5, fields: ["c", "d"])])
    }

    @Test("record lines stay right after multi-line quoted fields")
    func linesAfterMultilineFields() throws {
        let text = "h1,h2\n\"a\nb\nc\",x\nnext,y\n\"p\r\nq\",z\r\nlast,w"
        let records = try read(text)
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
        #expect(
            records.map(\.fields) == [
                ["h1", "h2"], ["a\nb\nc", "x"], ["next", "y"], ["p\r\nq", "z"], ["last", "w"],
            ])
    }

    @Test("bytesRead reaches the input size at the end")
    func bytesRead() throws {
        let bytes = Array("a,b\n\"c\nd\",e\n".utf8)
        var reader = CSVReader(bytes: bytes)
        var fields: [String] = []
        #expect(try reader.nextRecord(into: &fields))
        #expect(reader.bytesRead == 4)
        while try reader.nextRecord(into: &fields) {}
        #expect(reader.bytesRead == bytes.count)
    }

    // MARK: Comment lines

    @Test("with skipsCommentLines, lines starting with # are skipped and counted")
    func commentLinesSkipped() throws {
        let text = "# source: CLDR, v41\ncode,name\r\n# another, comment\r\nen,English\n#last"
        let records = try read(text, skipsCommentLines: true)
        #expect(
            records == [
                Record(line: 2, fields: ["code", "name"]),
                Record(line: 4, fields: ["en", "English"]),
            ])
    }

    @Test("without skipsCommentLines, a # line is an ordinary record")
    func commentLinesReadByDefault() throws {
        #expect(try fields("# note, here\ncode\n") == [["# note", " here"], ["code"]])
    }

    @Test("a # inside a field or a quoted continuation line is not a comment")
    func hashInsideRecords() throws {
        let records = try read("a,#b\n\"x\n# not a comment\",y\n", skipsCommentLines: true)
        #expect(
            records == [
                Record(line: 1, fields: ["a", "#b"]),
                Record(line: 2, fields: ["x\n# not a comment", "y"]),
            ])
    }

    // MARK: Errors

    @Test("an unterminated quote is reported on the line where the quote opened")
    func unterminatedQuote() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try read("id,name\n\"x\ny\",1\n2,\"Zoë\n3,Bob\n4,Ann\n")
        }
        #expect(error.line == 4)
        #expect(error.message.contains("never closed"))
    }

    @Test("a quote inside an unquoted field is an error on its line")
    func quoteInUnquotedField() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try read("a,b\nc,d\ne,f\"g\n")
        }
        #expect(error.line == 3)
        #expect(error.message.contains("quote inside an unquoted field"))
    }

    @Test(
        "text after a closing quote is an error",
        arguments: ["\"abc\"x,1\n", "\"abc\" ,1\n", "1,\"abc\"def"])
    func textAfterClosingQuote(text: String) throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) { try read(text) }
        #expect(error.line == 1)
        #expect(error.message.contains("after the closing quote"))
    }

    @Test(
        "text after the closing quote of a multi-line field is reported on the closing quote's line"
    )
    func textAfterMultilineClosingQuote() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try read("a\n\"multi\nline\"junk\n")
        }
        #expect(error.line == 3)
    }

    @Test(
        "invalid UTF-8 is an error on its line",
        arguments: [
            Array("a,b\nc,".utf8) + [0xFF, 0xFE] + Array("\n".utf8),
            Array("a,b\n\"".utf8) + [0xC3, 0x28] + Array("\",x\n".utf8),
            Array("a,b\nZo".utf8) + [0xC3],
        ])
    func invalidUTF8(bytes: [UInt8]) throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) { try read(bytes) }
        #expect(error.line == 2)
        #expect(error.message.contains("UTF-8"))
    }
}

@Suite("Writing CSV")
struct CSVWriterTests {
    @Test(
        "escape quotes only the fields that need it",
        arguments: [
            ("plain", "plain"),
            ("", ""),
            (" spaced ", " spaced "),
            ("Zoë Nguyễn", "Zoë Nguyễn"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("crlf\r\nhere", "\"crlf\r\nhere\""),
        ])
    func escape(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test("line joins escaped fields with commas and ends in a newline")
    func line() {
        #expect(CSVWriter.line(["a", "b,c", "", "d\"e"]) == "a,\"b,c\",,\"d\"\"e\"\n")
    }

    @Test(
        "written records read back unchanged",
        arguments: [
            ["plain", "with,comma", "with \"quotes\"", "\"", ","],
            ["multi\nline", "crlf\r\ninside", "lone\rcr", "trailing\n"],
            ["", "", ""],
            ["", "last"],
            [" spaced ", "\ttab", "Nguyễn Văn An", "Zoë, \"Z\"", "#hash"],
        ])
    func roundTrip(record: [String]) throws {
        let text = CSVWriter.line(record) + CSVWriter.line(["after"])
        #expect(try fields(text) == [record, ["after"]])
    }
}
