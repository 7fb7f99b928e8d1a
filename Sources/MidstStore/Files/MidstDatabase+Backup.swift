import Foundation
import GRDB

extension MidstDatabase {
    /// Copies the whole database into a new owner-only file at `destination` with SQLite's online
    /// backup, as one consistent read: safe while a batch or an import writes (their changes are
    /// in the copy entirely or not at all). The copy is written beside `destination` and renamed
    /// into place, so a failed backup leaves no partial file; an existing file is replaced.
    /// Its path joins the list of backups made (``backupsMade()``).
    package func backup(to destination: String) throws {
        let temporary = LeftoverFiles.temporary(for: destination)
        LeftoverFiles.removeStaleTemporaries(of: destination)
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
        recordBackup(at: destination)
    }

    /// The file beside the database that lists the backups Midst made of it, one absolute path
    /// a line: a backup may be written anywhere, and an erasure names those it cannot reach.
    package var backupListPath: String { path + "-backups.list" }

    /// The backups Midst made of this database that are still where it wrote them: those
    /// ``backup(to:)`` listed, and any copy taken before a migration beside the database
    /// (``migrationBackupPath(_:schemaCount:)``), listed or not. Oldest first.
    package func backupsMade() -> [String] {
        let listed = ((try? String(contentsOfFile: backupListPath, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let name = URL(fileURLWithPath: path).lastPathComponent
        let beside = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(name + ".before-migration-") && $0.hasSuffix(".sqlite") }
            .sorted().map { folder.appendingPathComponent($0).path }
        var seen = Set<String>()
        return (beside + listed).filter {
            seen.insert($0).inserted && FileManager.default.fileExists(atPath: $0)
        }
    }

    /// Adds `destination`, made absolute, to the list of backups; a list that cannot be written
    /// costs only the name in a later erasure's message.
    private func recordBackup(at destination: String) {
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL.path
        guard !backupsMade().contains(absolute) else { return }
        let descriptor = Foundation.open(
            backupListPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, OwnerOnlyFile.mode)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let line = Array((absolute + "\n").utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
