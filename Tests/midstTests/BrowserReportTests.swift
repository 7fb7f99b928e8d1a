import Foundation
import Testing

/// The sample batch's report rendered in a real browser (issue 13): headless Chromium through
/// Tests/browser/check-report.sh. `.ci/run` installs Chromium; elsewhere the test runs when
/// Chromium is there (and always under CI=true, where its absence is a failure).
@Suite("The report in a real browser")
struct BrowserReportTests {
    static let checker = MidstProcess.packageRoot.appendingPathComponent("Tests/browser/check-report.sh")

    static var hasBrowser: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] != nil { return true }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { folder in
            ["chromium", "chromium-browser"].contains {
                FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)")
            }
        }
    }

    /// Runs the checker with `arguments`; its exit status and everything it printed.
    static func check(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [checker.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(
        "the sample batch's report renders without a console error, is well-formed and self-contained, and has its sections",
        .enabled(if: hasBrowser, "Chromium is not installed (apt-get install chromium)"),
        .timeLimit(.minutes(5)))
    func rendersInChromium() throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        let again = try MidstProcess.run(["run", "--report", "report.html"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        // MIDST_UPDATE_SCREENSHOT=1 refreshes the picture the README shows.
        let screenshot =
            ProcessInfo.processInfo.environment["MIDST_UPDATE_SCREENSHOT"] == "1"
            ? MidstProcess.packageRoot.appendingPathComponent("docs/report.png").path
            : folder.path("report.png")
        let (status, text) = try Self.check([
            folder.path("report.html"), screenshot,
            "summary", "fill", "fill-country", "fill-specialty", "scores", "gaps", "changes", "needs",
            "need-N001",
        ])
        #expect(status == 0, "\(text)")
        #expect(text.contains("check-report: OK"), "\(text)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
    }

    @Test(
        "the checker fails a page that loads from the network or logs an error",
        .enabled(if: hasBrowser, "Chromium is not installed (apt-get install chromium)"),
        .timeLimit(.minutes(5)))
    func checkerCanFail() throws {
        let folder = try WorkFolder()
        defer { folder.cleanUp() }
        let page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>t</title></head>
            <body><img src="http://example.com/a.png" alt="x"/><script>console.error("boom")</script></body></html>
            """
        try page.write(toFile: folder.path("bad.html"), atomically: true, encoding: .utf8)
        let (status, text) = try Self.check([folder.path("bad.html"), folder.path("bad.png")])
        #expect(status == 1, "\(text)")
        #expect(text.contains("FAILED"), "\(text)")
    }
}
