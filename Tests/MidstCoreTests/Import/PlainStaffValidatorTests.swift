import MidstCore
import Testing

@Suite("Plain staff rows")
struct PlainStaffValidatorTests {
    static let header =
        "id,name,email,profession,specialties,skills,seniority,countries,languages,available_from,"
        + "available_to,modes,max_assignments,consent,employer,placements,updated_at"

    /// A canonical row; `replacing` puts other text in one column.
    static func row(replacing column: String? = nil, with value: String = "") -> String {
        var fields = [
            "S1", "Ada Obi", "ada@nhs.example", "doctor", "neonatal_medicine;paediatrics", "", "4",
            "NG:nationality;NG:trained:4", "en:C2;yo:native", "2026-01-01", "2026-06-30",
            "remote;in-country", "2", "yes", "Barts Health", "3", "2026-11-01",
        ]
        if let column {
            fields[header.split(separator: ",").firstIndex(of: Substring(column))!] = value
        }
        return fields.joined(separator: ",")
    }

    /// The plain record for each of `rows` (`nil` when declined).
    static func plain(_ rows: [String]) throws -> [PlainStaff?] {
        let bytes = Array((([header] + rows).joined(separator: "\n") + "\n").utf8)
        var reader = CSVReader(bytes: bytes)
        var names: [String] = []
        _ = try reader.nextRecord(into: &names)
        let validator = PlainStaffValidator(
            reference: try ReferenceFixtures.bundledReference(),
            header: try ImportHeader<StaffColumn>(names: names, file: "t.csv"),
            horizon: DateHorizon(today: CalendarDate(iso: "2026-12-05")!))
        var spans: [CSVFieldSpan] = []
        var records: [PlainStaff?] = []
        while try reader.nextRecord(spans: &spans) {
            records.append(FileBytes.with(bytes) { validator.validate(spans, in: $0) })
        }
        #expect(records.count == rows.count)
        return records
    }

    static func plain(_ row: String) throws -> PlainStaff? { try plain([row])[0] }

    @Test("a canonical row is read with its codes numbered and its text in place")
    func canonicalRow() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let staff = try #require(try Self.plain(Self.row()))
        let text = Array((Self.header + "\n" + Self.row() + "\n").utf8)
        func string(_ span: TextSpan) -> String {
            String(decoding: text[Int(span.start)..<Int(span.start + span.count)], as: UTF8.self)
        }
        #expect(string(staff.id) == "S1")
        #expect(string(staff.specialties) == "neonatal_medicine;paediatrics")
        #expect(string(staff.countries) == "NG:nationality;NG:trained:4")
        #expect(staff.seniority.rawValue == 4 && staff.grade.isEmpty)
        #expect(staff.specialtyCount == 2)
        #expect(
            Int(staff.specialtyNumbers[0]) == reference.number(of: specialtyCode("neonatal_medicine")))
        #expect(staff.tieCount == 2)
        #expect(Int(staff.tieCountries[1]) == reference.number(of: countryCode("NG")))
        #expect(staff.tieKinds[1] == UInt8(CountryTie.Kind.allCases.firstIndex(of: .trained)!))
        #expect(staff.tieYears[0] == 0 && staff.tieYears[1] == 5)
        #expect(staff.languageCount == 2)
        #expect(Int(staff.languageNumbers[1]) == reference.number(of: languageCode("yo")))
        #expect(staff.languageLevels[1] == UInt8(LanguageLevel.native.rawValue))
        #expect(staff.modes == .both && staff.maxAssignments == 2 && staff.hasConsented)
        #expect(string(staff.updatedOn) == "2026-11-01")
    }

    @Test("every generated row is plain")
    func generatedRowsArePlain() throws {
        var generator = DataGenerator(reference: try ReferenceFixtures.bundledReference(), seed: 9)
        let lines = (1...2000).map { String(generator.staffLine(index: $0).dropLast()) }
        for (line, staff) in zip(lines, try Self.plain(lines)) {
            #expect(staff != nil, "\(line)")
        }
    }

    @Test("a skill is open to every profession; an older code, or a skill before a specialty, is declined")
    func skillInSpecialties() throws {
        let staff = try #require(
            try Self.plain(
                Self.row(replacing: "specialties", with: "paediatrics;leadership_management")))
        #expect(staff.specialtyCount == 2)
        #expect(
            try Self.plain(
                Self.row(replacing: "specialties", with: "paediatrics;healthcare_management"))
                == nil)
        #expect(
            try Self.plain(
                Self.row(replacing: "specialties", with: "leadership_management;paediatrics"))
                == nil)
    }

    @Test("a skills column is read after the specialties; a specialty or repeat in it is declined")
    func skillsColumn() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let staff = try #require(
            try Self.plain(Self.row(replacing: "skills", with: "education;research")))
        #expect(staff.specialtyCount == 4)
        #expect(Int(staff.specialtyNumbers[2]) == reference.number(of: specialtyCode("education")))
        for declined in ["paediatrics", "education;education", "health_education", "Education"] {
            #expect(try Self.plain(Self.row(replacing: "skills", with: declined)) == nil)
        }
    }

    @Test("more items than a plain record holds are declined", arguments: ["specialties", "countries"])
    func tooManyItems(column: String) throws {
        let items =
            column == "specialties"
            ? ["paediatrics", "neonatal_medicine", "general_surgery", "anaesthesia",
                "emergency_medicine", "psychiatry", "ophthalmology", "general_practice",
                "leadership_management"]
            : ["NG", "GH", "UG", "KE", "MW", "ZM", "TZ", "ET", "SL"].map { "\($0):worked" }
        let eight = items.prefix(8).joined(separator: ";")
        #expect(try Self.plain(Self.row(replacing: column, with: eight)) != nil)
        #expect(try Self.plain(Self.row(replacing: column, with: items.joined(separator: ";"))) == nil)
    }

    @Test("a grade is kept as written", arguments: ["ST4", "consultant", "band7"])
    func grade(text: String) throws {
        let staff = try #require(try Self.plain(Self.row(replacing: "seniority", with: text)))
        #expect(!staff.grade.isEmpty)
    }

    @Test(
        "rows that need normalising or explaining are declined",
        arguments: [
            ("id", " S1"), ("name", "Zoë"), ("name", "\"say \"\"hi\"\"\""),
            ("email", "not-an-address"), ("profession", "Doctor"),
            ("specialties", "Paediatrics"), ("specialties", "paediatrics;paediatrics"),
            ("specialties", "paediatrics;"), ("specialties", "nursing_adult"),
            ("specialties", "paediatrics; neonatal_medicine"), ("countries", "NG:birth ;GH:birth"),
            ("languages", "en :C2"),
            ("seniority", "6"), ("countries", "ng:nationality"), ("countries", "NGA:nationality"),
            ("countries", "NG:trained:04"), ("countries", "NG:trained:81"),
            ("countries", "NG:birth;NG:birth"), ("languages", "eng:C2"), ("languages", "en:c2"),
            ("languages", "pt-BR:B1"), ("available_to", "2025-12-31"),
            ("available_from", "2026-02-30"), ("modes", "both"), ("max_assignments", "21"),
            ("consent", "Yes"), ("consent", ""), ("placements", "-3"),
            ("updated_at", "2026-11-01T10:30:00Z"),
            (
                "languages",
                "en:C2;fr:B1;de:B1;es:B1;it:B1;pt:B1;ar:B1;sw:B1;yo:B1"
            ),
        ])
    func declined(column: String, value: String) throws {
        #expect(try Self.plain(Self.row(replacing: column, with: value)) == nil)
    }
}
