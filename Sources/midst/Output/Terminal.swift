import Foundation
import MidstCore

/// Where and how the CLI talks to people: results to stdout, everything else to stderr.
enum Terminal {
    /// `text` with control characters (terminal escape sequences among them) shown as `\u{…}`,
    /// so that a field holding them is printed harmlessly (``Swift/String/showingControls``).
    static func safe(_ text: String) -> String { text.showingControls }

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
