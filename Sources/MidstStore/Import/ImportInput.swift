import MidstCore
import MidstWorkbook

/// An import file opened once: its text as UTF-8 bytes (CSV, JSON Lines; a UTF-16 file is
/// transcoded) or, for a workbook, the rows of the sheet asked for (``ImportOptions/sheet``), whose name then joins the file's in messages
/// (`staff.xlsx:Sheet1:12: …`).
struct ImportInput {
    let bytes: [UInt8]
    let sheet: SheetRows?
    /// The encoding the file's text was in (UTF-8 for a workbook).
    let encoding: TextEncoding
    /// The options, with the sheet's name in ``ImportOptions/fileName``.
    let options: ImportOptions

    init(_ bytes: [UInt8], options: ImportOptions) throws {
        var options = options
        if options.format == .xlsx {
            let sheet = try WorkbookReader(bytes: bytes, path: options.fileName)
                .rows(ofSheet: options.sheet)
            options.fileName += ":\(sheet.name)"
            self.sheet = sheet
            self.bytes = []
            encoding = .utf8
        } else {
            sheet = nil
            (self.bytes, encoding) = try TextEncoding.utf8(bytes, file: options.fileName)
        }
        self.options = options
    }

    /// A reader of the records, from the start.
    func reader<Column: ImportColumn>(_ column: Column.Type) throws(ImportFailure)
        -> RecordReader<Column>
    {
        if let sheet {
            return try RecordReader(
                sheet: sheet, file: options.fileName,
                ignoringUnknownColumns: options.ignoresUnknownColumns)
        }
        return try RecordReader(
            bytes: bytes, format: options.format, file: options.fileName,
            delimiter: options.delimiter, ignoringUnknownColumns: options.ignoresUnknownColumns)
    }

    /// The input's size in the units of ``RecordReader/bytesRead``: bytes, or a sheet's rows.
    var progressTotal: Int { sheet?.count ?? bytes.count }

    /// The size of the text to import, in bytes.
    var textBytes: Int { sheet?.byteCount ?? bytes.count }
}
