import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("Importing teams of needs")
struct TeamImportTests {
    static let header =
        "id,partnership,host_institution,country,profession,team,team_languages,start,end,mode"

    private func importNeeds(_ lines: [String], into database: MidstDatabase, file: String = "teams.csv")
        throws -> ImportSummary
    {
        let csv = ([Self.header] + lines).joined(separator: "\n")
        return try database.importNeeds(Array(csv.utf8), options: options(file))
    }

    @Test("a team's members are stored with its id and languages and take its dates from a later member")
    func membersShareDatesAndLanguages() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let summary = try importNeeds(
            [
                "T-N1,Gulu team,Gulu Hospital,UG,doctor,GULU-1,,,,in-country",
                "T-N2,Gulu team,Gulu Hospital,UG,midwife,GULU-1,ach;lg:B2,2027-03-01,2027-03-14,in-country",
                "T-N3,Gulu team,Gulu Hospital,UG,nurse,GULU-1,lg:B2;ach:B1,,,in-country",
            ], into: database)
        #expect(summary.inserted == 3)
        #expect(summary.warnings.isEmpty)
        for id in ["T-N1", "T-N2", "T-N3"] {
            let need = try #require(try database.need(id: id))
            #expect(need.team == RecordID(rawValue: "GULU-1"))
            #expect(
                need.teamLanguages.map { "\($0.language):\($0.minimumLevel.code)" } == ["ach:B1", "lg:B2"])
            #expect(need.dates.start == CalendarDate(iso: "2027-03-01"))
            #expect(need.dates.end == CalendarDate(iso: "2027-03-14"))
            #expect(try database.openNeeds().first { $0.id.rawValue == id } == need)
        }
    }

    @Test("a member imported later takes the stored team's dates and languages")
    func storedTeam() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        _ = try importNeeds(
            ["T-N1,Gulu team,Gulu Hospital,UG,doctor,GULU-1,ach,2027-03-01,2027-03-14,in-country"],
            into: database, file: "first.csv")
        _ = try importNeeds(
            ["T-N2,Gulu team,Gulu Hospital,UG,midwife,GULU-1,,,,in-country"], into: database,
            file: "second.csv")
        let need = try #require(try database.need(id: "T-N2"))
        #expect(need.teamLanguages.map(\.language.rawValue) == ["ach"])
        #expect(need.dates.start == CalendarDate(iso: "2027-03-01"))
    }

    @Test("a member whose dates differ from the team's is imported with a warning naming file, line and field")
    func differentDatesWarn() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let summary = try importNeeds(
            [
                "T-N1,Gulu team,Gulu Hospital,UG,doctor,GULU-1,,2027-03-01,2027-03-14,in-country",
                "T-N2,Gulu team,Gulu Hospital,UG,midwife,GULU-1,,2027-03-08,2027-03-14,in-country",
            ], into: database)
        #expect(summary.inserted == 2)
        #expect(
            summary.warnings.map(\.description) == [
                "teams.csv:3: field 'start': the dates 2027-03-08 to 2027-03-14 differ from team 'GULU-1' (2027-03-01 to 2027-03-14, line 2); accepted"
            ])
        #expect(try database.need(id: "T-N2")?.dates.start == CalendarDate(iso: "2027-03-08"))
    }

    @Test("members that disagree on team_languages are refused, naming the line and field")
    func disagreeingLanguages() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let failure = try #require(
            throws: ImportFailure.self,
            performing: {
                try importNeeds(
                    [
                        "T-N1,Gulu team,Gulu Hospital,UG,doctor,GULU-1,ach,,,in-country",
                        "T-N2,Gulu team,Gulu Hospital,UG,midwife,GULU-1,lg,,,in-country",
                    ], into: database)
            })
        #expect(
            failure.issues.map(\.description) == [
                "teams.csv:3: field 'team_languages': team 'GULU-1' has the languages 'ach:B1' (line 2): leave this empty to take them, or give the same"
            ])
        #expect(try database.need(id: "T-N1") == nil)
    }

    @Test("a v2 needs file imports as before: no team, no team languages")
    func v2File() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let needs = try database.openNeeds()
        try #require(!needs.isEmpty)
        #expect(needs.allSatisfy { $0.team == nil && $0.teamLanguages.isEmpty })
        let nulls = try database.pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM need WHERE team IS NULL AND team_languages IS NULL")
        }
        #expect(nulls == 42)
    }
}
