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
