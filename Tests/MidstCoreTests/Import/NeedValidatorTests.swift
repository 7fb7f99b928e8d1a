import MidstCore
import Testing

/// A need field given a bad value and what the validator should say about it.
struct BadNeedField: Sendable, CustomTestStringConvertible {
    var column: NeedColumn
    var value: String
    /// Pieces of text the message must contain.
    var message: [String]
    var testDescription: String { "\(column.name) = \(value)" }

    init(_ column: NeedColumn, _ value: String, _ message: String...) {
        self.column = column
        self.value = value
        self.message = message
    }
}

@Suite("Validating needs")
struct NeedValidatorTests {
    static let now = Timestamp(parsing: "2026-11-25T12:00:00Z")!
    let validator = NeedValidator(reference: ReferenceFixtures.small, now: Self.now)

    /// The smallest valid row: only the required fields, on line 12.
    static func minimalRow() -> ImportRow<NeedColumn> {
        var row = ImportRow<NeedColumn>(line: 12, columnCount: NeedColumn.allCases.count)
        row[.id] = "N1"
        row[.partnership] = "Kampala–Cambridge"
        row[.hostInstitution] = "Mulago Hospital"
        row[.country] = "UG"
        row[.profession] = "doctor"
        row[.mode] = "remote"
        return row
    }

    private func validate(_ row: ImportRow<NeedColumn>) -> Result<Need, ImportFailure> {
        validator.validate(row, file: "needs.csv")
    }

    // MARK: Valid rows

    @Test("a full row maps to the expected need, codes normalised")
    func fullRow() throws {
        var row = ImportRow<NeedColumn>(line: 3, columnCount: NeedColumn.allCases.count)
        row[.id] = "N-7"
        row[.partnership] = "Kampala–Cambridge Health Partnership"
        row[.hostInstitution] = " Mulago National Referral Hospital "
        row[.country] = "uga"
        row[.profession] = "DOCTOR"
        row[.specialty] = "Neonatal_Medicine"
        row[.minSeniority] = "ST3"
        row[.requiredLanguages] = "en:B2; lug:b1"
        row[.preferredLanguages] = "sw;yor:C1"
        row[.start] = "2026-01-10"
        row[.end] = "2026-06-30"
        row[.mode] = "In_Country"
        row[.slots] = "2"
        row[.priority] = "5"
        row[.status] = "Filled"
        row[.description] = "Teach neonatal resuscitation, two weeks"
        row[.updatedAt] = "2026-11-01"
        let need = try validate(row).get()
        let expected = Need(
            id: recordID("N-7"), partnership: "Kampala–Cambridge Health Partnership",
            hostInstitution: "Mulago National Referral Hospital", country: countryCode("UG"),
            professions: [specialtyCode("doctor")], specialties: [specialtyCode("neonatal_medicine")],
            minimumSeniority: try #require(Seniority(rawValue: 2)),
            requiredLanguages: [
                Need.LanguageRequirement(language: languageCode("en"), minimumLevel: .b2),
                Need.LanguageRequirement(language: languageCode("lg"), minimumLevel: .b1),
            ],
            preferredLanguages: [
                Need.LanguageRequirement(language: languageCode("sw"), minimumLevel: .b1),
                Need.LanguageRequirement(language: languageCode("yo"), minimumLevel: .c1),
            ],
            dates: CalendarDate.Window(
                start: CalendarDate(iso: "2026-01-10"), end: CalendarDate(iso: "2026-06-30")),
            mode: .inCountry, slots: 2, priority: 5, status: .filled,
            description: "Teach neonatal resuscitation, two weeks",
            updatedAt: try #require(Timestamp(parsing: "2026-11-01T00:00:00Z")))
        #expect(need == expected)
    }

    @Test("optional fields take their defaults")
    func defaults() throws {
        let need = try validate(Self.minimalRow()).get()
        let expected = Need(
            id: recordID("N1"), partnership: "Kampala–Cambridge",
            hostInstitution: "Mulago Hospital",
            country: countryCode("UG"), professions: [specialtyCode("doctor")], mode: .remote,
            updatedAt: Self.now)
        #expect(need == expected)
        #expect(need.specialties.isEmpty)
        #expect(need.minimumSeniority == .lowest)
        #expect((need.slots, need.priority, need.status) == (1, 3, .open))
        #expect(need.requiredLanguages.isEmpty && need.preferredLanguages.isEmpty)
        #expect(need.dates == CalendarDate.Window())
        #expect(need.description == nil)
    }

    @Test("a preferred language without a level asks for B1")
    func preferredDefaultLevel() throws {
        var row = Self.minimalRow()
        row[.preferredLanguages] = "lug; sw:C2"
        #expect(
            try validate(row).get().preferredLanguages == [
                Need.LanguageRequirement(language: languageCode("lg"), minimumLevel: .b1),
                Need.LanguageRequirement(language: languageCode("sw"), minimumLevel: .c2),
            ])
    }

