import MidstCore
import Testing

/// A field given a bad value and what the validator should say about it.
struct BadStaffField: Sendable, CustomTestStringConvertible {
    var column: StaffColumn
    var value: String
    /// Pieces of text the message must contain.
    var message: [String]
    var testDescription: String { "\(column.name) = \(value)" }

    init(_ column: StaffColumn, _ value: String, _ message: String...) {
        self.column = column
        self.value = value
        self.message = message
    }
}

@Suite("Validating staff")
struct StaffValidatorTests {
    static let now = Timestamp(parsing: "2026-11-25T12:00:00Z")!
    let validator = StaffValidator(reference: ReferenceFixtures.small, now: Self.now)

    /// The smallest valid row: only the required fields, on line 7.
    static func minimalRow() -> ImportRow<StaffColumn> {
        var row = ImportRow<StaffColumn>(line: 7, columnCount: StaffColumn.allCases.count)
        row[.id] = "S1"
        row[.profession] = "doctor"
        row[.specialties] = "paediatrics"
        row[.seniority] = "4"
        row[.consent] = "no"
        return row
    }

    private func validate(_ row: ImportRow<StaffColumn>) -> Result<Staff, ImportFailure> {
        validator.validate(row, file: "staff.csv")
    }

    // MARK: Valid rows

