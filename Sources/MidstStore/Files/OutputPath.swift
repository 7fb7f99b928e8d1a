import Foundation
import MidstCore

/// An output path that would overwrite what Midst keeps or is reading: refused before anything
/// is written (issue 22).
package struct ProtectedOutput: MidstError, LocalizedError {
    /// The path as given.
    package var path: String
    /// What it would have overwritten, in words: "the database", "the file being imported" …
    package var what: String

    package var message: String {
        "\(path) is \(what): Midst will not write over it; choose another path"
    }
    package var exitStatus: ExitStatus { .usage }
    package var errorDescription: String? { message }
}

extension MidstDatabase {
    /// The files Midst keeps beside the database at `path`, by what they are: the database, its
    /// WAL and shared-memory files, the staff snapshot, its overlay and its lock, the batch lock
    /// and the pseudonym key.
    package static func keptFiles(forDatabaseAt path: String, keyFile: String? = nil) -> [(
        path: String, what: String
    )] {
        [
            (path, "the database"), (path + "-wal", "the database's write-ahead log"),
            (path + "-shm", "the database's shared-memory file"),
            (path + "-staff-snapshot", "the staff snapshot"),
            (path + "-staff-overlay", "the staff snapshot's overlay"),
            (path + "-staff-snapshot.lock", "the staff snapshot's lock"),
            (path + "-batch.lock", "the batch lock"),
            (path + "-backups.list", "the list of backups"),
            (path + "-erasure.pending", "an erasure's note of work left"),
            (keyFile ?? PseudonymKeySource.defaultKeyFile(forDatabaseAt: path), "the pseudonym key"),
        ]
    }
}

/// Comparing paths as files.
package enum OutputPath {
    /// Refuses `output` when it is one of the files Midst keeps beside the database at
    /// `databasePath` (``MidstDatabase/keptFiles(forDatabaseAt:keyFile:)``) or one of `inputs`
    /// (named by what they are), whatever the spelling: relative or absolute, through a symbolic
    /// link, or another hard link to the same file.
    ///
    /// - Throws: ``ProtectedOutput`` (exit 64).
    package static func refuse(
        _ output: String, databaseAt databasePath: String, keyFile: String? = nil,
        inputs: [(path: String, what: String)] = []
    ) throws {
        try refuse(
            output,
            protecting: MidstDatabase.keptFiles(forDatabaseAt: databasePath, keyFile: keyFile)
                + inputs)
    }

    /// Refuses `output` when it is the same file as one of `protected`.
    package static func refuse(_ output: String, protecting protected: [(path: String, what: String)])
        throws
    {
        for file in protected where isSameFile(output, file.path) {
            throw ProtectedOutput(path: output, what: file.what)
        }
    }

    /// Whether `a` and `b` name the same file: one inode when both exist, else the same path
    /// once made absolute, standardised and its symbolic links resolved.
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        if stat(a, &first) == 0, stat(b, &second) == 0 {
            return first.st_dev == second.st_dev && first.st_ino == second.st_ino
        }
        return resolved(a) == resolved(b)
    }

    private static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        // A file not written yet: resolve its folder, which exists.
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).path
    }
}