    @Test("Somaliland is accepted by its alpha-3 code")
    func somaliland() throws {
        var row = Self.minimalRow()
        row[.country] = "XSL"
        #expect(try validate(row).get().country == countryCode("XS"))
    }

    @Test(
        "modes are remote, in-country or either in any case",
        arguments: [
            ("remote", Need.Mode.remote), ("Remote", .remote), ("in-country", .inCountry),
            ("IN_COUNTRY", .inCountry),
            ("either", .either), ("Either", .either),
        ])
    func modes(text: String, mode: Need.Mode) throws {
        var row = Self.minimalRow()
        row[.mode] = text
        #expect(try validate(row).get().mode == mode)
    }

    @Test(
        "statuses are open, filled or closed in any case",
        arguments: [("open", Need.Status.open), ("filled", .filled), ("CLOSED", .closed)])
    func statuses(text: String, status: Need.Status) throws {
        var row = Self.minimalRow()
        row[.status] = text
        #expect(try validate(row).get().status == status)
    }

    @Test("the bounds of slots and priority are accepted", arguments: [("1", "1"), ("100", "5")])
    func bounds(slots: String, priority: String) throws {
        var row = Self.minimalRow()
        row[.slots] = slots
        row[.priority] = priority
        let need = try validate(row).get()
        #expect((need.slots, need.priority) == (Int(slots), Int(priority)))
    }

    @Test("a skill (here by its older code) is open to a need of any profession")
    func managementSpecialty() throws {
        var row = Self.minimalRow()
        row[.profession] = "nurse"
        row[.specialty] = "health_education"
        #expect(try validate(row).get().specialties == [specialtyCode("education")])
    }

