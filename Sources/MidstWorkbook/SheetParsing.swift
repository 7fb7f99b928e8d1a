import Foundation
import MidstCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a worksheet part's XML into ``SheetRows``, with Foundation's streaming parser (a sheet
/// of a million rows would be a tree of tens of millions of nodes in XMLCoder).
///
/// Each cell becomes the text an import reads: shared and inline strings as written, `true` or
/// `false` for a boolean, a number in a date or time format as a date (``ExcelDate``), any
/// other number as written (a whole number without `.0`), a formula's cached result, and an
/// error (`#N/A`) as its text. Rows and cells may be sparse: a row's number and a cell's column
/// are taken from their `r` references when given.
final class SheetParsing: NSObject, XMLParserDelegate {
    private let sharedStrings: SharedStrings
    private let dateStyles: [Bool]
    private let is1904: Bool
    private(set) var rows: SheetRows
    /// The first problem found, which stops the parse.
    private(set) var problem: String?

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var cellType = "n"
    private var cellStyle = 0
    private var cellReference = ""
    private var value = ""
    private var isInValue = false

    init(name: String, sharedStrings: SharedStrings, dateStyles: [Bool], is1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.is1904 = is1904
        rows = SheetRows(name: name)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = 0
        case "c":
            cellReference = attributes["r"] ?? ""
            if let index = Self.columnIndex(of: cellReference) { column = index }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            isInValue = true
        default: break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        switch elementName {
        case "v", "t":
            isInValue = false
        case "c":
            guard let text = cellText() else {
                parser.abortParsing()
                return
            }
            if !text.isEmpty {
                if cells.count < column { cells += repeatElement("", count: column - cells.count) }
                if cells.count == column { cells.append(text) } else { cells[column] = text }
            }
            column += 1
        case "row":
            if !cells.isEmpty { rows.append(row: rowNumber, cells: cells) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if isInValue { value += string }
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        if isInValue { value += whitespaceString }
    }

    /// The text of the cell just read, or `nil` (with ``problem`` set) when it cannot be read.
    private func cellText() -> String? {
        switch cellType {
        case "s":
            guard let index = Int(value), let text = sharedStrings[index] else {
                problem =
                    "row \(rowNumber): cell \(cellReference) refers to shared string \(value), which the workbook does not have"
                return nil
            }
            return text
        case "b":
            return value == "1" ? "true" : value == "0" ? "false" : value
        case "d":
            // An ISO 8601 date cell: a whole day without its midnight.
            for midnight in ["T00:00:00Z", "T00:00:00", "T00:00:00.000Z", "T00:00:00.000"]
            where value.hasSuffix(midnight) {
                return String(value.dropLast(midnight.count))
            }
            return value
        case "n":
            guard let number = Double(value) else { return value }
            if cellStyle < dateStyles.count, dateStyles[cellStyle] {
                return ExcelDate.text(serial: number, written: value, is1904: is1904)
            }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return value
        default:
            // Inline strings, formula strings (`str`) and errors (`e`), as written.
            return value
        }
    }

    /// The 0-based column of a cell reference (`C12` is 2), or `nil` when it has none.
    static func columnIndex(of reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= 0x41, byte <= 0x5A || (byte >= 0x61 && byte <= 0x7A) else { break }
            index = index * 26 + Int(byte & 0x1F)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
