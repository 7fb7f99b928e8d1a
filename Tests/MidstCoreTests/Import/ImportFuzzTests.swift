import Foundation
import MidstCore
import Testing

/// The readers and validators of every import file, fed mutated sample records and random
/// bytes: each input must read and validate to records or to clean ``ImportIssue``s, never a
/// trap; every issue names a line, shows no raw control character, and, in a staff file,
/// repeats no name or e-mail address.
///
/// `MIDST_FUZZ_COUNT` inputs per kind and format (3,000 by default, to keep `swift test`
/// short; RELIABILITY.md, "Fuzzed input", records a run of 100,000), drawn from
/// `MIDST_FUZZ_SEED`.
@Suite("Fuzzing the import readers and validators")
struct ImportFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["MIDST_FUZZ_COUNT"].flatMap { Int($0) } ?? 3_000
    static let seed = environment["MIDST_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_205

    enum Kind: String, CaseIterable, Sendable {
        case staff, needs, outcomes
    }

    static let today = CalendarDate(iso: "2026-12-05")!
    static let now = Timestamp(parsing: "2026-12-05T12:00:00Z")!

    @Test(
        "mutated sample records and random bytes read to records or clean issues, never a trap",
        arguments: Kind.allCases, [ImportFormat.csv, .jsonl])
    func fuzz(kind: Kind, format: ImportFormat) throws {
        let reference = try ReferenceFixtures.bundledReference()
        let sample = try SampleRecords(kind: kind)
        var generator = SeededRandom(
            seed: Self.seed ^ UInt64(kind.rawValue.utf8.count * 7 + (format == .csv ? 0 : 1)))
        var tally = FuzzTally()
        let horizon = DateHorizon(today: Self.today)
        // Built once, for the sample's header (building one takes milliseconds); files whose
        // header a mutation changed are read without it.
        let plain =
            kind == .staff
            ? PlainStaffValidator(
                reference: reference,
                header: try ImportHeader<StaffColumn>(names: sample.header, file: "fuzz"),
                horizon: horizon) : nil
        let started = Date()
        for index in 0..<Self.count {
            let (input, personal) = sample.input(format: format, using: &generator)
            let (what, bytes) = FuzzMutation.apply(to: input, using: &generator)
            let secrets = kind == .staff ? personal + ["Brian Ssekandi"] : []
            let issues = Self.read(
                bytes, kind: kind, format: format, reference: reference,
                plain: plain.map { plain in (sample.header, plain) }, tally: &tally)
            for issue in issues {
                let text = issue.description
                #expect(issue.line >= 1, "#\(index) \(what): \(text)")
                #expect(!issue.message.isEmpty, "#\(index) \(what)")
                #expect(
                    !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                    "#\(index) \(what): a raw control character in \(text.debugDescription)")
                for secret in secrets where text.contains(secret) {
                    Issue.record("#\(index) \(what): a personal value in \(text)")
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print(
            "import fuzz \(kind.rawValue) \(format.rawValue): \(Self.count) inputs (seed \(Self.seed)) in \(String(format: "%.1f", seconds)) s: \(tally.records) records read, \(tally.valid) valid, \(tally.issues) issues, \(tally.refusedFiles) files refused whole"
        )
        #expect(tally.valid > 0 && tally.issues > 0, "the mutations should give both")
    }

    /// Reads and validates every record of `bytes`, CSV staff rows under `plain`'s header
    /// through its validator first, as an import does; the issues found.
    static func read(
        _ bytes: [UInt8], kind: Kind, format: ImportFormat, reference: ReferenceData,
        plain: (header: [String], validator: PlainStaffValidator)? = nil, tally: inout FuzzTally
    ) -> [ImportIssue] {
        let horizon = DateHorizon(today: today)
        switch kind {
        case .staff:
            let validator = StaffValidator(reference: reference, now: now, horizon: horizon)
            return read(bytes, format: format, tally: &tally, plain: plain) {
                validator.validate($0, file: "fuzz").map { _ in () }
            }
        case .needs:
            let validator = NeedValidator(reference: reference, now: now, horizon: horizon)
            return read(bytes, format: format, tally: &tally) {
                validator.validate($0, file: "fuzz").map { _ in () }
            }
        case .outcomes:
            let validator = OutcomeValidator(reference: reference, horizon: horizon)
            return read(bytes, format: format, tally: &tally) {
                validator.validate($0, file: "fuzz").map { _ in () }
            }
        }
    }

    private static func read<Column: ImportColumn>(
        _ bytes: [UInt8], format: ImportFormat, tally: inout FuzzTally,
        plain: (header: [String], validator: PlainStaffValidator)? = nil,
        validate: (ImportRow<Column>) -> Result<Void, ImportFailure>
    ) -> [ImportIssue] {
        var issues: [ImportIssue] = []
        do {
            var reader = try RecordReader<Column>(bytes: bytes, format: format, file: "fuzz")
            let plainValidator = plain.flatMap { $0.header == reader.header ? $0.validator : nil }
            while let record = try reader.next(tryingFirst: { spans, file in
                plainValidator?.validate(spans, in: file)
            }) {
                tally.records += 1
                switch record {
                case .plain: tally.valid += 1
                case .decoded(let raw):
                    switch raw.row.mapError({ ImportFailure(issues: [$0]) }).flatMap(validate) {
                    case .success: tally.valid += 1
                    case .failure(let failure): issues += failure.issues
                    }
                }
            }
        } catch {
            tally.refusedFiles += 1
            issues += error.issues
        }
        tally.issues += issues.count
        return issues
    }
}

/// What the fuzzed inputs came to.
struct FuzzTally {
    var records = 0
    var valid = 0
    var issues = 0
    var refusedFiles = 0
}

/// The records of a sample file (SampleData), to build small inputs from.
struct SampleRecords {
    let header: [String]
    let records: [[String]]

    init(kind: ImportFuzzTests.Kind) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/\(kind.rawValue).csv")
        var reader = CSVReader(bytes: [UInt8](try Data(contentsOf: url)))
        var fields: [String] = []
        _ = try reader.nextRecord(into: &fields)
        header = fields
        var records: [[String]] = []
        while try reader.nextRecord(into: &fields) { records.append(fields) }
        self.records = records
    }

    /// A header and one to three records drawn from the sample, in `format`, with the names,
    /// e-mail addresses and employers they hold (in a staff file, no message may repeat them).
    func input(format: ImportFormat, using generator: inout SeededRandom)
        -> (bytes: [UInt8], personal: [String])
    {
        let chosen = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
            records[Int.random(in: 0..<records.count, using: &generator)]
        }
        let columns = ["name", "email", "employer"].compactMap { header.firstIndex(of: $0) }
        let personal = chosen.flatMap { record in columns.map { record[$0] } }.filter {
            $0.count >= 6
        }
        switch format {
        case .csv:
            return (Array(([header] + chosen).map(CSVWriter.line).joined().utf8), personal)
        case .jsonl:
            let lines = chosen.map { record in
                let object = Dictionary(uniqueKeysWithValues: zip(header, record))
                return String(
                    decoding: try! JSONSerialization.data(
                        withJSONObject: object, options: [.sortedKeys]),
                    as: UTF8.self)
            }
            return (Array((lines.joined(separator: "\n") + "\n").utf8), personal)
        case .xlsx:
            // Not among the fuzzed formats: a workbook's cells reach the validators as a
            // sheet's rows, whose reading SheetRecordReaderTests covers.
            return ([], personal)
        }
    }
}

