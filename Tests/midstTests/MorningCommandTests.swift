import Foundation
import Testing

/// The coordinator's morning (issue 13): gaps, the report, and what changed since last night.
@Suite("The coordinator's morning")
struct MorningCommandTests {
    /// A folder holding the sample data imported and one batch run.
    static func sampleRun() throws -> WorkFolder {
        let folder = try WorkFolder()
        for kind in ["staff", "needs", "outcomes"] {
            let result = try MidstProcess.run(["import", kind, sample("\(kind).csv")], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("gaps names every open need with a slot left, with the run's own proposal counts")
    func gapsAgreeWithTheRun() throws {
        let folder = try Self.sampleRun()
        defer { folder.cleanUp() }
        let gaps = try MidstProcess.run(["gaps", "--format", "json"], in: folder.url)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let object = try #require(try Self.json(gaps.stdout) as? [String: Any])
        let needs = try #require(object["needs"] as? [[String: Any]])
        let supply = try #require(object["supply"] as? [[String: Any]])
        let open = try #require(
            try Self.json(
                try MidstProcess.run(["needs", "list", "--status", "open", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        let shown = try #require(
            try Self.json(try MidstProcess.run(["show", "latest", "--format", "json"], in: folder.url).stdout)
                as? [[String: Any]])
        var proposed: [String: Int] = [:]
        for line in shown where line["proposed"] as? String == "yes" {
            proposed[line["need_id"] as! String, default: 0] += 1
        }
        let short = Set(open.filter { (proposed[$0["id"] as! String] ?? 0) < $0["slots"] as! Int }.map { $0["id"] as! String })
        #expect(!short.isEmpty)
        #expect(Set(needs.map { $0["need_id"] as! String }) == short)
        for need in needs {
            let id = need["need_id"] as! String
            #expect(need["proposed"] as? Int == proposed[id] ?? 0, "\(id)")
            #expect((need["why"] as? String)?.isEmpty == false)
        }
        #expect(supply.map { $0["needs"] as! Int }.reduce(0, +) == open.count)
        let table = try MidstProcess.run(["gaps"], in: folder.url)
        #expect(table.stdout.contains("Supply against demand"))
        let csv = try MidstProcess.run(["gaps", "--format", "csv"], in: folder.url)
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("--part"))
        let supplyCSV = try MidstProcess.run(["gaps", "--part", "supply", "--format", "csv"], in: folder.url)
        #expect(supplyCSV.stdout.hasPrefix("country,specialty,language,min_level,needs,slots,people,shortfall\n"))
    }
}
