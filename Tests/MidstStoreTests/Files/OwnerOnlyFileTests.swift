import Foundation
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Owner-only files written in pieces")
struct OwnerOnlyFileTests {
    @Test("the pieces are written one after the other, owner-only, replacing the file whole")
    func pieces() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.url.appendingPathComponent("report.html").path
        try OwnerOnlyFile.write(Array("old".utf8), to: path)
        let page = Array("<html><body>every need</body></html>".utf8)
        try OwnerOnlyFile.write(pieces: [page[..<6], page[6..<6], page[6..<20], page[20...]], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(page))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == Int(OwnerOnlyFile.mode))
    }

    @Test("a file that cannot be written names its path, and leaves nothing behind")
    func failure() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.url.appendingPathComponent("missing/report.html").path
        #expect {
            try OwnerOnlyFile.write(pieces: [Array("<html>".utf8)[...]], to: path)
        } throws: { error in
            "\(error)".contains(path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
