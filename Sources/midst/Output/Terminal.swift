import Foundation
import MidstCore

/// Where and how the CLI talks to people: results to stdout, everything else to stderr.
enum Terminal {
    /// `text` with control characters (terminal escape sequences among them) shown as `\u{…}`,
    /// so that a field holding them is printed harmlessly (``Swift/String/showingControls``).
    static func safe(_ text: String) -> String { text.showingControls }

    /// How wide printed tables may be: `COLUMNS` when set, else the width of the terminal
    /// stdout is, else no limit (a pipe or a file gets whole lines).
    static var tableWidth: Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init),
            columns > 0
        {
            return columns
        }
        var size = winsize()
        guard isatty(FileHandle.standardOutput.fileDescriptor) == 1,
            ioctl(FileHandle.standardOutput.fileDescriptor, UInt(TIOCGWINSZ), &size) == 0,
            size.ws_col > 0
        else { return nil }
        return Int(size.ws_col)
    }

    /// What a table cut to fit says, once, on stderr.
    static let cutNote =
        "note: long fields are cut to fit the terminal (… marks a cut); --format csv or json gives them whole"

    private static let notesShown = NotesShown()

    /// Writes `message` to stderr the first time only.
    static func noteOnce(_ message: String) {
        if notesShown.isFirst(message) { note(message) }
    }

    /// Whether stderr is an interactive terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }

    /// Writes a line to stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Rewrites the current stderr line (for progress).
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + message).utf8))
    }
}

/// The notes already written, behind a lock.
private final class NotesShown: @unchecked Sendable {
    // @unchecked: `seen` is only touched with `lock` held.
    private let lock = NSLock()
    private var seen: Set<String> = []

    func isFirst(_ message: String) -> Bool {
        lock.withLock { seen.insert(message).inserted }
    }
}
