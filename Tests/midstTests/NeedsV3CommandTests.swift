import Foundation
import Testing

/// The columns of needs v3 (issue 24) from a file to the commands that show a need.
@Suite("Needs v3 on the command line")
struct NeedsV3CommandTests {
    @Test("skills_required and site languages by country import, and needs show and candidates use them")
    func v3ColumnsShown() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let csv = """
            id,partnership,host_institution,countries,professions,specialties,skills,skills_required,preferred_languages,mode
            N901,East Africa paediatric nursing,Mulago Hospital,UG;KE,nurse,nursing_children,education,all,lg;KE:luo:B2,either

            """
        try csv.write(to: folder.url.appendingPathComponent("v3.csv"), atomically: true, encoding: .utf8)
        let imported = try MidstProcess.run(["import", "needs", "v3.csv"], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let shown = try MidstProcess.run(["needs", "show", "N901"], in: folder.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("skills              education (skills_required all: each one, as well as a related specialty)"))
        #expect(shown.stdout.contains("lg (preferred, site), luo (preferred, site in KE)"))
        // Every candidate holds the skill as well as a related specialty.
        let candidates = try MidstProcess.run(
            ["candidates", "N901", "--top", "50", "--format", "csv"], in: folder.url)
        #expect(candidates.status == 0, "\(candidates.stderr)")
        let withAll = candidates.stdout.split(separator: "\n").dropFirst()
        #expect(!withAll.isEmpty)
        for line in withAll {
            #expect(line.contains("education") || line.contains("nursing_education"), "\(line)")
        }
        // With `any`, children's nurses who do not teach are candidates too.
        try csv.replacingOccurrences(of: ",all,", with: ",any,")
            .write(to: folder.url.appendingPathComponent("v3.csv"), atomically: true, encoding: .utf8)
        #expect(try MidstProcess.run(["import", "needs", "v3.csv"], in: folder.url).status == 0)
        let withAny = try MidstProcess.run(
            ["candidates", "N901", "--top", "50", "--format", "csv"], in: folder.url
        ).stdout.split(separator: "\n").dropFirst()
        #expect(withAny.count > withAll.count)
    }

    @Test("a partner Midst cannot find warns with the line and the nearest names, and needs show says so; a hospital resolves")
    func partnersResolveOrWarn() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let csv = """
            id,partnership,host_institution,country,profession,partner,mode
            N902,Wrexham–Kisumu,Jaramogi Oginga Odinga Hospital,KE,nurse,Wrexham Maelor Hospital,either
            N903,Sheffield–Lusaka,UTH Lusaka,ZM,nurse,Sheffeld Health and Social Care,either

            """
        try csv.write(to: folder.url.appendingPathComponent("partners.csv"), atomically: true, encoding: .utf8)
        let imported = try MidstProcess.run(["import", "needs", "partners.csv"], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("warning: partners.csv:3: field 'partner': partner 'Sheffeld Health and Social Care' is not a UK organisation Midst knows"))
        #expect(imported.stderr.contains("(TAH)"))
        #expect(!imported.stderr.contains("partners.csv:2:"))
        let resolved = try MidstProcess.run(["needs", "show", "N902"], in: folder.url)
        #expect(resolved.stdout.contains("Wrexham Maelor Hospital (7A1: Betsi Cadwaladr University Health Board)"))
        let unknown = try MidstProcess.run(["needs", "show", "N903"], in: folder.url)
        #expect(unknown.stdout.contains("is not a UK organisation Midst knows"))
        let search = try MidstProcess.run(
            ["reference", "organisations", "--search", "UHSM", "--format", "csv"], in: folder.url)
        #expect(search.status == 0)
        #expect(search.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) } == ["R0A"])
    }
}
