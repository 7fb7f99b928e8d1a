import Foundation

/// One record read from an import file: its place in the file, its original text (for a rejects
/// file) and either its values by column or the issue that kept it from being read.
package struct RawRecord<Column: ImportColumn>: Sendable {
    package var line: Int
    /// The original fields (CSV), cells (a sheet) or line (JSON Lines, one element).
    package var original: [String]
    package var row: Result<ImportRow<Column>, ImportIssue>
}

/// A record from ``RecordReader/next(tryingFirst:)``.
package enum ReadRecord<Column: ImportColumn, Plain> {
    /// A CSV record taken straight from its bytes: its 1-based line, and where it lies in the
    /// file (for ``RecordReader/originalFields(at:)``).
    case plain(Plain, line: Int, bytes: Range<Int>)
    /// A record decoded into text.
    case decoded(RawRecord<Column>)
}

/// Reads the records of an import file in CSV or JSON Lines, or of a spreadsheet's sheet, for
/// one kind of columns.
///
/// A CSV header with unknown or missing columns, or a CSV syntax error, stops reading (the file
/// cannot be read reliably past it) and throws ``ImportFailure``; a record with the wrong number of
/// fields or a JSON line that does not parse is returned as a failed ``RawRecord`` and reading goes on.
package struct RecordReader<Column: ImportColumn>: Sendable {
    private enum Source: Sendable {
        case csv(CSVReader, ImportHeader<Column>)
        case jsonl(bytes: [UInt8], position: Int, line: Int)
        /// A sheet's rows, the first its header; `next` is the index of the next row to read.
        case sheet(SheetRows, next: Int, ImportHeader<Column>)
    }

    package let file: String
    package let format: ImportFormat
    /// The CSV or sheet header as written, or `nil` for JSON Lines.
    package let header: [String]?
    /// The delimiter of a CSV file (given, or ``CSVDelimiter/detected(inHeaderOf:)``), or `nil`
    /// for JSON Lines.
    package let delimiter: CSVDelimiter?
    private var source: Source
    private var fields: [String] = []
    private var spans: [CSVFieldSpan] = []

    /// Whether unknown CSV columns and JSON keys are read past instead of refused.
    package let ignoresUnknownColumns: Bool

    /// Opens the UTF-8 `bytes` read from `file` (used in messages); a CSV file's fields are
    /// separated by `delimiter`, or by the one its header shows when `nil`.
    package init(
        bytes: [UInt8], format: ImportFormat, file: String, delimiter: CSVDelimiter? = nil,
        ignoringUnknownColumns: Bool = false
    ) throws(ImportFailure) {
        self.file = file
        self.format = format
        ignoresUnknownColumns = ignoringUnknownColumns
        switch format {
        case .csv:
            let delimiter = delimiter ?? CSVDelimiter.detected(inHeaderOf: bytes)
            self.delimiter = delimiter
            var reader = CSVReader(bytes: bytes, delimiter: delimiter)
            var names: [String] = []
            let hasHeader: Bool
            do {
                hasHeader = try reader.nextRecord(into: &names)
            } catch {
                throw ImportFailure(issues: [
                    ImportIssue(file: file, line: error.line, message: error.message)
                ])
            }
            guard hasHeader else {
                throw ImportFailure(issues: [
                    ImportIssue(
                        file: file, line: 1, message: "the file is empty (a header row is required)"
                    )
                ])
            }
            header = names
            source = .csv(
                reader,
                try ImportHeader(
                    names: names, file: file, line: reader.recordLine,
                    ignoringUnknown: ignoringUnknownColumns))
        case .xlsx:
            throw ImportFailure(issues: [
                ImportIssue(
                    file: file, line: 1,
                    message: "a workbook is read one sheet at a time (RecordReader(sheet:file:))")
            ])
        case .jsonl:
            header = nil
            self.delimiter = nil
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            source = .jsonl(bytes: bytes, position: start, line: 0)
        }
    }

    /// Opens the rows of a sheet, the first its header row; `file` names the sheet in messages
    /// (`staff.xlsx:Sheet1`), and a record's line is its row number.
    package init(sheet: SheetRows, file: String, ignoringUnknownColumns: Bool = false)
        throws(ImportFailure)
    {
        self.file = file
        format = .xlsx
        delimiter = nil
        ignoresUnknownColumns = ignoringUnknownColumns
        guard sheet.count > 0 else {
            throw ImportFailure(issues: [
                ImportIssue(
                    file: file, line: 1, message: "the sheet is empty (a header row is required)")
            ])
        }
        let names = sheet.cells(ofRowAt: 0)
        header = names
        source = .sheet(
            sheet, next: 1,
            try ImportHeader(
                names: names, file: file, line: sheet.number(ofRowAt: 0),
                ignoringUnknown: ignoringUnknownColumns))
    }

    /// The next record, or `nil` at the end of the file.
    package mutating func next() throws(ImportFailure) -> RawRecord<Column>? {
        let record = try next(tryingFirst: { _, _ -> Never? in nil })
        guard case .decoded(let raw) = record else { return nil }
        return raw
    }

    /// The next record, or `nil` at the end of the file. A CSV record is first offered to
    /// `plain` as its fields' places in the file's bytes; what `plain` returns is passed on
    /// as it is, and only a record it declines (`nil`) is decoded into a ``RawRecord``.
    package mutating func next<Plain>(
        tryingFirst plain: ([CSVFieldSpan], FileBytes) -> Plain?
    ) throws(ImportFailure) -> ReadRecord<Column, Plain>? {
        switch source {
        case .csv(var reader, let header):
            defer { source = .csv(reader, header) }
            do {
                guard try reader.nextRecord(spans: &spans) else { return nil }
                let line = reader.recordLine
                if let record = FileBytes.with(reader.input, { plain(spans, $0) }) {
                    return .plain(record, line: line, bytes: reader.recordStart..<reader.bytesRead)
                }
                fields.removeAll(keepingCapacity: true)
                for span in spans { fields.append(try reader.text(of: span)) }
                return .decoded(
                    RawRecord(
                        line: line, original: fields,
                        row: header.row(from: fields, line: line, file: file)))
            } catch {
                throw ImportFailure(issues: [
                    ImportIssue(file: file, line: error.line, message: error.message)
                ])
            }
        case .jsonl(let bytes, var position, var line):
            var record: RawRecord<Column>?
            while record == nil, position < bytes.count {
                line += 1
                let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
                var text = bytes[position..<end]
                position = end + 1
                if text.last == 0x0D { text = text.dropLast() }
                guard text.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
                if let offset = TextEncoding.firstNonUTF8Byte(in: text) {
                    // A file in another encoding: no line of it can be trusted.
                    throw ImportFailure(issues: [
                        ImportIssue(
                            file: file, line: line,
                            message: TextEncoding.notUTF8Message(
                                byte: bytes[offset], column: offset - text.startIndex + 1,
                                fileOffset: offset))
                    ])
                }
                record = jsonRecord(text, line: line)
            }
            source = .jsonl(bytes: bytes, position: position, line: line)
            return record.map { .decoded($0) }
        case .sheet(let sheet, let next, let header):
            guard next < sheet.count else { return nil }
            source = .sheet(sheet, next: next + 1, header)
            let line = sheet.number(ofRowAt: next)
            var cells = sheet.cells(ofRowAt: next)
            // Cells left blank at the end of a row are not stored; past the header's last
            // column, they are not fields either.
            if cells.count < header.fieldCount {
                cells += repeatElement("", count: header.fieldCount - cells.count)
            }
            while cells.count > header.fieldCount, cells.last == "" { cells.removeLast() }
            return .decoded(
                RawRecord(
                    line: line, original: cells,
                    row: header.row(from: cells, line: line, file: file)))
        }
    }

    /// The fields of the CSV record that lay at `bytes` (from a ``ReadRecord/plain(_:line:bytes:)``),
    /// decoded, for a rejects file.
    package func originalFields(at bytes: Range<Int>) -> [String] {
        guard case .csv(let reader, _) = source else { return [] }
        var record = CSVReader(bytes: Array(reader.input[bytes]), delimiter: delimiter ?? .comma)
        var fields: [String] = []
        _ = try? record.nextRecord(into: &fields)
        return fields
    }

    /// The CSV header mapped onto columns, or `nil` for JSON Lines and sheets.
    package var csvHeader: ImportHeader<Column>? {
        guard case .csv(_, let header) = source else { return nil }
        return header
    }

    /// The header of a CSV file or sheet mapped onto columns, or `nil` for JSON Lines.
    package var columnHeader: ImportHeader<Column>? {
        if case .sheet(_, _, let header) = source { return header }
        return csvHeader
    }

    /// How far reading has got, in bytes (in rows, for a sheet), for progress reports.
    package var bytesRead: Int {
        switch source {
        case .csv(let reader, _): reader.bytesRead
        case .jsonl(_, let position, _): position
        case .sheet(_, let next, _): next
        }
    }

    private func jsonRecord(_ text: ArraySlice<UInt8>, line: Int) -> RawRecord<Column> {
        let original = [String(decoding: text, as: UTF8.self)]
        func failure(_ message: String, field: String? = nil) -> RawRecord<Column> {
            RawRecord(
                line: line, original: original,
                row: .failure(ImportIssue(file: file, line: line, field: field, message: message)))
        }
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(text))
        } catch {
            return failure("not a JSON object on one line")
        }
        var row = ImportRow<Column>(line: line, columnCount: Column.allCases.count)
        var given = Set<Column>()
        for key in object.keys.sorted() {
            guard let column = Column.named(key) else {
                if ignoresUnknownColumns || ImportHeader<Column>.rejectsColumns.contains(key) {
                    continue
                }
                let known = Column.allCases.map(\.name).joined(separator: ", ")
                // A line about a person may hold a name where a key belongs.
                let which =
                    Column.holdsPersonalData
                    ? "an unknown key (not shown: staff files hold personal data)"
                    : "unknown key \(key.quotedForMessage())"
                return failure(
                    "\(which) (known keys: \(known); --ignore-unknown-columns reads past it)")
            }
            if !given.insert(column).inserted {
                return failure("key \(key.quotedForMessage()) repeats column '\(column.name)'")
            }
            switch object[key]!.fieldText() {
            case .success(let text): row[column] = text
            case .failure(let error): return failure(error.message, field: key)
            }
        }
        row.givenColumns = given
        return RawRecord(line: line, original: original, row: .success(row))
    }
}
