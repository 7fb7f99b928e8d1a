import MidstCore
import Testing

@Suite("A needs file's teams")
struct TeamLedgerTests {
    static let now = Timestamp(parsing: "2026-11-25T12:00:00Z")!
    static let lg = Need.LanguageRequirement(language: LanguageCode(rawValue: "lg"), minimumLevel: .b1)
    static let sw = Need.LanguageRequirement(language: LanguageCode(rawValue: "sw"), minimumLevel: .b2)

    static func member(
        _ id: String, team: String? = "T1", languages: [Need.LanguageRequirement] = [],
        start: String? = nil, end: String? = nil
    ) -> Need {
        Need(
            id: RecordID(rawValue: id), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"), professions: [SpecialtyCode(rawValue: "doctor")],
            dates: CalendarDate.Window(
                start: start.flatMap(CalendarDate.init(iso:)), end: end.flatMap(CalendarDate.init(iso:))),
            mode: .inCountry, team: team.map(RecordID.init(rawValue:)), teamLanguages: languages,
            updatedAt: now)
    }

    @Test("a member that leaves team_languages empty is admitted; the first non-empty value is the team's")
    func emptyLanguagesInherit() throws {
        var ledger = TeamLedger(file: "needs.csv")
        let admitted1 = ledger.admit(Self.member("N1"), line: 2)
        #expect(admitted1 == nil)
        let admitted2 = ledger.admit(Self.member("N2", languages: [Self.lg, Self.sw]), line: 3)
        #expect(admitted2 == nil)
        let admitted3 = ledger.admit(Self.member("N3", languages: [Self.sw, Self.lg]), line: 4)
        #expect(admitted3 == nil)
        let team = try #require(ledger.teams[RecordID(rawValue: "T1")])
        #expect(team.languages?.requirements == [Self.lg, Self.sw])
        #expect(team.languages?.line == 3)
    }

    @Test("different team_languages within a team are an error naming the field and the first line")
    func differentLanguagesAreAnError() throws {
        var ledger = TeamLedger(file: "needs.csv")
        _ = ledger.admit(Self.member("N1", languages: [Self.lg]), line: 2)
        let refused = ledger.admit(Self.member("N2", languages: [Self.sw]), line: 5)
        let problem = try #require(refused)
        #expect(problem.field == "team_languages")
        #expect(problem.message.contains("team 'T1' has the languages 'lg:B1' (line 2)"))
        // Another team may name other languages.
        let admitted4 = ledger.admit(Self.member("N3", team: "T2", languages: [Self.sw]), line: 6)
        #expect(admitted4 == nil)
    }

    @Test("undated members are listed for the team's dates; dated ones set them")
    func undatedMembers() throws {
        var ledger = TeamLedger(file: "needs.csv")
        _ = ledger.admit(Self.member("N1"), line: 2)
        _ = ledger.admit(Self.member("N2", start: "2027-02-01", end: "2027-02-14"), line: 3)
        _ = ledger.admit(Self.member("N3"), line: 4)
        let team = try #require(ledger.teams[RecordID(rawValue: "T1")])
        #expect(team.undated.map(\.rawValue) == ["N1", "N3"])
        #expect(team.dates?.window.start == CalendarDate(iso: "2027-02-01"))
        #expect(team.dates?.line == 3)
        #expect(ledger.warnings.isEmpty)
    }

    @Test("a member whose dates differ from the team's is admitted with a warning naming file, line and field")
    func differentDatesWarn() throws {
        var ledger = TeamLedger(file: "needs.csv")
        _ = ledger.admit(Self.member("N1", start: "2027-02-01", end: "2027-02-14"), line: 2)
        let second = ledger.admit(Self.member("N2", start: "2027-02-01", end: "2027-02-21"), line: 7)
        let third = ledger.admit(Self.member("N3", start: "2027-02-01", end: "2027-02-14"), line: 8)
        #expect(second == nil && third == nil)
        let warning = try #require(ledger.warnings.first)
        #expect(ledger.warnings.count == 1)
        #expect(
            warning.description.hasPrefix(
                "needs.csv:7: field 'end': the dates 2027-02-01 to 2027-02-21 differ from team 'T1'"))
        #expect(warning.message.contains("(2027-02-01 to 2027-02-14, line 2); accepted"))
    }

    @Test("a need without a team is admitted and recorded nowhere")
    func noTeam() {
        var ledger = TeamLedger(file: "needs.csv")
        let admitted5 = ledger.admit(Self.member("N1", team: nil), line: 2)
        #expect(admitted5 == nil)
        #expect(ledger.teams.isEmpty)
    }

    @Test("a team language is covered by its language or an ISO 639-3 equivalent at the level or above")
    func coverage() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let swahili = Need.LanguageRequirement(language: LanguageCode(rawValue: "sw"), minimumLevel: .b2)
        let people: [(id: RecordID, languages: [Staff.LanguageSkill])] = [
            (RecordID(rawValue: "S1"), [Staff.LanguageSkill(language: LanguageCode(rawValue: "sw"), level: .b1)]),
            (RecordID(rawValue: "S2"), [Staff.LanguageSkill(language: LanguageCode(rawValue: "swh"), level: .c1)]),
        ]
        let covered = Need.teamCoverage(of: [swahili, Self.lg], by: people, reference: reference)
        #expect(covered.map(\.coveredBy) == [RecordID(rawValue: "S2"), nil])
    }

    @Test("team languages round-trip through their import syntax")
    func syntax() {
        let text = Need.LanguageRequirement.importSyntax([Self.lg, Self.sw])
        #expect(text == "lg:B1;sw:B2")
        #expect(Need.LanguageRequirement.parsing(importSyntax: text) == [Self.lg, Self.sw])
    }
}
