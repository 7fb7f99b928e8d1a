import Foundation
import MidstTestSupport
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
    static func check(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [checker.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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
            "ask", "awaited", "gaps", "activity", "states", "states-country", "states-specialty",
            "scores", "needs", "summary", "need-N001",
        ])
        #expect(status == 0, "\(text)")
        #expect(text.contains("check-report: OK"), "\(text)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
    }

    @Test(
        "the first screen holds the ask list with e-mails, on a laptop and on a phone, which never scrolls sideways",
        .enabled(if: hasBrowser, "Chromium is not installed (apt-get install chromium)"),
        .timeLimit(.minutes(5)))
    func firstScreen() throws {
        let folder = try MorningCommandTests.sampleRun()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["report", "--out", "report.html"], in: folder.url).status == 0)
        for (size, wide) in [("1280x800", true), ("390x844", false)] {
            let measure = folder.path("layout-\(size).json")
            let (status, text) = try Self.check(
                [folder.path("report.html"), folder.path("shot-\(size).png")],
                environment: ["CHECK_REPORT_SIZE": size, "CHECK_REPORT_MEASURE": measure])
            #expect(status == 0, "\(text)")
            let layout = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: measure)))
                    as? [String: Any])
            let height = try #require(layout["viewportHeight"] as? Double)
            let sections = try #require(layout["sections"] as? [String: [String: Double]])
            let ask = try #require(sections["ask"]?["top"])
            #expect(ask < height, "\(size): the ask list starts on the first screen")
            #expect(sections.values.allSatisfy { ($0["top"] ?? 0) >= ask }, "\(size): nothing comes before it")
            let email = try #require(layout["firstEmail"] as? [String: Any])
            #expect((email["text"] as? String)?.contains("@") == true)
            let emailTop = try #require(email["top"] as? Double)
            if wide { #expect(emailTop < height, "\(size): an e-mail on the first screen") }
            let width = try #require(layout["viewportWidth"] as? Double)
            let documentWidth = try #require(layout["documentWidth"] as? Double)
            #expect(documentWidth <= width, "\(size): no sideways scrolling")
        }
    }

    @Test(
        "the checker fails a page that loads from the network or logs an error",
        .enabled(if: hasBrowser, "Chromium is not installed (apt-get install chromium)"),
        .timeLimit(.minutes(5)))
    func checkerCanFail() throws {
        let folder = try TemporaryFolder()
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
