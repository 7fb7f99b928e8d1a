import MidstCore
import Testing

@Suite("Record ids")
struct RecordIDTests {
    @Test(
        "valid ids are accepted as written",
        arguments: ["S1", "a", "N-2026.07_b", "0", String(repeating: "x", count: 64)])
    func accepts(text: String) throws {
        let id = try #require(RecordID(validating: text))
        #expect(id.rawValue == text)
    }

    @Test(
        "ids that are empty, too long or hold other characters are rejected",
        arguments: [
            "", String(repeating: "x", count: 65), "S 1", " S1", "S1\n", "S/1", "S,1", "S#1", "Zoë",
            "S1:2",
            "S1;S2", "ｓ1",
        ])
    func rejects(text: String) {
        #expect(RecordID(validating: text) == nil)
    }
}

@Suite("Seniority")
struct SeniorityTests {
    /// The mapping table of docs/FORMATS.md, with the spellings it allows.
    static let grades: [(String, Int)] = [
        ("FY1", 1), ("FY2", 1), ("fy1", 1), ("band5", 1), ("Band 5", 1), ("AfC 5", 1),
        ("CT1", 2), ("CT3", 2), ("ST1", 2), ("ST3", 2), ("band6", 2), ("AfC 6", 2), ("band_6", 2),
        ("ST4", 3), ("ST8", 3), ("StR", 3), ("SAS", 3), ("specialty-doctor", 3),
        ("Specialty Doctor", 3),
        ("specialty_doctor", 3), ("band7", 3), ("band 7", 3), ("AfC 7", 3),
        ("associate-specialist", 4), ("Associate Specialist", 4), ("specialist", 4), ("band8a", 4),
        ("band 8b", 4), ("AfC 8a", 4), ("8a", 4), ("8B", 4),
        ("consultant", 5), ("Consultant", 5), ("band8c", 5), ("8c", 5), ("band 8d", 5),
        ("band9", 5),
        ("AfC 9", 5),
        // Bare numbers are levels, not bands.
        ("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), (" 3 ", 3),
    ]

    @Test("grades, bands and levels map onto the 1–5 scale", arguments: grades)
    func mapping(grade: String, level: Int) throws {
        let seniority = try #require(Seniority(grade: grade))
        #expect(seniority.rawValue == level)
    }

    @Test(
        "numbers outside 1–5 and unknown grades are rejected",
        arguments: [
            "0", "6", "7", "9", "-", "", "FY3", "ST9", "CT4", "band4", "band10", "8e", "AfC",
            "registrar",
            "senior",
        ])
    func rejects(grade: String) {
        #expect(Seniority(grade: grade) == nil)
    }

    @Test("levels are ordered and lowest is 1")
    func ordering() throws {
        let levels = try (1...5).map { try #require(Seniority(rawValue: $0)) }
        #expect(levels == levels.sorted())
        #expect(Seniority.lowest.rawValue == 1)
        #expect(Seniority(rawValue: 0) == nil)
        #expect(Seniority(rawValue: 6) == nil)
    }
}

@Suite("Language levels")
struct LanguageLevelTests {
    @Test(
        "CEFR levels and native parse in any case",
        arguments: [
            ("A1", LanguageLevel.a1), ("a2", .a2), ("B1", .b1), ("b2", .b2), ("C1", .c1),
            ("c2", .c2),
            ("native", .native), ("NATIVE", .native), ("Native", .native),
        ])
    func parses(code: String, level: LanguageLevel) {
        #expect(LanguageLevel(code: code) == level)
    }

    @Test(
        "other codes are rejected",
        arguments: ["", "A", "B3", "C", "A0", "good", "native-ish", " B1"])
    func rejects(code: String) {
        #expect(LanguageLevel(code: code) == nil)
    }

    @Test("levels run from A1 up to native")
    func ordering() {
        let ascending: [LanguageLevel] = [.a1, .a2, .b1, .b2, .c1, .c2, .native]
        #expect(LanguageLevel.allCases == ascending)
        #expect(ascending.map(\.rawValue) == Array(1...7))
        #expect(LanguageLevel.c2 < .native)
        #expect(LanguageLevel.a2 < .b1)
        #expect(!(LanguageLevel.b2 < .b2))
        #expect(LanguageLevel.allCases.shuffled().sorted() == ascending)
    }

    @Test("the canonical code parses back to the same level")
    func codeRoundTrip() {
        #expect(
            LanguageLevel.allCases.map(\.code) == ["A1", "A2", "B1", "B2", "C1", "C2", "native"])
        #expect(
            LanguageLevel.allCases.map { LanguageLevel(code: $0.code) } == LanguageLevel.allCases)
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test(
        "valid dates parse, including 29 February in leap years",
        arguments: [
            ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29), ("2026-01-01", 2026, 1, 1),
            ("2026-12-31", 2026, 12, 31), ("2026-04-30", 2026, 4, 30), ("0001-01-01", 1, 1, 1),
            ("9999-12-31", 9999, 12, 31),
        ])
    func parses(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == text)
    }

    @Test(
        "impossible dates and other shapes are rejected",
        arguments: [
            "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00",
            "2026-01-32",
            "0000-01-01", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101",
            "2026-01-01T00:00:00Z",
            " 2026-01-01", "2026-01-1a", "+026-01-01", "", "01-01-2026",
        ])
    func rejects(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test(
        "dayNumber counts days from 1970-01-01",
        arguments: [
            ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-01-01", 10_957),
            ("2000-03-01", 11_017), ("2026-01-01", 20_454), ("0001-01-01", -719_162),
            ("9999-12-31", 2_932_896),
        ])
    func dayNumber(text: String, days: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.dayNumber == days)
        #expect(CalendarDate(dayNumber: days) == date)
    }

    @Test(
        "dayNumber and CalendarDate(dayNumber:) agree with counting day by day from 0001-01-01 to 9999-12-31"
    )
    func dayNumberRoundTrip() throws {
        var date = try #require(CalendarDate(year: 1, month: 1, day: 1))
        var expectedNumber = date.dayNumber
        var mismatches: [String] = []
        while true {
            if date.dayNumber != expectedNumber || CalendarDate(dayNumber: expectedNumber) != date {
                mismatches.append("\(date) ≠ day \(expectedNumber)")
                if mismatches.count > 5 { break }
            }
            // The next day by the calendar's own rules: next day of the month, else of the year.
            guard
                let next = CalendarDate(year: date.year, month: date.month, day: date.day + 1)
                    ?? CalendarDate(year: date.year, month: date.month + 1, day: 1)
                    ?? CalendarDate(year: date.year + 1, month: 1, day: 1)
            else { break }
            date = next
            expectedNumber += 1
        }
        #expect(mismatches == [])
        #expect(date == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(expectedNumber - (-719_162) + 1 == 3_652_059)
    }

    @Test("dates order by year, then month, then day")
    func ordering() throws {
        let texts = ["2025-12-31", "2026-01-01", "2026-01-02", "2026-02-01", "2027-01-01"]
        let dates = try texts.map { try #require(CalendarDate(iso: $0)) }
        #expect(dates == dates.sorted())
        #expect(dates.map(\.dayNumber) == dates.map(\.dayNumber).sorted())
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test(
        "dates and ISO 8601 times parse to UTC",
        arguments: [
            ("2026-11-01", "2026-11-01T00:00:00Z"),
            ("2026-11-01T09:15:30Z", "2026-11-01T09:15:30Z"),
            ("2026-11-01t09:15:30z", "2026-11-01T09:15:30Z"),
            ("2026-11-01 09:15:30Z", "2026-11-01T09:15:30Z"),
            ("2026-11-01T09:15Z", "2026-11-01T09:15:00Z"),
            ("2026-11-01T09:15:30.123Z", "2026-11-01T09:15:30Z"),
            ("2026-11-01T09:15:30.5+01:00", "2026-11-01T08:15:30Z"),
            ("2026-01-01T01:30:00+02:00", "2025-12-31T23:30:00Z"),
            ("2025-12-31T22:00:00-05:00", "2026-01-01T03:00:00Z"),
            ("2024-02-28T23:00:00-01:30", "2024-02-29T00:30:00Z"),
            ("2026-03-01T00:00:00+00:00", "2026-03-01T00:00:00Z"),
            ("2026-11-01T23:59:60Z", "2026-11-01T23:59:59Z"),
        ])
    func parses(text: String, iso: String) throws {
        let timestamp = try #require(Timestamp(parsing: text))
        #expect(timestamp.iso == iso)
        #expect(timestamp.description == iso)
    }

    @Test(
        "malformed times are rejected",
        arguments: [
            "", "2026-11", "2026-02-30", "2026-11-01T", "2026-11-01T09", "2026-11-01T9:15Z",
            "2026-11-01T24:00:00Z",
            "2026-11-01T09:60:00Z", "2026-11-01T09:15:61Z", "2026-11-01T09:15:30+0100",
            "2026-11-01T09:15:30+01",
            "2026-11-01T09:15:30+24:00", "2026-11-01T09:15:30.Z", "2026-11-01T09:15:30Zx",
            "2026-11-01X09:15:30Z",
            "2026-11-01T09:15:30 UTC", "2026-11-01T09:15:", "01/11/2026", "2026-11-01 ",
        ])
    func rejects(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test(
        "seconds since 1970 become UTC text",
        arguments: [
            (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"),
            (86_399, "1970-01-01T23:59:59Z"),
            (1_000_000_000, "2001-09-09T01:46:40Z"), (-86_400, "1969-12-31T00:00:00Z"),
        ])
    func secondsSince1970(seconds: Int, iso: String) {
        #expect(Timestamp(secondsSince1970: seconds).iso == iso)
    }

    @Test("timestamps order in time, whatever offset they were written with")
    func ordering() throws {
        let earlier = try #require(Timestamp(parsing: "2026-01-01T10:00:00+05:00"))
        let later = try #require(Timestamp(parsing: "2026-01-01T06:00:00Z"))
        #expect(earlier < later)
        #expect(Timestamp(parsing: "2026-01-01T07:00:00+01:00") == later)
    }

    @Test("an offset that moves a time out of years 1–9999 is rejected, not a crash")
    func outOfRangeOffset() async {
        await #expect(processExitsWith: .success) {
            precondition(Timestamp(parsing: "0001-01-01T00:00:00+01:00") == nil)
            precondition(Timestamp(parsing: "9999-12-31T23:30:00-01:00") == nil)
            precondition(Timestamp(parsing: "0001-01-01T01:00:00+01:00") != nil)
        }
    }
}

@Suite("Work modes")
struct WorkModeTests {
    @Test("modes have their import spellings")
    func codes() {
        #expect(Staff.WorkModes.remote.code == "remote")
        #expect(Staff.WorkModes.inCountry.code == "in-country")
        #expect(Staff.WorkModes.both.code == "remote;in-country")
        #expect(Staff.WorkModes([.remote, .inCountry]) == .both)
        #expect(Need.Mode.allCases.map(\.rawValue) == ["remote", "in-country", "either"])
    }

    @Test("tie kinds order from nationality to heritage")
    func tieKinds() {
        #expect(
            CountryTie.Kind.allCases.map(\.rawValue) == [
                "nationality", "birth", "trained", "worked", "heritage",
            ])
        #expect(CountryTie.Kind.allCases.shuffled().sorted() == CountryTie.Kind.allCases)
    }
}
