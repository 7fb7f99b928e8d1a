import Foundation

/// A folder prepared once per test process (say, the sample data imported) and copied for each
/// test that needs it, so that tests share the set-up but never each other's files.
///
/// Keep one in a `static let`: Swift runs its initialiser once, whichever test asks first, while
/// the others wait. The builder's files must be closed when it returns (a process that has
/// exited, a database released), so that the copy is consistent.
package final class PreparedFolder: Sendable {
    private let prepared: Result<URL, any Error>

    /// Prepares the folder now by running `build` on an empty one.
    package init(_ build: (TemporaryFolder) throws -> Void) {
        prepared = Result {
            let folder = try TemporaryFolder()
            PreparedFolders.removeAtExit(folder)
            try build(folder)
            return folder.url
        }
    }

    /// A new temporary folder holding a copy of the prepared files; throws what preparing threw.
    package func copy() throws -> TemporaryFolder {
        try TemporaryFolder(copying: prepared.get())
    }

    /// Copies the prepared files into `folder`; throws what preparing threw.
    package func copy(into folder: TemporaryFolder) throws {
        try TemporaryFolder.copyContents(of: prepared.get(), into: folder.url)
    }
}

/// The prepared folders of this process, removed when it exits.
private enum PreparedFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: [TemporaryFolder] = []

    static func removeAtExit(_ folder: TemporaryFolder) {
        lock.withLock {
            if folders.isEmpty { atexit { PreparedFolders.removeAll() } }
            folders.append(folder)
        }
    }

    private static func removeAll() {
        lock.withLock {
            for folder in folders { folder.cleanUp() }
        }
    }
}
