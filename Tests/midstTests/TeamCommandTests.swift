import Foundation
import MidstTestSupport
import Testing

@Suite("Teams in needs list and needs show")
struct TeamCommandTests {
    static let teamFile = """
        id,partnership,host_institution,country,profession,specialty,team,team_languages,start,end,mode
        T001,Gulu maternity team,Gulu Regional Referral Hospital,UG,doctor,obstetrics_gynaecology,GULU-1,lg,2026-07-01,2026-07-14,in-country
        T002,Gulu maternity team,Gulu Regional Referral Hospital,UG,midwife,,GULU-1,,,,in-country
        T003,Gulu maternity team,Gulu Regional Referral Hospital,UG,doctor,anaesthesia,GULU-1,,2026-07-01,2026-07-21,in-country
        T004,Limpopo team,Elim Hospital,ZA,nurse,,ELIM-1,ve:C1,2026-07-01,2026-07-14,remote
        T005,Limpopo team,Elim Hospital,ZA,midwife,,ELIM-1,,,,remote

        """

    @Test("needs list --team lists the team's needs with its columns; needs show gives members, languages and coverage")
    func listAndShow() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        try Self.teamFile.write(toFile: folder.path("team.csv"), atomically: true, encoding: .utf8)
        let imported = try MidstProcess.run(["import", "needs", "team.csv"], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stderr.contains(
                "warning: team.csv:4: field 'end': the dates 2026-07-01 to 2026-07-21 differ from team 'GULU-1'"),
            "\(imported.stderr)")
        let listed = try MidstProcess.run(
            ["needs", "list", "--team", "GULU-1", "--format", "csv"], in: folder.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",team,team_languages") == true)
        #expect(lines.dropFirst().map { String($0.prefix(4)) } == ["T001", "T002", "T003"])
        // The undated member took the team's dates from the first dated one.
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",GULU-1,lg:B1") })
        #expect(lines[2].contains(",2026-07-01,2026-07-14,"))
        let run = try MidstProcess.run(["run", "--top", "5"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("team languages      2: "), "\(run.stdout)")
        #expect(run.stdout.contains("cannot be covered   team ELIM-1: ve at C1"))
        #expect(run.stdout.contains("proposal objective  "))
        let shownRun = try MidstProcess.run(["show", "1"], in: folder.url)
        #expect(shownRun.stdout.contains("team languages      2: "), "\(shownRun.stdout)")
        let gaps = try MidstProcess.run(["gaps"], in: folder.url)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        #expect(gaps.stdout.contains("  team GULU-1: "), "\(gaps.stdout)")
        #expect(gaps.stdout.contains(" of 3 roles proposed"))
        #expect(gaps.stdout.contains("ve at C1 cannot be covered; "), "\(gaps.stdout)")
        let shown = try MidstProcess.run(["needs", "show", "T002"], in: folder.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("GULU-1: T001 ("), "\(shown.stdout)")
        #expect(shown.stdout.contains("T003 ("))
        #expect(shown.stdout.contains("team languages      lg at B1: "))
    }
}

@Suite("The run's summary at many teams")
struct ManyTeamsSummaryTests {
    @Test("the run names at most ten team languages, those that cannot be covered first, and counts the rest for gaps")
    func summaryCapped() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for arguments in [
            ["generate", "--staff", "2000", "--needs", "300", "--seed", "3", "--out", "data"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // "team languages      29: 8 covered, 3 repaired (loss 6.33), 18 cannot be covered"
        let counts = try #require(lines.first { $0.hasPrefix("team languages") })
        let numbers = counts.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        let repaired = Int(numbers[2])
        let uncovered = Int(numbers[4])
        try #require(repaired + uncovered > 10, "the generated data must leave more than ten for the test to mean anything: \(counts)")
        let named = lines.filter { $0.hasPrefix("repaired ") || $0.hasPrefix("cannot be covered ") }
        #expect(named.count == 10)
        // Those that need a coordinator's action come first.
        let firstRepaired = named.firstIndex { $0.hasPrefix("repaired ") } ?? named.count
        #expect(named[..<firstRepaired].count == min(uncovered, 10))
        #expect(named[firstRepaired...].allSatisfy { $0.hasPrefix("repaired ") })
        #expect(lines.contains("… and \(repaired + uncovered - 10) more team languages repaired or not covered: `midst gaps --part teams` lists them all"), "\(run.stdout)")
        // gaps lists every one of them.
        let gaps = try MidstProcess.run(["gaps", "--part", "teams", "--format", "csv"], in: folder.url)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let rows = gaps.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count { $0.contains(",repaired,") } == repaired, "\(gaps.stdout)")
        #expect(rows.count { $0.contains(",uncovered,") } == uncovered)
    }
}
