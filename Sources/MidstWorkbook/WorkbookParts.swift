import Foundation
import XMLCoder

/// The parts of an Office Open XML workbook that say where its sheets are and how their cells
/// are formatted, as XMLCoder decodes them. Only what Midst reads is declared; the rest of each
/// part is passed over.
enum WorkbookParts {
    /// `xl/workbook.xml`: the sheets in tab order, and the date system.
    struct Workbook: Decodable {
        var workbookPr: Properties?
        var sheets: Sheets

        struct Properties: Decodable {
            var date1904: String?
        }
        struct Sheets: Decodable {
            var sheet: [Sheet]
        }
        struct Sheet: Decodable {
            var name: String
            /// The relationship (in `xl/_rels/workbook.xml.rels`) naming the sheet's part.
            var relationship: String

            enum CodingKeys: String, CodingKey {
                case name
                case relationship = "r:id"
            }
        }

        /// Whether dates count from 1904 rather than 1900 (``ExcelDate``).
        var is1904: Bool { ["1", "true"].contains(workbookPr?.date1904 ?? "") }
    }

    /// A `.rels` part: the targets of a part's relationships.
    struct Relationships: Decodable {
        var relationship: [Relationship]

        /// Read here and written by ``WritablePart/Relationships``.
        struct Relationship: Codable, XMLAttributes {
            var id: String
            var type: String
            var target: String

            enum CodingKeys: String, CodingKey {
                case id = "Id"
                case type = "Type"
                case target = "Target"
            }
        }

        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            relationship =
                try container.decodeIfPresent([Relationship].self, forKey: .relationship) ?? []
        }
    }

    /// `xl/styles.xml`: the number format of each cell style (a cell's `s`).
    struct Styles: Decodable {
        var numFmts: NumberFormats?
        var cellXfs: CellFormats?

        struct NumberFormats: Decodable {
            var numFmt: [NumberFormat]?
        }
        struct NumberFormat: Decodable {
            var numFmtId: Int
            var formatCode: String
        }
        struct CellFormats: Decodable {
            var xf: [CellFormat]?
        }
        struct CellFormat: Decodable {
            var numFmtId: Int?
        }

        /// For each cell style, whether it shows a number as a date or time.
        var dateStyles: [Bool] {
            var custom: [Int: String] = [:]
            for format in numFmts?.numFmt ?? [] { custom[format.numFmtId] = format.formatCode }
            return (cellXfs?.xf ?? []).map { style in
                let id = style.numFmtId ?? 0
                if let code = custom[id] { return ExcelDate.isDateFormat(code) }
                return Self.builtInDateFormats.contains(id)
            }
        }

        /// The built-in number formats that show dates and times (ECMA-376 part 1, 18.8.30,
        /// and the East Asian ones Excel adds).
        static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47)
            .union(50...58)
    }

    static func decode<Part: Decodable>(_ type: Part.Type, from data: [UInt8]) throws -> Part {
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = false
        return try decoder.decode(type, from: Data(data))
    }
}
