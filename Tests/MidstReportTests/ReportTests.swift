import Foundation
import MidstCore
import MidstReport
import MidstTestSupport
import Testing

@testable import MidstStore

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("The run report")
struct ReportTests {
    static let now = Timestamp(parsing: "2026-11-27T08:00:00Z")!

    /// The sample database with one recorded run; returns it and the run.
    static func sampleWithRun(in folder: TemporaryFolder) async throws -> (MidstDatabase, RunRecord) {
        let database = try sampleDatabase(in: folder)
        let id = try database.recordRun(try await completedRun(database, top: 20))
        return (database, try #require(try database.run(String(id))))
    }

    /// Whether `html` parses as XML: every element closed, in order, attributes quoted.
    static func isWellFormed(_ html: String) -> (Bool, String) {
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let ok = parser.parse()
        return (ok, "\(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
    }

    @Test("the figures add up to the run's: every need once, proposals, shortlists and scores")
    func figuresAddUp() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, run) = try await Self.sampleWithRun(in: folder)
        let report = try RunReport.gather(
            run: run, from: database, options: RunReport.Options(candidatesPerNeed: 3, generatedAt: Self.now))
        #expect(report.needs.count == run.needs, "every open need the run scored, once")
        #expect(Set(report.needs.map(\.need.id)).count == report.needs.count)
        #expect(report.needs.map(\.proposed).reduce(0, +) == run.assigned)
        #expect(report.needs.map(\.shortlisted).reduce(0, +) == run.edges)
        #expect(NeedState.allCases.map(report.count).reduce(0, +) == report.needs.count)
        #expect(report.needs.allSatisfy { $0.state.isMatched }, "the run's needs are the ones it matched")
        #expect(report.shortlistScores.count == run.edges)
        #expect(report.proposedScores.count == run.assigned)
        let pairs = try database.assignments(run: run.id)
        for section in report.needs {
            let proposedHere = Set(pairs.filter { $0.needID == section.need.id.rawValue }.map(\.staffID))
            #expect(Set(section.candidates.filter(\.proposed).map(\.person)) == proposedHere, "\(section.need.id)")
            #expect(section.candidates.allSatisfy { $0.rank <= 3 || $0.proposed })
            for candidate in section.candidates {
                #expect(abs(candidate.contributions.sum - candidate.score) < 0.01, "bars add up to the score")
                #expect(!candidate.reasons.isEmpty)
                #expect(candidate.name != nil, "sample staff have names")
            }
        }
        #expect(report.previousRunID == nil)
        #expect(report.gaps.needs.count == report.needs.filter { $0.proposed < $0.openSlots }.count)
        #expect(report.toAsk.count + report.awaited.count == run.assigned, "sample staff all consent")
        #expect(report.toAsk.allSatisfy { $0.email?.contains("@") ?? true })
        #expect(report.toAsk.contains { $0.email != nil })
    }

