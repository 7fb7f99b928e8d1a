import Foundation
import MidstCore
import ZIPFoundation

/// Writes a table as a one-sheet Excel workbook (`.xlsx`): a bold header row kept in view
/// (frozen) with a filter, typed cells (numbers as numbers with their decimals, days as dates
/// shown `yyyy-mm-dd`, text as text, never as a formula), and columns as wide as their contents
/// (within 8 to 60 characters).
///
/// The parts are encoded with XMLCoder and zipped (deflated) with ZIPFoundation, all in memory:
/// the caller writes the bytes whole (``OwnerOnlyFile``) or to a pipe.
public enum WorkbookWriter {
    /// The workbook's bytes: `header` over `rows`, on a sheet called `sheet`.
    public static func workbook(
        sheet: String, header: [String], rows: [[WorkbookCell]]
    ) throws -> [UInt8] {
        var styles = StyleTable()
        let worksheet = self.worksheet(header: header, rows: rows, styles: &styles)
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, Data)] = [
            (
                "[Content_Types].xml",
                try WritablePart.encoded(
                    contentTypes, root: "Types",
                    namespaces: [
                        "xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"
                    ])
            ),
            (
                "_rels/.rels",
                try WritablePart.encoded(
                    WritablePart.Relationships(relationships: [
                        .init(id: "rId1", type: officeDocument, target: "xl/workbook.xml")
                    ]), root: "Relationships",
                    namespaces: ["xmlns": WritablePart.packageRelationshipNamespace])
            ),
            (
                "xl/workbook.xml",
                try WritablePart.encoded(
                    WritablePart.Workbook(sheets: .init(sheet: .init(name: sheet))),
                    root: "workbook",
                    namespaces: [
                        "xmlns": WritablePart.mainNamespace,
                        "xmlns:r": WritablePart.relationshipNamespace,
                    ])
            ),
            (
                "xl/_rels/workbook.xml.rels",
                try WritablePart.encoded(
                    WritablePart.Relationships(relationships: [
                        .init(
                            id: "rId1", type: relationshipType("worksheet"),
                            target: "worksheets/sheet1.xml"),
                        .init(id: "rId2", type: relationshipType("styles"), target: "styles.xml"),
                    ]), root: "Relationships",
                    namespaces: ["xmlns": WritablePart.packageRelationshipNamespace])
            ),
            (
                "xl/styles.xml",
                try WritablePart.encoded(
                    styles.part, root: "styleSheet",
                    namespaces: ["xmlns": WritablePart.mainNamespace])
            ),
            (
                "xl/worksheets/sheet1.xml",
                try WritablePart.encoded(
                    worksheet, root: "worksheet",
                    namespaces: [
                        "xmlns": WritablePart.mainNamespace,
                        "xmlns:r": WritablePart.relationshipNamespace,
                    ])
            ),
        ]
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            throw WorkbookError.damaged(path: "", part: "the archive", reason: "it was not written")
        }
        return [UInt8](data)
    }

    private static func worksheet(
        header: [String], rows: [[WorkbookCell]], styles: inout StyleTable
    ) -> WritablePart.Worksheet {
        var widths = header.map(\.count)
        var sheetRows: [WritablePart.Worksheet.Row] = []
        sheetRows.reserveCapacity(rows.count + 1)
        sheetRows.append(
            .init(
                r: 1,
                c: header.enumerated().map { column, name in
                    textCell(name, at: reference(column: column, row: 1), style: StyleTable.header)
                }))
        for (index, row) in rows.enumerated() {
            let number = index + 2
            var cells: [WritablePart.Worksheet.Cell] = []
            cells.reserveCapacity(row.count)
            for (column, cell) in row.enumerated() {
                if column < widths.count { widths[column] = max(widths[column], cell.shownWidth) }
                let at = reference(column: column, row: number)
                switch cell {
                case .text(let text): cells.append(textCell(text, at: at, style: nil))
                case .integer(let value):
                    cells.append(.init(r: at, v: String(value)))
                case .number(let value, let decimals):
                    cells.append(
                        .init(
                            r: at, s: styles.style(decimals: decimals),
                            v: value.isFinite ? "\(value)" : nil))
                case .date(let day):
                    cells.append(
                        .init(r: at, s: StyleTable.date, v: String(ExcelDate.serial(of: day))))
                case .empty: break
                }
            }
            sheetRows.append(.init(r: number, c: cells))
        }
        let last = reference(column: max(header.count - 1, 0), row: rows.count + 1)
        return WritablePart.Worksheet(
            dimension: .init(ref: "A1:\(last)"),
            sheetViews: .init(sheetView: .init(pane: .init())),
            cols: header.isEmpty
                ? nil
                : .init(
                    col: widths.enumerated().map { column, width in
                        .init(
                            min: column + 1, max: column + 1,
                            width: Double(min(max(width, 8), 60)) + 2)
                    }),
            sheetData: .init(row: sheetRows),
            autoFilter: header.isEmpty ? nil : .init(ref: "A1:\(last)"))
    }

    /// A text cell held in the cell itself (no shared strings), control characters that XML
    /// cannot carry shown as U+FFFD.
    private static func textCell(_ text: String, at reference: String, style: Int?)
        -> WritablePart.Worksheet.Cell
    {
        var text = text
        if text.unicodeScalars.contains(where: isUnwritable) {
            text = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { isUnwritable($0) ? "\u{FFFD}" : $0 }))
        }
        let keepsSpaces = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        return .init(
            r: reference, s: style, t: "inlineStr",
            is: .init(t: .init(space: keepsSpaces ? "preserve" : nil, value: text)))
    }

    private static func isUnwritable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r"
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// A cell's reference: `A1`, `AB12`.
    package static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(0x41 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return "\(letters)\(row)"
    }

    private static let officeDocument =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

    private static func relationshipType(_ name: String) -> String {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(name)"
    }

    private static let contentTypes = WritablePart.ContentTypes(
        defaults: [
            .init(
                fileExtension: "rels",
                contentType: "application/vnd.openxmlformats-package.relationships+xml"),
            .init(fileExtension: "xml", contentType: "application/xml"),
        ],
        overrides: [
            .init(
                partName: "/xl/workbook.xml",
                contentType:
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            .init(
                partName: "/xl/worksheets/sheet1.xml",
                contentType:
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
            .init(
                partName: "/xl/styles.xml",
                contentType:
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
        ])
}

/// The cell styles a sheet uses: the default, the bold header, the date, and one per number
/// of decimals, made as they are first asked for.
private struct StyleTable {
    static let header = 1
    static let date = 2
    private static let dateFormat = 164
    private var decimals: [Int] = []

    mutating func style(decimals places: Int) -> Int {
        if let index = decimals.firstIndex(of: places) { return 3 + index }
        decimals.append(places)
        return 2 + decimals.count
    }

    var part: WritablePart.Styles {
        typealias Styles = WritablePart.Styles
        let formats =
            [Styles.NumberFormat(numFmtId: Self.dateFormat, formatCode: "yyyy-mm-dd")]
            + decimals.enumerated().map { index, places in
                Styles.NumberFormat(
                    numFmtId: Self.dateFormat + 1 + index,
                    formatCode: places == 0 ? "0" : "0." + String(repeating: "0", count: places))
            }
        let cellFormats =
            [
                Styles.CellFormat(),
                Styles.CellFormat(fontId: 1, applyFont: 1),
                Styles.CellFormat(numFmtId: Self.dateFormat, applyNumberFormat: 1),
            ]
            + decimals.indices.map {
                Styles.CellFormat(numFmtId: Self.dateFormat + 1 + $0, applyNumberFormat: 1)
            }
        return Styles(
            numFmts: .init(count: formats.count, numFmt: formats),
            cellXfs: .init(count: cellFormats.count, xf: cellFormats))
    }
}
