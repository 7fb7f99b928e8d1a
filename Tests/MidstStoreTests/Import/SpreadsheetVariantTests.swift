import Foundation
import GRDB
import MidstCore
import MidstStore
import MidstTestSupport
import Testing

/// The sample files rewritten as Excel and people write them (issue 25): each imports to the
/// same database as the original.
@Suite("CSV as Excel writes it")
struct SpreadsheetVariantTests {
    /// One way of rewriting a sample file.
    enum Variant: String, CaseIterable, Sendable {
        case semicolons, tabs, utf16LittleEndian, utf16BigEndian, windowsLineEnds, words

        /// The sample file `name` rewritten this way.
        func bytes(ofSample name: String) throws -> [UInt8] {
            let records = try SpreadsheetVariantTests.records(ofSample: name)
            switch self {
            case .semicolons: return Array(text(records, delimiter: .semicolon).utf8)
            case .tabs: return Array(text(records, delimiter: .tab).utf8)
            case .utf16LittleEndian:
                return [0xFF, 0xFE] + text(records, delimiter: .tab).utf16.flatMap {
                    [UInt8($0 & 0xFF), UInt8($0 >> 8)]
                }
            case .utf16BigEndian:
                return [0xFE, 0xFF] + text(records).utf16.flatMap {
                    [UInt8($0 >> 8), UInt8($0 & 0xFF)]
                }
            case .windowsLineEnds: return Array(text(records, lineEnd: "\r\n").utf8)
            case .words: return Array(text(SpreadsheetVariantTests.inWords(records)).utf8)
            }
        }

        private func text(
            _ records: [[String]], delimiter: CSVDelimiter = .comma, lineEnd: String = "\n"
        ) -> String {
            records.map { String(CSVWriter.line($0, delimiter: delimiter).dropLast()) + lineEnd }
                .joined()
        }
    }

    static let samples = ["staff.csv", "needs.csv", "outcomes.csv"]

    static func records(ofSample name: String) throws -> [[String]] {
        var reader = CSVReader(bytes: try MidstTestSupport.bytes(ofSample: name))
        var records: [[String]] = []
        var fields: [String] = []
        while try reader.nextRecord(into: &fields) { records.append(fields) }
        return records
    }

    /// `records` with every country, specialty, skill, mode and language level the words
    /// people write for it: the names `midst reference` prints, `both`, `fluent` …
    static func inWords(_ records: [[String]]) -> [[String]] {
        let reference = BundledReference.data
        func country(_ code: Substring) -> String {
            reference.info(for: CountryCode(rawValue: String(code)))!.name
        }
        func level(_ code: Substring) -> String {
            ["A1": "beginner", "A2": "elementary", "B1": "intermediate",
             "B2": "upper-intermediate", "C1": "Fluent", "C2": "proficient"][String(code)]
                ?? String(code)
        }
        let words: [String: (String) -> String] = [
            "countries": { items($0) { parts in [country(parts[0])] + parts.dropFirst().map(String.init) } },
            "country": { items($0) { [country($0[0])] } },
            "specialties": { items($0) { [reference.specialty($0[0])!.name] } },
            "specialty": { items($0) { [reference.specialty($0[0])!.name] } },
            "skills": { items($0) { [reference.specialty($0[0])!.name] } },
            "languages": { items($0) { $0.count == 2 ? [String($0[0]), level($0[1])] : $0.map(String.init) } },
            "required_languages": { items($0) { $0.count == 2 ? [String($0[0]), level($0[1])] : $0.map(String.init) } },
            "modes": {
                ["remote;in-country": "Both", "in-country": "in person", "remote": "online"][$0]
                    ?? $0
            },
            "mode": { ["either": "both", "in-country": "In country"][$0] ?? $0 },
        ]
        let header = records[0]
        return [header]
            + records.dropFirst().map { record in
                zip(header, record).map { column, value in
                    value.isEmpty ? value : words[column].map { $0(value) } ?? value
                }
            }
    }

    /// `text`'s `;`-separated items, each split at `:` and rewritten by `body`.
    private static func items(_ text: String, _ body: ([Substring]) -> [String]) -> String {
        text.split(separator: ";").map { body($0.split(separator: ":")).joined(separator: ":") }
            .joined(separator: ";")
    }