    @Test("a full row maps to the expected staff record, codes normalised")
    func fullRow() throws {
        var row = ImportRow<StaffColumn>(line: 2, columnCount: StaffColumn.allCases.count)
        row[.id] = "S-001"
        row[.name] = " Zoë Nakato "
        row[.email] = "zoe.nakato@nhs.example"
        row[.profession] = "Doctor"
        row[.specialties] = "NEONATAL_MEDICINE; paediatrics ;health_education"
        row[.seniority] = "ST4"
        row[.countries] = "UGA:nationality; ug:Birth;GB:trained:6;NG:worked:2"
        row[.languages] = "EN:C2;lug:native; yor:b1 ;sw-TZ:A2"
        row[.availableFrom] = "2026-03-01"
        row[.availableTo] = "2026-09-30"
        row[.modes] = "remote"
        row[.maxAssignments] = "2"
        row[.consent] = "Yes"
        row[.employer] = "Leeds Teaching Hospitals NHS Trust"
        row[.placements] = "3"
        row[.updatedAt] = "2026-10-01T12:00:00+01:00"
        let staff = try validate(row).get()
        let expected = Staff(
            id: recordID("S-001"), name: "Zoë Nakato", email: "zoe.nakato@nhs.example",
            profession: specialtyCode("doctor"),
            specialties: [
                specialtyCode("neonatal_medicine"), specialtyCode("paediatrics"),
                specialtyCode("education"),
            ],
            seniority: try #require(Seniority(rawValue: 3)), grade: "ST4",
            countryTies: [
                CountryTie(country: countryCode("UG"), kind: .nationality),
                CountryTie(country: countryCode("UG"), kind: .birth),
                CountryTie(country: countryCode("GB"), kind: .trained, years: 6),
                CountryTie(country: countryCode("NG"), kind: .worked, years: 2),
            ],
            languages: [
                Staff.LanguageSkill(language: languageCode("en"), level: .c2),
                Staff.LanguageSkill(language: languageCode("lg"), level: .native),
                Staff.LanguageSkill(language: languageCode("yo"), level: .b1),
                Staff.LanguageSkill(language: languageCode("sw"), level: .a2),
            ],
            availability: CalendarDate.Window(
                start: CalendarDate(iso: "2026-03-01"), end: CalendarDate(iso: "2026-09-30")),
            modes: .remote, maxAssignments: 2, hasConsented: true,
            employer: "Leeds Teaching Hospitals NHS Trust",
            pastPlacements: 3, updatedAt: try #require(Timestamp(parsing: "2026-10-01T11:00:00Z")))
        #expect(staff == expected)
        #expect(staff.specialtiesText == "neonatal_medicine;paediatrics;education")
        #expect(staff.countriesText == "UG:nationality;UG:birth;GB:trained:6;NG:worked:2")
        #expect(staff.languagesText == "en:C2;lg:native;yo:B1;sw:A2")
    }

    @Test("optional fields take their defaults")
    func defaults() throws {
        let staff = try validate(Self.minimalRow()).get()
        let expected = Staff(
            id: recordID("S1"), profession: specialtyCode("doctor"),
            specialties: [specialtyCode("paediatrics")],
            seniority: try #require(Seniority(rawValue: 4)), hasConsented: false,
            updatedAt: Self.now)
        #expect(staff == expected)
        #expect(staff.modes == .both)
        #expect(staff.maxAssignments == 1)
        #expect(staff.pastPlacements == 0)
        #expect(staff.updatedAt == Self.now)
        #expect(staff.grade == nil)
        #expect((staff.name, staff.email, staff.employer) == (nil, nil, nil))
        #expect(staff.countryTies.isEmpty && staff.languages.isEmpty)
        #expect(staff.availability == CalendarDate.Window())
    }

    @Test(
        "seniority is normalised and the grade kept as written",
        arguments: [
            ("ST4", 3, "ST4"), ("band 7", 3, "band 7"), ("consultant", 5, "consultant"),
            ("3", 3, nil), ("FY1", 1, "FY1"),
        ])
    func grade(text: String, level: Int, grade: String?) throws {
        var row = Self.minimalRow()
        row[.seniority] = text
        let staff = try validate(row).get()
        #expect(staff.seniority.rawValue == level)
        #expect(staff.grade == grade)
    }

    @Test(
        "booleans are read in their documented spellings",
        arguments: [
            ("yes", true), ("YES", true), ("y", true), ("true", true), ("True", true), ("1", true),
            ("no", false), ("N", false), ("false", false), ("0", false),
        ])
    func consent(text: String, value: Bool) throws {
        var row = Self.minimalRow()
        row[.consent] = text
        #expect(try validate(row).get().hasConsented == value)
    }

    @Test(
        "modes are read alone or together",
        arguments: [
            ("remote", Staff.WorkModes.remote), ("REMOTE", .remote), ("in-country", .inCountry),
            ("In_Country", .inCountry),
            ("remote;in-country", .both), ("in-country; remote", .both), ("both", .both),
            (";", .both),
        ])
    func modes(text: String, modes: Staff.WorkModes) throws {
        var row = Self.minimalRow()
        row[.modes] = text
        #expect(try validate(row).get().modes == modes)
    }

    @Test("a skill is open to any profession, and an older code reads as the skill it became")
    func skillForAnyProfession() throws {
        var row = Self.minimalRow()
        row[.profession] = "nurse"
        row[.specialties] = "health_education;nursing_children"
        #expect(
            try validate(row).get().specialties == [
                specialtyCode("nursing_children"), specialtyCode("education"),
            ])
        row[.specialties] = "nursing_children"
        row[.skills] = "education"
        #expect(
            try validate(row).get().specialties == [
                specialtyCode("nursing_children"), specialtyCode("education"),
            ])
        row[.profession] = "management"
        row[.specialties] = "leadership_management"
        #expect(
            try validate(row).get().specialties == [
                specialtyCode("leadership_management"), specialtyCode("education"),
            ])
    }

    @Test("the bounds of the number ranges are accepted")
    func numberBounds() throws {
        var row = Self.minimalRow()
        row[.maxAssignments] = "0"
        row[.placements] = "1000"
        row[.countries] = "NG:worked:0;UG:trained:80"
        let staff = try validate(row).get()
        #expect((staff.maxAssignments, staff.pastPlacements) == (0, 1000))
        #expect(staff.countryTies.map(\.years) == [0, 80])
    }

    @Test("an availability window may start and end on the same day")
    func oneDayWindow() throws {
        var row = Self.minimalRow()
        row[.availableFrom] = "2026-05-01"
        row[.availableTo] = "2026-05-01"
        #expect(try validate(row).get().availability.start == CalendarDate(iso: "2026-05-01"))
    }

    // MARK: Invalid rows

    @Test("every missing required field is reported on the record's line")
    func missingRequired() {
        var row = ImportRow<StaffColumn>(line: 7, columnCount: StaffColumn.allCases.count)
        row[.name] = "Zoë"
        row[.specialties] = "   "
        #expect(
            issues(validate(row))
                == ["id", "profession", "specialties", "seniority", "consent"].map {
                    ImportIssue(
                        file: "staff.csv", line: 7, field: $0, message: "a value is required")
                })
    }

    static let badFields: [BadStaffField] = [
        BadStaffField(.id, "S 1", "the value is not a valid id"),
        BadStaffField(.id, "Zoë", "the value is not a valid id"),
        BadStaffField(.email, "zoe.nhs.example", "not an e-mail address", "the value is not shown"),
        BadStaffField(.email, "zoe@nhs", "not an e-mail address"),
        BadStaffField(.email, "a@b@nhs.example", "not an e-mail address"),
        BadStaffField(.email, "@nhs.example", "not an e-mail address"),
        BadStaffField(.email, "zoe nakato@nhs.example", "not an e-mail address"),
        BadStaffField(.profession, "surgeon", "unknown profession (known: ", "doctor"),
        BadStaffField(.profession, "paediatrics", "unknown profession (known: "),
        BadStaffField(.specialties, "cardiology", "unknown specialty (see"),
        BadStaffField(.specialties, "doctor", "unknown specialty (see"),
        BadStaffField(
            .specialties, "paediatrics;nursing_children", "'nursing_children'",
            "profession 'nurse'", "not 'doctor'"),
        BadStaffField(
            .specialties, "paediatrics;PAEDIATRICS", "specialty 'paediatrics' is listed twice"),
        BadStaffField(.specialties, ";", "at least one specialty or skill is required"),
        BadStaffField(.skills, "paediatrics", "'paediatrics' is a specialty, not a skill"),
        BadStaffField(.skills, "teaching", "unknown skill (see"),
        BadStaffField(.skills, "education;health_education", "skill 'education' is listed twice"),
        BadStaffField(.seniority, "band4", "the value is not a level 1–5"),
        BadStaffField(.seniority, "6", "the value is not a level 1–5"),
        BadStaffField(.countries, "ZZ:nationality", "unknown country code (use"),
        BadStaffField(.countries, "UG:resident", "unknown tie kind (nationality"),
        BadStaffField(.countries, "UG", "an item is not CC:KIND[:YEARS]"),
        BadStaffField(.countries, "UG:worked:3:extra", "an item is not CC:KIND[:YEARS]"),
        BadStaffField(.countries, "UG:worked:many", "the years of a tie are not a number"),
        BadStaffField(.countries, "UG:worked:81", "from 0 to 80"),
        BadStaffField(.countries, "UG:worked:-1", "from 0 to 80"),
        BadStaffField(.countries, "UG:trained;UGA:Trained:3", "a tie (country and kind) is listed twice"),
        BadStaffField(.languages, "xx:B1", "unknown language code (use"),
        BadStaffField(.languages, "en:B3", "the level is not a language level"),
        BadStaffField(.languages, "en", "an item is not LANG:LEVEL"),
        BadStaffField(.languages, "en:C1:extra", "an item is not LANG:LEVEL"),
        BadStaffField(.languages, "yo:B1;yor:C1", "a language is listed twice"),
        BadStaffField(.availableFrom, "2026-02-30", "the value is no such date"),
        BadStaffField(.availableTo, "30/09/2026", "the value is not a date"),
        BadStaffField(.modes, "hybrid", "an item is not remote, in-country or both"),
        BadStaffField(.maxAssignments, "21", "the value is not", "from 0 to 20"),
        BadStaffField(.maxAssignments, "-1", "from 0 to 20"),
        BadStaffField(.maxAssignments, "two", "whole number"),
        BadStaffField(.maxAssignments, "1.5", "whole number"),
        BadStaffField(.consent, "maybe", "the value is not yes/no"),
        BadStaffField(.placements, "1001", "from 0 to 1000"),
        BadStaffField(.updatedAt, "yesterday", "the value is not a date", "YYYY-MM-DD"),
        BadStaffField(.updatedAt, "2062-11-20", "2062-11-20 is in the future", "today is 2026-11-25"),
        BadStaffField(.updatedAt, "2026-11-27T00:00:00Z", "2026-11-27 is in the future"),
        BadStaffField(.updatedAt, "2026-11-26T23:30:00-02:00", "2026-11-27 is in the future"),
    ]

    @Test("a bad field gives one issue naming the field and the line", arguments: badFields)
    func badField(_ bad: BadStaffField) throws {
        var row = Self.minimalRow()
        row[bad.column] = bad.value
        let found = issues(validate(row))
        let issue = try #require(found.count == 1 ? found.first : nil, "\(found)")
        #expect(issue.file == "staff.csv")
        #expect(issue.line == 7)
        #expect(issue.field == bad.column.name)
        for piece in bad.message {
            #expect(issue.message.contains(piece), "\(issue.message)")
        }
    }

    @Test("an availability end before its start is reported on available_to")
    func endBeforeStart() {
        var row = Self.minimalRow()
        row[.availableFrom] = "2026-09-30"
        row[.availableTo] = "2026-03-01"
        #expect(
            issues(validate(row)) == [
                ImportIssue(
                    file: "staff.csv", line: 7, field: "available_to",
                    message: "2026-03-01 is before available_from 2026-09-30")
            ])
    }

    @Test("a management profession may not take a doctor's specialty")
    func managementProfession() {
        var row = Self.minimalRow()
        row[.profession] = "management"
        row[.specialties] = "health_education;paediatrics"
        #expect(issues(validate(row)).map(\.field) == ["specialties"])
    }

    @Test("several errors in one row are all reported, in column order")
    func severalErrors() {
        var row = Self.minimalRow()
        row[.id] = "S 1"
        row[.email] = "nobody"
        row[.specialties] = "paediatrics;cardiology"
        row[.countries] = "ZZ:worked;UG:resident"
        row[.languages] = "xx:B1;en:Z9"
        row[.availableFrom] = "2026-09-30"
        row[.availableTo] = "2026-03-01"
        row[.consent] = "maybe"
        row[.placements] = "lots"
        let found = issues(validate(row))
        #expect(
            found.map(\.field) == [
                "id", "email", "specialties", "countries", "countries", "languages", "languages",
                "available_to",
                "consent", "placements",
            ])
        #expect(found.allSatisfy { $0.line == 7 && $0.file == "staff.csv" })
    }

    @Test("an empty specialties list is reported even when another field is also bad")
    func emptySpecialtiesWithOtherErrors() {
        var row = Self.minimalRow()
        row[.id] = "S 1"
        row[.specialties] = ";"
        #expect(issues(validate(row)).map(\.field) == ["id", "specialties"])
    }

    @Test("issues read like compiler diagnostics")
    func issueDescription() throws {
        var row = Self.minimalRow()
        row[.languages] = "xx:B1"
        let issue = try #require(issues(validate(row)).first)
        #expect(
            issue.description.hasPrefix(
                "staff.csv:7: field 'languages': unknown language code (use ISO 639-1"))
        #expect(
            ImportIssue(file: "staff.csv", line: 1, message: "the file is empty").description
                == "staff.csv:1: the file is empty")
    }

    @Test("a record dated up to a day after today is accepted, as clocks and time zones differ")
    func updatedTomorrow() throws {
        var row = Self.minimalRow()
        row[.updatedAt] = "2026-11-26T23:59:59Z"
        #expect(try validate(row).get().updatedAt == Timestamp(parsing: "2026-11-26T23:59:59Z"))
    }

    // MARK: Personal data in messages

    static let personal = ["Brian Ssekandi", "brian.ssekandi@nhs.example"]

    @Test(
        "a name or an e-mail address in any column is refused without being repeated",
        arguments: StaffColumn.allCases.filter { ![.name, .email, .employer].contains($0) })
    func shiftedColumn(_ column: StaffColumn) throws {
        for value in Self.personal {
            var row = Self.minimalRow()
            row[column] = value
            let found = issues(validate(row))
            let issue = try #require(found.first, "\(column.name) = \(value) was accepted")
            #expect(found.allSatisfy { $0.field == column.name && $0.line == 7 })
            for text in found.map(\.description) {
                #expect(!text.contains("Brian") && !text.contains("ssekandi"), "\(text)")
            }
            #expect(issue.description.hasPrefix("staff.csv:7: field '\(column.name)': "))
        }
    }

    @Test("a language given by a name is refused with suggestions that do not repeat it")
    func suggestionsWithoutTheValue() throws {
        var row = Self.minimalRow()
        row[.languages] = "Swahili:B1"
        let issue = try #require(issues(validate(row)).first)
        #expect(issue.message.hasSuffix("did you mean sw?"), "\(issue.message)")
        #expect(!issue.message.lowercased().contains("swahili"), "\(issue.message)")
    }

    @Test("a NUL in a name is refused, naming the line and the field")
    func nulInName() throws {
        var row = Self.minimalRow()
        row[.name] = "Zoë\u{0}Nakato"
        #expect(
            issues(validate(row)) == [
                ImportIssue(
                    file: "staff.csv", line: 7, field: "name",
                    message: "holds a NUL character (byte 0), which would cut the text short: refused")
            ])
    }
}
