import Foundation

extension MidstDatabase {
    /// Opens the database at `path` for `body`, creating it when missing (``open(at:)``); a
    /// database created here is removed again, with every file made beside it, when `body`
    /// throws or when `keepsCreated` is false (a dry run). So an import that writes nothing
    /// leaves nothing on disk, and a later command that needs a database still refuses a path
    /// that holds none (issue 25; issue 12 for the refusal). Files that were there before (a
    /// pseudonym key put beside a database yet to be made) are never removed.
    public static func withCreatedIfMissing<Result>(
        at path: String, keepsCreated: Bool, _ body: (MidstDatabase) throws -> Result
    ) throws -> Result {
        let files = keptFiles(forDatabaseAt: path).map(\.path) + [path + "-journal"]
        let existing = Set(files.filter { FileManager.default.fileExists(atPath: $0) })
        // Only a missing database is made here; an existing one is always kept.
        guard !existing.contains(path) else { return try body(try open(at: path)) }
        func removeCreated() {
            for file in files where !existing.contains(file) {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
        let result: Result
        do {
            // The database is closed once `body` returns, before its files are removed.
            result = try body(try open(at: path))
        } catch {
            removeCreated()
            throw error
        }
        if !keepsCreated { removeCreated() }
        return result
    }
}
