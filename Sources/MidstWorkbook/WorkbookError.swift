import Foundation
import MidstCore

/// Why a workbook could not be read or written.
public enum WorkbookError: Error, Sendable, LocalizedError, Equatable {
    /// The file is not a zip archive holding an Excel workbook (an `.xls` from before 2007, a
    /// CSV renamed, a damaged download).
    case notAWorkbook(path: String, reason: String)
    /// No sheet has the name asked for.
    case noSuchSheet(path: String, name: String, sheets: [String])
    /// A part of the workbook is missing or cannot be read.
    case damaged(path: String, part: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notAWorkbook(let path, let reason):
            "\(path): not an Excel workbook (.xlsx): \(reason). An .xls from Excel 97-2003 can be saved as \"Excel Workbook (.xlsx)\" or as \"CSV UTF-8\"."
        case .noSuchSheet(let path, let name, let sheets):
            "\(path): no sheet named '\(name)' (the workbook has \(sheets.map { "'\($0)'" }.joined(separator: ", ")))"
        case .damaged(let path, let part, let reason):
            "\(path): the workbook's part \(part) cannot be read: \(reason)"
        }
    }
}

extension WorkbookError: MidstError {
    package var message: String { errorDescription ?? "\(self)" }
    /// The file's fault, not the database's: nothing was changed.
    package var exitStatus: ExitStatus { .invalidData }
}
