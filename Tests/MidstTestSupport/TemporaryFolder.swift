import Foundation

/// A fresh folder under the system's temporary directory, removed by `cleanUp()`.
package struct TemporaryFolder: Sendable {
    package let url: URL

    package init() throws {
        url = Self.freshURL()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// An existing folder (removed by its owner, not by `cleanUp()`).
    package init(existing url: URL) { self.url = url }

    /// A fresh folder holding a copy of every file in `folder`, permissions included.
    package init(copying folder: URL) throws {
        url = Self.freshURL()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Self.copyContents(of: folder, into: url)
    }

    /// The path of `name` in this folder.
    package func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    package func cleanUp() { try? FileManager.default.removeItem(at: url) }

    private static func freshURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "midst-tests-\(UUID().uuidString)")
    }

    /// Copies every file in `source` into `destination`, keeping each file's permissions (the
    /// product makes its files owner-only, and tests check it).
    static func copyContents(of source: URL, into destination: URL) throws {
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name)
            let to = destination.appendingPathComponent(name)
            try files.copyItem(at: from, to: to)
            let permissions = try files.attributesOfItem(atPath: from.path)[.posixPermissions]
            if let permissions {
                try files.setAttributes([.posixPermissions: permissions], ofItemAtPath: to.path)
            }
        }
    }
}
