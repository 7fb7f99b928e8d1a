import Foundation
import GRDB
import MidstCore
import MidstWorkbook

/// What an output file is for, so that a file already at its path is replaced only when Midst
/// wrote it for the same purpose (last night's report, an earlier export of the same kind), or
/// when the user says so with `--force` (issue 22).
package enum OutputPurpose: Sendable {
    /// A run's HTML report (`midst report`, `midst run --report`).
    case report
    /// A table of records (`midst export`): CSV or a workbook with this header, or JSON Lines
    /// with these keys.
    case table(columns: [String])
    /// A scoring configuration (`midst tune --out`), exactly as Midst writes one.
    case configuration
    /// A copy of a Midst database (`midst backup`).
    case backup
    /// The rejected records of an import (`--rejects`), headed `line,problems` (CSV or a
    /// workbook).
    case rejects

    /// The name of such a file, in words.
    var noun: String {
        switch self {
        case .report: "a report"
        case .table: "an export of the same kind"
        case .configuration: "a configuration written by `midst tune`"
        case .backup: "a Midst backup"
        case .rejects: "a rejects file"
        }
    }

    /// Marks the report's page as Midst's (`<meta name="generator">`), recognised when
    /// replacing it.
    package static let reportGenerator = "Midst report"

    /// Whether the file at `path` is one Midst wrote for this purpose.
    func recognises(_ path: String) -> Bool {
        switch self {
        case .report:
            let head = String(decoding: Self.prefix(of: path, bytes: 4096), as: UTF8.self)
            // Reports written before the mark have titles starting "Midst: ".
            return head.contains("<meta name=\"generator\" content=\"\(Self.reportGenerator)\"")
                || head.contains("<title>Midst: ")
        case .table(let columns):
            if Self.isWorkbook(path) { return WorkbookReader.headerRow(atPath: path) == columns }
            let line = Self.firstLine(of: path)
            if line == String(CSVWriter.line(columns).dropLast()) { return true }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
                let record = object as? [String: Any]
            else { return false }
            return Set(record.keys) == Set(columns)
        case .configuration:
            guard let data = FileManager.default.contents(atPath: path),
                let config = try? ScoringConfig(json: data)
            else { return false }
            return Data(config.json().utf8) == data
        case .backup:
            return Self.isMidstDatabase(path)
        case .rejects:
            if Self.isWorkbook(path) {
                return WorkbookReader.headerRow(atPath: path)?.starts(with: ["line", "problems"])
                    == true
            }
            return Self.firstLine(of: path).hasPrefix("line,problems")
        }
    }

    private static func prefix(of path: String, bytes: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: bytes)) ?? Data())
    }

    /// Whether the file at `path` is a zip archive, as a workbook is.
    private static func isWorkbook(_ path: String) -> Bool {
        prefix(of: path, bytes: 4) == [0x50, 0x4B, 0x03, 0x04]
    }

    private static func firstLine(of path: String) -> String {
        let head = prefix(of: path, bytes: 64 * 1024)
        let line = head.prefix { $0 != UInt8(ascii: "\n") }
        return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }

    /// Whether `path` is an SQLite database holding Midst's first migration.
    private static func isMidstDatabase(_ path: String) -> Bool {
        guard prefix(of: path, bytes: 16) == Array("SQLite format 3\0".utf8),
            let first = MidstDatabase.knownMigrations.first
        else { return false }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else {
            return false
        }
        defer { try? queue.close() }
        return
            (try? queue.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
                    arguments: [first])
            }) == true
    }
}

/// An output path holding a file Midst did not write for the same purpose: refused, unless the
/// user asks to replace it.
package struct ExistingOutput: MidstError, LocalizedError {
    /// The path as given.
    package var path: String
    /// What Midst would have replaced without asking, in words.
    package var expected: String
    /// How to replace it anyway, when the command can: "add --force to replace it".
    package var remedy: String

    package var message: String {
        "\(path) already exists and is not \(expected) Midst wrote: \(remedy)"
    }
    package var exitStatus: ExitStatus { .usage }
    package var errorDescription: String? { message }
}

extension OutputPath {
    /// Refuses to replace a file already at `output` unless it is empty, Midst wrote it for
    /// `purpose`, or `force` is set.
    ///
    /// - Throws: ``ExistingOutput`` (exit 64), naming `remedy`.
    package static func refuseReplacing(
        _ output: String, purpose: OutputPurpose, force: Bool,
        remedy: String = "add --force to replace it, or choose another path"
    ) throws {
        guard !force else { return }
        var status = stat()
        guard stat(output, &status) == 0, status.st_size > 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw ExistingOutput(path: output, expected: purpose.noun, remedy: "it is a folder; name a file")
        }
        guard !purpose.recognises(output) else { return }
        throw ExistingOutput(path: output, expected: purpose.noun, remedy: remedy)
    }
}
