import Foundation
import MidstTestSupport
import Testing

/// Logs and error messages never contain a personal field.
@Suite("No personal field in logs or messages")
struct PersonalFieldsTests {
    /// Every sample person's name and e-mail.
    static func personalFields() throws -> [String] {
        let text = try String(contentsOfFile: sample("staff.csv"), encoding: .utf8)
        var fields: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            fields += [String(cells[1]), String(cells[2])].filter { !$0.isEmpty }
        }
        return fields
    }

    @Test("the sample workflow, at trace level, with failures, prints no sample name or e-mail outside query results")
    func sampleWorkflow() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let environment = ["MIDST_LOG_LEVEL": "trace"]
        // A bad file built from real rows: every personal field in it is wrong somehow.
        let rows = try String(contentsOfFile: sample("staff.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(4)
        let broken = rows.enumerated().map { index, line in
            index == 0 ? String(line) : line.replacingOccurrences(of: "@", with: " at ")
                .replacingOccurrences(of: ",yes,", with: ",perhaps,")
        }.joined(separator: "\n") + "\n"
        try broken.write(toFile: folder.path("broken.csv"), atomically: true, encoding: .utf8)
        let steps: [(arguments: [String], showsPeople: Bool)] = [
            (["import", "staff", sample("staff.csv")], false),
            (["import", "needs", sample("needs.csv")], false),
            (["import", "outcomes", sample("outcomes.csv")], false),
            (["import", "staff", "broken.csv"], false),
            (["import", "staff", "broken.csv", "--skip-invalid", "--rejects", "r.csv"], false),
            (["run"], false), (["run", "--top", "3"], false), (["runs"], false),
            (["show", "latest"], false), (["diff", "1", "2"], false),
            (["export", "latest", "--what", "shortlist", "--out", "s.csv"], false),
            (["decide", "N001", "S0288", "--pin", "--reason", "spoke to them"], false),
            (["decisions"], false), (["outcome", "N001", "S0288", "accepted"], false),
            (["staff", "consent", "S0288", "--withdraw", "--reason", "asked"], false),
            (["decide", "N001", "S0288", "--clear"], false),
            (["evaluate"], false), (["tune", "--out", "tuned.json"], false),
            (["features", "--out", "features.csv"], false),
            (["backup", "copy.sqlite"], false), (["staff", "forget", "S0156", "--yes"], false),
            (["why", "N001", "S0999"], false), (["candidates", "N999"], false),
            (["candidates", "N001", "--top", "3"], true), (["why", "N001", "S0086"], true),
            (["search", "--profession", "doctor", "--limit", "3"], true),
            (["staff", "show", "S0288"], true),
        ]
        let fields = try Self.personalFields()
        for step in steps {
            let result = try MidstProcess.run(step.arguments, in: folder.url, environment: environment)
            let checked = step.showsPeople ? result.stderr : result.stdout + result.stderr
            for field in fields where checked.contains(field) {
                Issue.record("\(step.arguments) printed a personal field")
            }
        }
    }
}