    /// The sample imported into a new database at `path`, each file as `read` gives it.
    static func imported(into path: String, _ read: (String) throws -> [UInt8]) throws
        -> [ImportSummary]
    {
        let database = try MidstDatabase.open(at: path)
        return [
            try database.importStaff(try read("staff.csv"), options: options("staff.csv")),
            try database.importNeeds(try read("needs.csv"), options: options("needs.csv")),
            try database.importOutcomes(try read("outcomes.csv"), options: options("outcomes.csv")),
        ]
    }

    /// Every table's rows, but for the moments of import and the generation number.
    static func tables(at path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            where table != "staff_generation" {
                let columns = try db.columns(in: table).map(\.name).filter { $0 != "imported_at" }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let order = (1...columns.count).map(String.init).joined(separator: ", ")
                tables[table] = try Row.fetchAll(
                    db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(order)"
                ).map(\.description)
            }
            return tables
        }
    }

    @Test("the sample files rewritten imports to the same database", arguments: Variant.allCases)
    func sameDatabase(_ variant: Variant) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // Outcomes hold no words, only ids, kinds and dates.
        for name in Self.samples where variant != .words || name != "outcomes.csv" {
            #expect(try variant.bytes(ofSample: name) != MidstTestSupport.bytes(ofSample: name))
        }
        let original = try Self.imported(into: folder.path("original.sqlite")) {
            try MidstTestSupport.bytes(ofSample: $0)
        }
        let rewritten = try Self.imported(into: folder.path("variant.sqlite")) {
            try variant.bytes(ofSample: $0)
        }
        #expect(zip(original, rewritten).allSatisfy { $0.records == $1.records && $0.records > 0 })
        #expect(rewritten.allSatisfy { $0.rejected.isEmpty })
        let expectedDelimiter: CSVDelimiter =
            switch variant {
            case .semicolons: .semicolon
            case .tabs, .utf16LittleEndian: .tab
            default: .comma
            }
        #expect(rewritten.allSatisfy { $0.delimiter == expectedDelimiter })
        let expectedEncoding: TextEncoding =
            switch variant {
            case .utf16LittleEndian: .utf16LittleEndian
            case .utf16BigEndian: .utf16BigEndian
            default: .utf8
            }
        #expect(rewritten.allSatisfy { $0.encoding == expectedEncoding })
        let tables = try Self.tables(at: folder.path("original.sqlite"))
        #expect(tables["staff"]?.count == 300)
        #expect(try Self.tables(at: folder.path("variant.sqlite")) == tables)
    }

    @Test("the words variant writes countries, specialties, modes and levels as words")
    func wordsAreWords() throws {
        let staff = String(decoding: try Variant.words.bytes(ofSample: "staff.csv"), as: UTF8.self)
        let needs = String(decoding: try Variant.words.bytes(ofSample: "needs.csv"), as: UTF8.self)
        #expect(staff.contains("United Kingdom:nationality"))
        #expect(staff.contains("Neonatal nursing") || staff.contains("Neonatal medicine"))
        #expect(staff.contains(":Fluent"))
        #expect(needs.contains(",Uganda,"))
        #expect(needs.contains(",both,"))
    }

    @Test("a Windows-1252 file is refused at its first byte that is not UTF-8, with the advice")
    func windows1252() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var records = try Self.records(ofSample: "staff.csv")
        records[3][1] = "Ren\u{E9}e Dupont"
        // Windows-1252 writes é as the one byte 0xE9, as Latin-1 does.
        let text = records.map { CSVWriter.line($0) }.joined()
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var options = options("staff.csv")
        options.skipsInvalid = true
        let failure = try #require(throws: ImportFailure.self) {
            try database.importStaff(bytes, options: options)
        }
        let issue = try #require(failure.issues.first)
        #expect(failure.issues.count == 1)
        // Where the first byte that is not ASCII lies, counted here on the bytes themselves.
        let offset = try #require(bytes.firstIndex { $0 >= 0x80 })
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A)! + 1
        #expect(issue.line == bytes[..<offset].count { $0 == 0x0A } + 1)
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        #expect(
            issue.message.contains(
                "byte 0x\(byte) (byte \(offset - lineStart + 1) of the line, \(offset + 1) of the file)"),
            "\(issue)")
        #expect(issue.message.contains("CSV UTF-8"))
        #expect(!issue.message.contains("Ren"))
        #expect(try Self.tables(at: folder.path("midst.sqlite"))["staff"]?.isEmpty == true)
    }
}
