import Foundation
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("temporaries Midst can find again (issue 22, item 5)")
struct LeftoverFilesTests {
    @Test(
        "a temporary's name gives its process; other names are not temporaries",
        arguments: [
            ("midst.sqlite-staff-snapshot.tmp-4242", Int32(4242)),
            ("copy.sqlite.tmp-17-journal", 17),
            ("report.html.tmp-9", 9),
            ("midst.sqlite-staff-snapshot.erased-12-345", nil),
            ("notes.tmp-", nil),
            ("notes.tmp-12x", nil),
            ("midst.sqlite", nil),
        ] as [(String, Int32?)])
    func owner(_ name: String, _ pid: Int32?) {
        #expect(LeftoverFiles.owner(ofTemporary: name) == pid)
    }

    @Test("writing a file removes its temporaries left by ended processes, not a running one's")
    func writeRemovesStaleTemporaries() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let output = folder.path("report.html")
        // No process has id 2^22 + 1 on Linux (pid_max is at most 2^22).
        let stale = output + ".tmp-4194305"
        let running = output + ".tmp-1"
        for path in [stale, running] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("S0288".utf8)))
        }
        try OwnerOnlyFile.write(Array("<html>".utf8), to: output)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: running))
        #expect(FileManager.default.contents(atPath: output) == Data("<html>".utf8))
    }
}
