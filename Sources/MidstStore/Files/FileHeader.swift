import Foundation

/// A first look at a database file before SQLite opens it, to refuse at once what SQLite would
/// only notice page by page, if at all: an empty file, a file that is not SQLite, and a file
/// shorter than its header says (truncated by a copy or a full disk).
enum FileHeader {
    /// Throws ``StoreError/notAMidstDatabase(path:reason:)`` when the file at `path` is empty
    /// (unless `allowsEmpty`: a database being created), not SQLite, or truncated.
    static func check(_ path: String, allowsEmpty: Bool = false) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: 0)
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        func refuse(_ reason: String) -> StoreError {
            .notAMidstDatabase(path: path, reason: reason)
        }
        guard size > 0 else {
            if allowsEmpty { return }
            throw refuse("the file is empty")
        }
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw refuse("not an SQLite database")
        }
        func number(at offset: Int, bytes: Int) -> UInt64 {
            header[offset..<offset + bytes].reduce(0) { $0 << 8 | UInt64($1) }
        }
        let pageSize = number(at: 16, bytes: 2) == 1 ? 65536 : number(at: 16, bytes: 2)
        let pages = number(at: 28, bytes: 4)
        // The page count is valid when written by the same change as the change counter.
        let isCountValid = number(at: 92, bytes: 4) == number(at: 24, bytes: 4) && pages > 0
        // With a WAL, pages may be there rather than in the file (a checkpoint cut short); with
        // a rollback journal, SQLite will put back what a killed bulk load wrote.
        func fileSize(_ file: String) -> Int {
            (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        }
        let isRecoverable = fileSize(path + "-wal") > 0 || fileSize(path + "-journal") > 0
        if isCountValid, !isRecoverable, pages * pageSize > size {
            throw refuse(
                "the file is truncated: \(size) bytes where its header says \(pages * pageSize); restore it from a backup"
            )
        }
    }
}
