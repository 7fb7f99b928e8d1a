import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

/// Damaged and hostile input files: no crash, no hang, nothing half-imported.
///
/// Mutations come from a fixed seed (`MIDST_FUZZ_SEED`), `MIDST_FUZZ_CASES` per file (60 by
/// default; RELIABILITY.md gives a longer run).
@Suite("Fuzzing the importers and the configuration loader", .serialized)
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = environment["MIDST_FUZZ_CASES"].flatMap { Int($0) } ?? 60
    static let seed = environment["MIDST_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_127

    /// One mutation of `bytes`, with its name for messages.
    static func mutate(_ bytes: [UInt8], _ generator: inout SeededRandom) -> (String, [UInt8]) {
        var copy = bytes
        let position = Int.random(in: 0..<max(copy.count, 1), using: &generator)
        switch Int.random(in: 0..<8, using: &generator) {
        case 0:
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                copy[Int.random(in: 0..<copy.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            return ("byte flips", copy)
        case 1: return ("truncated at \(position)", Array(copy.prefix(position)))
        case 2:
            copy.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE, 0x80], at: position)
            return ("invalid UTF-8 at \(position)", copy)
        case 3:
            copy.insert(contentsOf: [0, 0, 0], at: position)
            return ("NUL bytes at \(position)", copy)
        case 4:
            copy.insert(contentsOf: Array("\"".utf8), at: position)
            return ("stray quote at \(position)", copy)
        case 5:
            copy.insert(contentsOf: Array(",,,;;;:::".utf8), at: position)
            return ("separators at \(position)", copy)
        case 6:
            let line = copy.split(separator: 0x0A, omittingEmptySubsequences: false)
            let chosen = Int.random(in: 0..<line.count, using: &generator)
            return ("line \(chosen + 1) repeated", Array(line.prefix(chosen + 1).joined(separator: [0x0A])) + [0x0A] + Array(line[chosen]) + [0x0A] + Array(line.dropFirst(chosen + 1).joined(separator: [0x0A])))
        default:
            copy.insert(contentsOf: Array("\r\n\u{1B}[31m\u{202E}'; DROP TABLE staff; --".utf8), at: position)
            return ("escapes and injection at \(position)", copy)
        }
    }

    /// Every row of the tables an import writes, to compare before and after.
    static func contents(_ database: MidstDatabase) throws -> [String] {
        try database.pool.read { db in
            try ["staff", "staff_specialty", "staff_country_tie", "staff_language", "need", "need_language", "outcome"]
                .flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table) \($0)" }
                }
        }
    }

    /// Imports `bytes` as `kind`; a refused file must change nothing, an imported one must be
    /// in whole (every record, the table's rows before plus the new ones), and the import must
    /// end within `seconds`.
    @discardableResult
    static func expectSafeImport(
        _ bytes: [UInt8], kind: ImportKind, format: ImportFormat, into database: MidstDatabase,
        _ what: String, seconds: Double = 20
    ) throws -> Bool {
        var isRefused = false
        let started = Date()
        defer { #expect(Date().timeIntervalSince(started) < seconds, "\(kind) \(what) took too long") }
        let before = try contents(database)
        let rowsBefore = try database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM \(kind.table)") ?? 0
        }
        var options = options("fuzz.\(format == .csv ? "csv" : "jsonl")", format: format)
        options.now = Timestamp(parsing: "2030-01-01T00:00:00Z")!
        do {
            let summary =
                switch kind {
                case .staff: try database.importStaff(bytes, options: options)
                case .needs: try database.importNeeds(bytes, options: options)
                case .outcomes: try database.importOutcomes(bytes, options: options)
                }
            #expect(summary.rejected.isEmpty, "\(kind) \(what): imported with rejections")
            #expect(summary.records == summary.inserted + summary.updated, "\(kind) \(what)")
            let rowsAfter = try database.pool.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM \(kind.table)") ?? 0
            }
            #expect(rowsAfter == rowsBefore + summary.inserted, "\(kind) \(what): a partial import")
        } catch is ImportFailure {
            isRefused = true
            #expect(try contents(database) == before, "\(kind) \(what): a refused file changed the database")
        }
        return isRefused
    }

    @Test("mutated sample files (CSV and JSON Lines): imported whole or refused whole, never a crash or hang",
        arguments: ImportKind.allCases)
    func mutatedSamples(_ kind: ImportKind) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let csv = try bytes(ofSample: kind == .needs ? "needs.csv" : kind == .staff ? "staff.csv" : "outcomes.csv")
        var generator = SeededRandom(seed: Self.seed ^ UInt64(kind.rawValue.count))
        var refused = 0
        for index in 0..<Self.cases {
            let (what, mutated) = Self.mutate(csv, &generator)
            if try Self.expectSafeImport(mutated, kind: kind, format: .csv, into: database, "#\(index) \(what)") {
                refused += 1
            }
        }
        // JSON Lines: each CSV record as an object, then mutated.
        let rows = String(decoding: csv, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = rows[0]
        let lines = rows.dropFirst().prefix(40).map { fields in
            let object = Dictionary(uniqueKeysWithValues: zip(header, fields))
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let jsonl = Array(lines.joined(separator: "\n").utf8) + [0x0A]
        for index in 0..<Self.cases {
            let (what, mutated) = Self.mutate(jsonl, &generator)
            if try Self.expectSafeImport(mutated, kind: kind, format: .jsonl, into: database, "#\(index) \(what) (JSON Lines)") {
                refused += 1
            }
        }
        print("fuzz \(kind.rawValue): \(2 * Self.cases) mutated files (CSV and JSON Lines), \(refused) refused whole, the rest imported whole")
    }

    @Test("extreme files: a 10 MB field, 100,000 columns, deeply nested JSON, only NUL bytes, one huge line")
    func extremeFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let header = "id,name,email,profession,specialties,seniority,consent\n"
        let hugeName = header + "X1," + String(repeating: "a", count: 10 << 20) + ",,doctor,paediatrics,ST4,yes\n"
        try Self.expectSafeImport(Array(hugeName.utf8), kind: .staff, format: .csv, into: database, "a 10 MB field")
        let wide = (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n" + String(repeating: "x,", count: 99_999) + "x\n"
        try Self.expectSafeImport(Array(wide.utf8), kind: .staff, format: .csv, into: database, "100,000 columns")
        let deep = "{\"id\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
        try Self.expectSafeImport(Array(deep.utf8), kind: .staff, format: .jsonl, into: database, "JSON nested 100,000 deep")
        try Self.expectSafeImport([UInt8](repeating: 0, count: 100_000), kind: .needs, format: .csv, into: database, "only NUL bytes")
        try Self.expectSafeImport(Array((header + String(repeating: "S", count: 5 << 20)).utf8), kind: .staff, format: .csv, into: database, "one 5 MB line")
        let quoted = header + "\"" + String(repeating: "x", count: 1 << 20) + "\n"
        try Self.expectSafeImport(Array(quoted.utf8), kind: .staff, format: .csv, into: database, "an unclosed quote")
    }

    @Test("injection strings, control characters and escapes in every text field are stored verbatim")
    func hostileTextStoredVerbatim() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        let hostile = [
            "Robert'); DROP TABLE staff;--", "\u{1B}[2J\u{1B}[31mred", "\u{202E}evil", "a\u{07}bell",
            "tab\there", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "%s%n%x", "O'Brien \"Bob\"",
        ]
        var lines = ["id,name,email,profession,specialties,seniority,consent,employer"]
        for (index, text) in hostile.enumerated() {
            let escaped = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines.append("H\(index),\(escaped),,doctor,paediatrics,ST4,yes,\(escaped)")
        }
        let summary = try database.importStaff(Array((lines.joined(separator: "\n") + "\n").utf8), options: options("hostile.csv"))
        #expect(summary.inserted == hostile.count)
        for (index, text) in hostile.enumerated() {
            let stored = try #require(try database.staff(id: "H\(index)"))
            #expect(stored.name == text.trimmingCharacters(in: .init(charactersIn: " \t")))
            #expect(stored.employer == text.trimmingCharacters(in: .init(charactersIn: " \t")))
        }
        #expect(try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM staff") } == hostile.count)
    }

    @Test("mutated and extreme configurations are refused with an error, never a crash")
    func configurations() throws {
        let defaults = Array(ScoringConfig().json().utf8)
        var generator = SeededRandom(seed: Self.seed)
        for _ in 0..<(Self.cases * 3) {
            let (_, mutated) = Self.mutate(defaults, &generator)
            _ = try? ScoringConfig(json: Data(mutated))
        }
        let extremes = [
            String(repeating: "[", count: 100_000),
            "{\"weights\":" + String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000) + "}",
            "{\"weights\":{\"specialty\":1e400}}", "{\"weights\":{\"specialty\":-1}}", "\u{0}\u{0}",
            "{\"top\":\"" + String(repeating: "x", count: 10 << 20) + "\"}",
        ]
        for text in extremes {
            #expect(throws: (any Error).self) { try ScoringConfig(json: Data(text.utf8)) }
        }
    }
}