    @Test("several professions, and a specialty of any of them")
    func severalProfessions() throws {
        var row = Self.minimalRow()
        row[.profession] = "doctor;nurse"
        row[.specialty] = "neonatal_medicine;nursing_children"
        let need = try validate(row).get()
        #expect(need.professions == [specialtyCode("doctor"), specialtyCode("nurse")])
        #expect(
            need.specialties == [specialtyCode("neonatal_medicine"), specialtyCode("nursing_children")])
    }

    @Test("the site is kept as given")
    func site() throws {
        var row = Self.minimalRow()
        row[.site] = "Gulu"
        #expect(try validate(row).get().site == "Gulu")
        #expect(try validate(Self.minimalRow()).get().site == nil)
    }

    @Test("several specialties, any of which the need accepts, in the order given")
    func severalSpecialties() throws {
        var row = Self.minimalRow()
        row[.specialty] = "neonatal_medicine; paediatrics"
        #expect(
            try validate(row).get().specialties
                == [specialtyCode("neonatal_medicine"), specialtyCode("paediatrics")])
    }

    // MARK: Invalid rows

    @Test("every missing required field is reported on the record's line")
    func missingRequired() {
        let row = ImportRow<NeedColumn>(line: 12, columnCount: NeedColumn.allCases.count)
        #expect(
            issues(validate(row))
                == ["id", "partnership", "host_institution", "country", "profession", "mode"].map {
                    ImportIssue(
                        file: "needs.csv", line: 12, field: $0, message: "a value is required")
                })
    }

    static let badFields: [BadNeedField] = [
        BadNeedField(.id, "N/1", "'N/1'", "not a valid id"),
        BadNeedField(.country, "ZZZ", "unknown country code 'ZZZ'"),
        BadNeedField(.country, "Ugnada", "unknown country code 'Ugnada'"),
        BadNeedField(.country, "Ugandaa", "did you mean UG (Uganda)?"),
        BadNeedField(.country, "UG;UGA", "country 'UG' is listed twice"),
        BadNeedField(.skills, "paediatrics", "'paediatrics' is a specialty, not a skill"),
        BadNeedField(.partner, "RGT;rgt", "'rgt' is listed twice"),
        BadNeedField(.minScore, "101", "'101' is not a number from 0 to 100"),
        BadNeedField(.minScore, "high", "'high' is not a number from 0 to 100"),
        BadNeedField(.requireSpecialty, "maybe", "'maybe' is not yes/no"),
        BadNeedField(.profession, "surgeon", "unknown profession 'surgeon'"),
        BadNeedField(.specialty, "cardiology", "unknown specialty 'cardiology'"),
        BadNeedField(
            .specialty, "nursing_children", "'nursing_children'", "profession 'nurse'",
            "not 'doctor'"),
        BadNeedField(
            .specialty, "paediatrics;paediatrics", "specialty 'paediatrics' is listed twice"),
        BadNeedField(.specialty, "paediatrics:ST3", "'paediatrics:ST3' is not a specialty code"),
        BadNeedField(.specialty, "paediatrics;cardiology", "unknown specialty 'cardiology'"),
        BadNeedField(.profession, "doctor;doctor", "profession 'doctor' is listed twice"),
        BadNeedField(.profession, "doctor;surgeon", "unknown profession 'surgeon'"),
        BadNeedField(.minSeniority, "band4", "'band4'"),
        BadNeedField(.requiredLanguages, "en", "'en' is not LANG:LEVEL"),
        BadNeedField(.requiredLanguages, "xx:B2", "unknown language code 'xx'"),
        BadNeedField(.requiredLanguages, "en:B2;eng:C1", "language 'en' is listed twice"),
        BadNeedField(.preferredLanguages, "sw:good", "'good' is not a language level"),
        BadNeedField(.preferredLanguages, "sw;swa", "language 'sw' is listed twice"),
        BadNeedField(
            .preferredLanguages, "NG:yo", "'NG:yo' names country NG",
            "not one of the need's countries (UG)"),
        BadNeedField(.preferredLanguages, "UG:sw:B1:C1", "is not LANG, LANG:LEVEL or COUNTRY:LANG:LEVEL"),
        BadNeedField(.preferredLanguages, "ZZ:sw:B1", "unknown country code 'ZZ'"),
        BadNeedField(.skillsRequired, "both", "'both' is not any or all"),
        BadNeedField(.team, "Gulu team", "'Gulu team' is not a valid id"),
        BadNeedField(.teamLanguages, "lg", "names languages, but the need names no team"),
        BadNeedField(.skillsRequired, "all", "is all, but the need names no skills"),
        BadNeedField(.start, "2026-1-10", "'2026-1-10' is not a date"),
        BadNeedField(.end, "soon", "'soon' is not a date"),
        BadNeedField(.mode, "hybrid", "'hybrid' is not remote, in-country or either"),
        BadNeedField(.mode, "both ways", "'both ways'"),
        BadNeedField(.slots, "0", "'0'", "from 1 to 100"),
        BadNeedField(.slots, "101", "'101'", "from 1 to 100"),
        BadNeedField(.priority, "0", "'0'", "from 1 to 5"),
        BadNeedField(.priority, "6", "'6'", "from 1 to 5"),
        BadNeedField(.priority, "high", "'high'", "from 1 to 5"),
        BadNeedField(.status, "pending", "'pending' is not open, filled or closed"),
        BadNeedField(.updatedAt, "2026-11-01T25:00:00Z", "'2026-11-01T25:00:00Z'"),
    ]

    @Test("a bad field gives one issue naming the field and the line", arguments: badFields)
    func badField(_ bad: BadNeedField) throws {
        var row = Self.minimalRow()
        row[bad.column] = bad.value
        let found = issues(validate(row))
        let issue = try #require(found.count == 1 ? found.first : nil, "\(found)")
        #expect(issue.file == "needs.csv")
        #expect(issue.line == 12)
        #expect(issue.field == bad.column.name)
        for piece in bad.message {
            #expect(issue.message.contains(piece), "\(issue.message)")
        }
    }

    @Test("a regional need's site languages may name their country; the main country's keep none")
    func siteLanguagesByCountry() throws {
        var row = Self.minimalRow()
        row[.country] = "UG;NG"
        row[.preferredLanguages] = "NG:yo:C1;lg;UG:sw;NG:sw:A2"
        let need = try validate(row).get()
        #expect(
            need.preferredLanguages == [
                Need.LanguageRequirement(
                    language: LanguageCode(rawValue: "yo"), minimumLevel: .c1,
                    country: CountryCode(rawValue: "NG")),
                Need.LanguageRequirement(language: LanguageCode(rawValue: "lg"), minimumLevel: .b1),
                Need.LanguageRequirement(language: LanguageCode(rawValue: "sw"), minimumLevel: .b1),
                Need.LanguageRequirement(
                    language: LanguageCode(rawValue: "sw"), minimumLevel: .a2,
                    country: CountryCode(rawValue: "NG")),
            ])
        #expect(need.skillsRequired == .any)
    }

    @Test("a language both required and preferred is an error on preferred_languages")
    func requiredAndPreferred() {
        var row = Self.minimalRow()
        row[.requiredLanguages] = "en:B2;lg:B1"
        row[.preferredLanguages] = "lug;sw"
        #expect(
            issues(validate(row)) == [
                ImportIssue(
                    file: "needs.csv", line: 12, field: "preferred_languages",
                    message: "language 'lg' is already required")
            ])
    }

    @Test("an end before the start is reported on end")
    func endBeforeStart() {
        var row = Self.minimalRow()
        row[.start] = "2026-06-30"
        row[.end] = "2026-01-10"
        #expect(
            issues(validate(row)) == [
                ImportIssue(
                    file: "needs.csv", line: 12, field: "end",
                    message: "2026-01-10 is before start 2026-06-30")
            ])
    }

    @Test("several errors in one row are all reported, in column order")
    func severalErrors() {
        var row = Self.minimalRow()
        row[.country] = "ZZ"
        row[.specialty] = "nursing_children"
        row[.requiredLanguages] = "en"
        row[.mode] = "sometimes"
        row[.slots] = "0"
        row[.priority] = "9"
        row[.status] = "done"
        let found = issues(validate(row))
        #expect(
            found.map(\.field) == [
                "country", "specialty", "required_languages", "mode", "slots", "priority", "status",
            ])
        #expect(found.allSatisfy { $0.line == 12 && $0.file == "needs.csv" })
    }

    @Test(
        "a need's bad value is shown with its controls escaped and cut short, never raw",
        arguments: [
            ("hybrid\u{1B}[2J\u{1B}[31m", "'hybrid\\u{1b}[2J\\u{1b}[31m'"),
            ("remote\nin-country", "'remote\\u{a}in-country'"),
            ("either\u{0}", "'either\\u{0}'"),
            (String(repeating: "x", count: 500), "'" + String(repeating: "x", count: 60) + "…'"),
        ])
    func escapedValue(value: String, shown: String) throws {
        var row = Self.minimalRow()
        row[.mode] = value
        let found = issues(validate(row))
        let issue = try #require(found.first { $0.message.hasPrefix("the value") })
        #expect(
            issue.message
                == "the value \(shown) is not remote, in-country or either (or both; docs/FORMATS.md)")
        for issue in found {
            #expect(!issue.description.unicodeScalars.contains { $0.value < 0x20 }, "\(issue)")
        }
    }

    @Test("a need dated after tomorrow is refused on updated_at")
    func futureNeed() throws {
        var row = Self.minimalRow()
        row[.updatedAt] = "2062-11-20"
        let issue = try #require(issues(validate(row)).first)
        #expect(issue.field == "updated_at")
        #expect(issue.message.hasPrefix("2062-11-20 is in the future"))
    }
}
