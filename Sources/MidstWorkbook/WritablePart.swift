import Foundation
import XMLCoder

/// The parts of a one-sheet workbook as Midst writes them, as XMLCoder encodes them: which
/// properties are attributes is said by ``XMLAttributes``.
enum WritablePart {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace =
        "http://schemas.openxmlformats.org/package/2006/relationships"

    /// `[Content_Types].xml`.
    struct ContentTypes: Encodable {
        struct Default: Encodable, XMLAttributes {
            var fileExtension: String
            var contentType: String
            enum CodingKeys: String, CodingKey {
                case fileExtension = "Extension"
                case contentType = "ContentType"
            }
        }
        struct Override: Encodable, XMLAttributes {
            var partName: String
            var contentType: String
            enum CodingKeys: String, CodingKey {
                case partName = "PartName"
                case contentType = "ContentType"
            }
        }
        var defaults: [Default]
        var overrides: [Override]
        enum CodingKeys: String, CodingKey {
            case defaults = "Default"
            case overrides = "Override"
        }
    }

    /// A `.rels` part.
    struct Relationships: Encodable {
        /// One relationship, as the reader decodes it.
        typealias Relationship = WorkbookParts.Relationships.Relationship
        var relationships: [Relationship]
        enum CodingKeys: String, CodingKey { case relationships = "Relationship" }
    }

    /// `xl/workbook.xml`: one sheet.
    struct Workbook: Encodable {
        struct Sheets: Encodable {
            var sheet: Sheet
        }
        struct Sheet: Encodable, XMLAttributes {
            var name: String
            var sheetId = 1
            var relationship = "rId1"
            enum CodingKeys: String, CodingKey {
                case name, sheetId
                case relationship = "r:id"
            }
        }
        var sheets: Sheets
    }

    /// `xl/styles.xml`: a bold font for the header, and a style per number format.
    struct Styles: Encodable {
        struct NumberFormats: Encodable, XMLAttributes {
            var count: Int
            var numFmt: [NumberFormat]
            static let elements: Set<String> = ["numFmt"]
        }
        struct NumberFormat: Encodable, XMLAttributes {
            var numFmtId: Int
            var formatCode: String
        }
        struct Fonts: Encodable, XMLAttributes {
            var count = 2
            var font = [Font(b: nil), Font(b: Value(val: 1))]
            static let elements: Set<String> = ["font"]
        }
        struct Font: Encodable {
            var b: Value?
            var sz = Value(val: 11)
            var name = Name(val: "Calibri")
        }
        struct Value: Encodable, XMLAttributes { var val: Int }
        struct Name: Encodable, XMLAttributes { var val: String }
        struct Fills: Encodable, XMLAttributes {
            var count = 2
            var fill = [
                Fill(patternFill: Pattern(patternType: "none")),
                Fill(patternFill: Pattern(patternType: "gray125")),
            ]
            static let elements: Set<String> = ["fill"]
        }
        struct Fill: Encodable { var patternFill: Pattern }
        struct Pattern: Encodable, XMLAttributes { var patternType: String }
        struct Borders: Encodable, XMLAttributes {
            var count = 1
            var border = [Border()]
            static let elements: Set<String> = ["border"]
        }
        struct Border: Encodable {}
        struct CellFormats: Encodable, XMLAttributes {
            var count: Int
            var xf: [CellFormat]
            static let elements: Set<String> = ["xf"]
        }
        struct CellFormat: Encodable, XMLAttributes {
            var numFmtId = 0
            var fontId = 0
            var fillId = 0
            var borderId = 0
            var xfId: Int? = 0
            var applyNumberFormat: Int?
            var applyFont: Int?
        }
        struct CellStyles: Encodable, XMLAttributes {
            var count = 1
            var cellStyle = CellStyle()
            static let elements: Set<String> = ["cellStyle"]
        }
        struct CellStyle: Encodable, XMLAttributes {
            var name = "Normal"
            var xfId = 0
            var builtinId = 0
        }
        var numFmts: NumberFormats
        var fonts = Fonts()
        var fills = Fills()
        var borders = Borders()
        var cellStyleXfs = CellFormats(count: 1, xf: [CellFormat(xfId: nil)])
        var cellXfs: CellFormats
        var cellStyles = CellStyles()
    }

    /// `xl/worksheets/sheet1.xml`.
    struct Worksheet: Encodable {
        struct Dimension: Encodable, XMLAttributes { var ref: String }
        struct SheetViews: Encodable { var sheetView: SheetView }
        struct SheetView: Encodable, XMLAttributes {
            var workbookViewId = 0
            var pane: Pane?
            static let elements: Set<String> = ["pane"]
        }
        /// The header row kept in view as the rest scrolls.
        struct Pane: Encodable, XMLAttributes {
            var ySplit = 1
            var topLeftCell = "A2"
            var activePane = "bottomLeft"
            var state = "frozen"
        }
        struct Columns: Encodable { var col: [Column] }
        struct Column: Encodable, XMLAttributes {
            var min: Int
            var max: Int
            var width: Double
            var customWidth = 1
        }
        struct SheetData: Encodable { var row: [Row] }
        struct Row: Encodable, XMLAttributes {
            var r: Int
            var c: [Cell]
            static let elements: Set<String> = ["c"]
        }
        struct Cell: Encodable, XMLAttributes {
            var r: String
            var s: Int?
            var t: String?
            var v: String?
            var `is`: InlineString?
            static let elements: Set<String> = ["v", "is"]
        }
        struct InlineString: Encodable { var t: Text }
        /// Text, its spaces kept when it begins or ends with one.
        struct Text: Encodable, XMLAttributes {
            var space: String?
            var value: String
            enum CodingKeys: String, CodingKey {
                case space = "xml:space"
                case value = ""
            }
            static let elements: Set<String> = [""]
        }
        struct AutoFilter: Encodable, XMLAttributes { var ref: String }

        var dimension: Dimension
        var sheetViews: SheetViews
        var cols: Columns?
        var sheetData: SheetData
        var autoFilter: AutoFilter?
    }

    /// The part encoded as an XML document with `root` as its root element.
    static func encoded(
        _ part: some Encodable, root: String, namespaces: [String: String]
    ) throws -> Data {
        let encoder = XMLEncoder()
        return try encoder.encode(
            part, withRootKey: root, rootAttributes: namespaces,
            header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))
    }
}

/// A part whose properties are XML attributes, but for those named in ``elements``.
protocol XMLAttributes: DynamicNodeEncoding {
    static var elements: Set<String> { get }
}

extension XMLAttributes {
    static var elements: Set<String> { [] }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        elements.contains(key.stringValue) ? .element : .attribute
    }
}
