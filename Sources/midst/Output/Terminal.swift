import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// Where and how the CLI talks to people: results to stdout, everything else to stderr.
enum Terminal {
    /// Exit codes, documented in `midst --help` and the README.
    enum Exit: Int32 {
        case invalidData = 1
        case databaseProblem = 2
        case usage = 64
    }

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

    /// Prints `error: …` to stderr and returns the exit to throw.
    static func fail(_ message: String, code: Exit) -> ExitCode {
        note("error: \(message)")
        return ExitCode(code.rawValue)
    }

    /// Runs a change the user asked for: naming a record that does not exist, or a change that
    /// is refused, is invalid input (exit 1); anything else is a database problem (exit 2).
    static func change<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as UnknownRecord {
            throw fail(error.message, code: .invalidData)
        } catch let error as RefusedDecision {
            throw fail(error.message, code: .invalidData)
        } catch {
            throw fail(StoreError.message(for: error, path: databasePath), code: .databaseProblem)
        }
    }

    /// The database the command works on, named in messages about SQLite's failures.
    nonisolated(unsafe) static var databasePath = "the database"

    /// Runs `body`, turning any error into `error: …` on stderr and the exit code given.
    static func exitOnError<T>(code: Exit, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail(StoreError.message(for: error, path: databasePath), code: code)
        }
    }
}