/// The ways an input is damaged.
enum FuzzMutation {
    static let hostile = [
        "\u{1B}[2J\u{1B}[31m", "\r\n", "\n", "\u{0}", "\u{202E}", "\u{7}",
        "'; DROP TABLE staff; --",
        "\"", "\"\"", ",", ";", ":", "{", "}", "[", "]", "\\u0000", "Brian Ssekandi",
        "9999-12-31", "2062-11-20", "0000-00-00", "-1", "99999999999999999999", "1e400", "NaN",
        "\u{FEFF}", "é", "\u{10FFFF}", String(repeating: "x", count: 300),
    ]

    /// One mutation of `bytes`, with its name for messages.
    static func apply(to bytes: [UInt8], using generator: inout SeededRandom) -> (String, [UInt8])
    {
        var copy = bytes
        let position = Int.random(in: 0...copy.count, using: &generator)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            for _ in 0..<Int.random(in: 1...8, using: &generator) where !copy.isEmpty {
                copy[Int.random(in: 0..<copy.count, using: &generator)] ^=
                    UInt8.random(in: 1...255, using: &generator)
            }
            return ("byte flips", copy)
        case 1:
            return ("truncated at \(position)", Array(copy.prefix(position)))
        case 2:
            let count = Int.random(in: 0...200, using: &generator)
            return (
                "\(count) random bytes",
                (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            )
        case 3:
            let text = hostile[Int.random(in: 0..<hostile.count, using: &generator)]
            copy.insert(contentsOf: Array(text.utf8), at: position)
            return ("\(text.debugDescription) inserted at \(position)", copy)
        case 4:
            // A stray comma shifts the columns after it, as a spreadsheet slip does.
            let commas = copy.indices.filter { copy[$0] == 0x2C }
            guard let comma = commas.randomElement(using: &generator) else {
                return ("unchanged", copy)
            }
            copy.insert(0x2C, at: comma)
            return ("columns shifted at \(comma)", copy)
        case 5:
            // A field's text replaced by a hostile value.
            let separators = copy.indices.filter { copy[$0] == 0x2C || copy[$0] == 0x3A }
            guard let start = separators.randomElement(using: &generator) else {
                return ("unchanged", copy)
            }
            let end =
                copy[(start + 1)...].firstIndex { $0 == 0x2C || $0 == 0x0A || $0 == 0x22 }
                ?? copy.count
            let text = hostile[Int.random(in: 0..<hostile.count, using: &generator)]
            copy.replaceSubrange((start + 1)..<end, with: Array(text.utf8))
            return ("field at \(start) replaced by \(text.debugDescription)", copy)
        case 6:
            let lines = copy.split(separator: 0x0A, omittingEmptySubsequences: false)
            let chosen = Int.random(in: 0..<lines.count, using: &generator)
            let repeated =
                Array(lines.prefix(chosen + 1)) + [lines[chosen]]
                + Array(lines.dropFirst(chosen + 1))
            return ("line \(chosen + 1) repeated", Array(repeated.joined(separator: [0x0A])))
        case 7:
            copy.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE, 0x80, 0xED, 0xA0, 0x80], at: position)
            return ("invalid UTF-8 at \(position)", copy)
        case 8:
            // Two bytes swapped, as a slip of the fingers.
            guard copy.count > 1 else { return ("unchanged", copy) }
            let other = Int.random(in: 0..<copy.count, using: &generator)
            copy.swapAt(min(position, copy.count - 1), other)
            return ("bytes \(position) and \(other) swapped", copy)
        default:
            return ("unchanged", copy)
        }
    }
}