    @Test("the page is well-formed, self-contained, collapsed per need, and names only consenting staff")
    func pageIsSelfContained() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, run) = try await Self.sampleWithRun(in: folder)
        let lines = try database.shortlist(run: run.id)
        let leaving = try #require(lines.first { $0.rank == 1 }?.staffID)
        let name = try #require(try database.staff(id: leaving)?.name)
        try database.changeConsent(staffID: leaving, to: false, reason: "test", at: Self.now)
        let html = ReportPage(
            report: try RunReport.gather(
                run: run, from: database, options: RunReport.Options(generatedAt: Self.now))
        ).html()
        let (ok, problem) = Self.isWellFormed(html)
        #expect(ok, "\(problem)")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["<script", "src=", "<link", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        let hrefs = html.components(separatedBy: "href=\"").dropFirst()
        #expect(
            !hrefs.isEmpty && hrefs.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("mailto:") },
            "links only within the page, or to write an e-mail")
        #expect(html.contains("<tbody id=\"need-N001\">"), "each need has its own rows, to link to")
        #expect(html.contains("<details class=\"country\">") && !html.contains("<details class=\"country\" open"), "collapsed until opened")
        #expect(html.contains("role=\"img\""))
        #expect(!html.contains(leaving) && !html.contains(name), "a withdrawn person is not shown")
        #expect(html.contains(RunReport.unmatchablePlaceholder))
        // The morning's work first, the engine's statistics last.
        let order = ["ask", "awaited", "gaps", "activity", "states", "scores", "needs", "summary"]
        let positions = order.compactMap { html.range(of: "<section id=\"\($0)\">")?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        let ask = try #require(html.range(of: "<section id=\"ask\">"))
        let awaited = try #require(html.range(of: "<section id=\"awaited\">"))
        #expect(html[ask.upperBound..<awaited.lowerBound].contains("mailto:"), "the ask list has e-mails")
    }

    @Test("a pseudonymised page holds no staff id and no name")
    func pseudonymised() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, run) = try await Self.sampleWithRun(in: folder)
        let pseudonymiser = Pseudonymiser(key: Array(repeating: 7, count: 32))
        let html = ReportPage(
            report: try RunReport.gather(
                run: run, from: database,
                options: RunReport.Options(pseudonymiser: pseudonymiser, generatedAt: Self.now))
        ).html()
        let shownPerNeed = RunReport.Options(generatedAt: Self.now).candidatesPerNeed
        let shown = try database.shortlist(run: run.id).filter { $0.rank <= shownPerNeed }
        #expect(!shown.isEmpty)
        for line in shown {
            #expect(!html.contains(">\(line.staffID)"), "\(line.staffID)")
            #expect(html.contains(pseudonymiser.pseudonym(for: line.staffID)))
            let name = try #require(try database.staff(id: line.staffID)?.name)
            #expect(!html.contains(name))
        }
        #expect(!html.contains("@nhs.example") && !html.contains("mailto:"), "no e-mail address")
    }

    @Test("decisions and outcomes since the previous run are listed, newest first")
    func activitySincePreviousRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, first) = try await Self.sampleWithRun(in: folder)
        let pair = try #require(try database.assignments(run: first.id).first)
        try database.recordOutcome(
            Outcome(
                needID: RecordID(rawValue: pair.needID), staffID: RecordID(rawValue: pair.staffID),
                kind: .asked, date: sampleDay))
        let later = try await NightlyRun(
            options: NightlyRun.Options(top: 20, asOf: sampleDay.adding(days: 1))
        ).run(on: database)
        let report = try RunReport.gather(
            run: later.record, from: database, options: RunReport.Options(generatedAt: Self.now))
        #expect(report.activity.contains { $0.needID == pair.needID && $0.person == pair.staffID && $0.what == "asked" })
        let awaited = try #require(report.awaited.first { $0.needID == pair.needID && $0.person == pair.staffID })
        #expect(awaited.daysWaiting == 1)
        #expect(!report.toAsk.contains { $0.needID == pair.needID && $0.person == pair.staffID })
    }

    @Test("markup in any field is shown as text, never as markup")
    func hostileText() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, run) = try await Self.sampleWithRun(in: folder)
        let hostile = "<script>alert('x')</script> \"><img src=x onerror=alert(1)> & \u{202E}\u{1B}[31m"
        let leader = try #require(try database.shortlist(run: run.id).first { $0.rank == 1 })
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE staff SET name = ? WHERE id = ?", arguments: [hostile, leader.staffID])
            try db.execute(sql: "UPDATE need SET host_institution = ? WHERE id = ?", arguments: [hostile, leader.needID])
        }
        let html = ReportPage(
            report: try RunReport.gather(run: run, from: database, options: RunReport.Options(generatedAt: Self.now))
        ).html()
        let (ok, problem) = Self.isWellFormed(html)
        #expect(ok, "\(problem)")
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; \\u{202e}\\u{1b}[31m"))
    }

    @Test("the changes since the previous run match RunDiff, and the earlier run is named")
    func changes() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (database, first) = try await Self.sampleWithRun(in: folder)
        let leader = try #require(try database.shortlist(run: first.id).first { $0.rank == 1 })
        try database.changeConsent(staffID: leader.staffID, to: false, reason: "test", at: Self.now)
        let second = try database.recordRun(try await completedRun(database, top: 20))
        let report = try RunReport.gather(
            run: try #require(try database.run(String(second))), from: database,
            options: RunReport.Options(generatedAt: Self.now))
        #expect(report.previousRunID == first.id)
        let left = report.changes.filter { $0.kind == "left" && $0.needID == leader.needID }
        #expect(left.count >= 1)
        #expect(left.allSatisfy { $0.person != leader.staffID }, "who left is not named once they withdrew")
        #expect(report.needsChanged >= 1 && report.needsChanged <= report.run.needs)
        #expect(report.previousRunNeeds == first.needs)
        #expect(report.changeCounts.values.reduce(0, +) >= report.changes.count)

        // Cut to two a need: the people outranked are still matchable, so they are named.
        let third = try database.recordRun(try await completedRun(database, top: 2))
        let cut = try RunReport.gather(
            run: try #require(try database.run(String(third))), from: database,
            options: RunReport.Options(generatedAt: Self.now))
        let outranked = cut.changes.filter { $0.kind == "left" }
        #expect(!outranked.isEmpty)
        #expect(outranked.allSatisfy { $0.person != RunReport.unmatchablePlaceholder && $0.person.hasPrefix("S") })
        #expect(cut.changeCounts["left"] == outranked.count)
    }
}
