import Foundation
import GRDB

extension MidstDatabase {
    /// Copies the whole database into a new owner-only file at `destination` with SQLite's online
    /// backup, as one consistent read: safe while a batch or an import writes (their changes are
    /// in the copy entirely or not at all). The copy is written beside `destination` and renamed
    /// into place, so a failed backup leaves no partial file; an existing file is replaced.
    package func backup(to destination: String) throws {
        let temporary = "\(destination).tmp-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try OwnerOnlyFile.create(temporary)
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            try copy.close()
        } catch let error as DatabaseError {
            throw StoreError.describing(error, path: destination)
        }
        guard rename(temporary, destination) == 0 else {
            throw StoreError.unwritable(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
