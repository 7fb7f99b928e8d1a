import Foundation
import MidstCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An Excel workbook (`.xlsx`) opened for reading its sheets' cells as text.
///
/// The zip container is read with ZIPFoundation, the small parts (workbook, relationships,
/// styles) with XMLCoder, and the sheet and shared strings, which grow with the data, with
/// Foundation's streaming XML parser.
public struct WorkbookReader {
    /// The path, as given, for messages.
    public let path: String
    /// The sheets' names, in tab order.
    public let sheetNames: [String]
    private let archive: Archive
    /// Each sheet's part, in tab order.
    private let sheetParts: [String]
    private let is1904: Bool
    private let dateStyles: [Bool]

    /// Opens the workbook at `path` and reads its list of sheets and its styles.
    public init(path: String) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw WorkbookError.notAWorkbook(path: path, reason: "it is not a zip archive")
        }
        try self.init(archive: archive, path: path)
    }

    /// Opens the workbook held in `bytes` (read from `path`, named in messages).
    public init(bytes: [UInt8], path: String) throws {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw WorkbookError.notAWorkbook(path: path, reason: "it is not a zip archive")
        }
        try self.init(archive: archive, path: path)
    }

    private init(archive: Archive, path: String) throws {
        self.path = path
        self.archive = archive
        let workbookPart = try Self.officeDocument(in: archive, path: path)
        let workbook = try Self.decode(
            WorkbookParts.Workbook.self, part: workbookPart, in: archive, path: path)
        let relationships = try Self.decode(
            WorkbookParts.Relationships.self, part: Self.relationships(of: workbookPart),
            in: archive, path: path)
        var targets: [String: String] = [:]
        for relationship in relationships.relationship {
            targets[relationship.id] = Self.resolve(relationship.target, from: workbookPart)
        }
        sheetNames = workbook.sheets.sheet.map(\.name)
        sheetParts = try workbook.sheets.sheet.map { sheet in
            guard let part = targets[sheet.relationship] else {
                throw WorkbookError.damaged(
                    path: path, part: Self.relationships(of: workbookPart),
                    reason: "no relationship \(sheet.relationship) for sheet '\(sheet.name)'")
            }
            return part
        }
        is1904 = workbook.is1904
        let stylesPart = relationships.relationship.first { $0.type.hasSuffix("/styles") }
            .map { Self.resolve($0.target, from: workbookPart) }
        let archive = archive
        dateStyles =
            try stylesPart.map {
                try Self.decode(WorkbookParts.Styles.self, part: $0, in: archive, path: path)
                    .dateStyles
            } ?? []
        sharedStringsPart = relationships.relationship.first {
            $0.type.hasSuffix("/sharedStrings")
        }.map { Self.resolve($0.target, from: workbookPart) }
    }

    private let sharedStringsPart: String?

    /// The rows of the sheet called `name` (by default the first), each cell as the text an
    /// import reads (see ``SheetParsing``).
    package func rows(ofSheet name: String? = nil) throws -> SheetRows {
        guard
            let index = name.map({ sheetNames.firstIndex(of: $0) })
                ?? (sheetNames.isEmpty ? nil : 0)
        else {
            throw WorkbookError.noSuchSheet(path: path, name: name ?? "", sheets: sheetNames)
        }
        let sharedStrings =
            try sharedStringsPart.map { part in
                try Self.parsing(part, in: archive, path: path) { try SharedStrings(xml: $0) }
            } ?? SharedStrings()
        let parsing = SheetParsing(
            name: sheetNames[index], sharedStrings: sharedStrings, dateStyles: dateStyles,
            is1904: is1904)
        try Self.parsing(sheetParts[index], in: archive, path: path) { xml in
            // Fed in pieces: libxml2 refuses one input of more than 10 MB (a sheet of about
            // 10,000 rows) as "huge input lookup".
            let parser = XMLParser(stream: InputStream(data: xml))
            parser.shouldProcessNamespaces = true
            parser.delegate = parsing
            guard parser.parse() else {
                throw parsing.problem.map {
                    WorkbookError.damaged(path: path, part: sheetParts[index], reason: $0)
                }
                    ?? parser.parserError ?? CocoaError(.fileReadCorruptFile)
            }
        }
        return parsing.rows
    }

    /// The first row of the first sheet of the workbook at `path`, or `nil` when it cannot be
    /// read (to recognise a file Midst wrote before replacing it).
    public static func headerRow(atPath path: String) -> [String]? {
        guard let rows = try? WorkbookReader(path: path).rows(), rows.count > 0 else { return nil }
        return rows.cells(ofRowAt: 0)
    }

    /// The workbook part the package's relationships name (usually `xl/workbook.xml`).
    private static func officeDocument(in archive: Archive, path: String) throws -> String {
        guard archive["_rels/.rels"] != nil else {
            throw WorkbookError.notAWorkbook(path: path, reason: "it has no _rels/.rels part")
        }
        let relationships = try decode(
            WorkbookParts.Relationships.self, part: "_rels/.rels", in: archive, path: path)
        guard
            let document = relationships.relationship.first(where: {
                $0.type.hasSuffix("/officeDocument")
            })
        else {
            throw WorkbookError.notAWorkbook(path: path, reason: "it names no workbook part")
        }
        return resolve(document.target, from: "")
    }

    /// The relationships part of `part` (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`).
    private static func relationships(of part: String) -> String {
        let folder = (part as NSString).deletingLastPathComponent
        let name = (part as NSString).lastPathComponent
        return folder.isEmpty ? "_rels/\(name).rels" : "\(folder)/_rels/\(name).rels"
    }

    /// A relationship's target as a part name: absolute (`/xl/…`) or relative to `source`'s folder.
    private static func resolve(_ target: String, from source: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        let folder = (source as NSString).deletingLastPathComponent
        var components = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." {
                _ = components.popLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    private static func decode<Part: Decodable>(
        _ type: Part.Type, part: String, in archive: Archive, path: String
    ) throws -> Part {
        try parsing(part, in: archive, path: path) { data in
            try WorkbookParts.decode(type, from: [UInt8](data))
        }
    }

    /// Calls `body` with the part's uncompressed XML; any failure names the part.
    @discardableResult
    private static func parsing<Result>(
        _ part: String, in archive: Archive, path: String, _ body: (Data) throws -> Result
    ) throws -> Result {
        guard let entry = archive[part] else {
            throw WorkbookError.damaged(path: path, part: part, reason: "it is missing")
        }
        var data = Data(capacity: Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return try body(data)
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError.damaged(path: path, part: part, reason: "\(error)")
        }
    }
}
