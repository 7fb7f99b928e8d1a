import Foundation
import MidstCore
import MidstTestSupport
import MidstWorkbook
import Testing

/// A workbook written by openpyxl (Tests/Fixtures/xlsx/make_fixtures.py).
private func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx/\(name)").path
}

/// Every row of a sheet as (row number, cells).
private func rows(_ sheet: SheetRows) -> [(Int, [String])] {
    (0..<sheet.count).map { (sheet.number(ofRowAt: $0), sheet.cells(ofRowAt: $0)) }
}

@Suite("Excel's date serials")
struct ExcelDateTests {
    @Test(
        "the 1900 system counts its fictitious 1900-02-29 (serial 60), and the 1904 system from 1904-01-01",
        arguments: [
            (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (61.0, false, "1900-03-01"),
            (45658.0, false, "2025-01-01"), (45658.75, false, "2025-01-01"),
            (0.0, true, "1904-01-01"), (44196.0, true, "2025-01-01"),
        ])
    func days(serial: Double, is1904: Bool, day: String) {
        #expect(ExcelDate.day(serial: serial, is1904: is1904)?.description == day)
    }

    @Test("serial 60, 1900-02-29, names no day; nor does a serial before the epoch")
    func noDay() {
        #expect(ExcelDate.day(serial: 60) == nil)
        #expect(ExcelDate.day(serial: -1) == nil)
        #expect(ExcelDate.day(serial: .nan) == nil)
    }

    @Test("a day's serial reads back as that day, in both systems, either side of 1900-03-01")
    func roundTrip() throws {
        var day = try #require(CalendarDate(year: 1900, month: 1, day: 1))
        while day.year < 2101 {
            for is1904 in [false, true] where !is1904 || day.year >= 1904 {
                let serial = ExcelDate.serial(of: day, is1904: is1904)
                #expect(ExcelDate.day(serial: Double(serial), is1904: is1904) == day)
            }
            day = day.adding(days: day.year < 1901 ? 1 : 97)
        }
    }
}

@Suite("Reading workbooks another tool wrote")
struct WorkbookReaderTests {
    @Test("the sheets are listed in tab order, and --sheet picks one by name")
    func sheets() throws {
        let workbook = try WorkbookReader(path: fixture("edge-cases.xlsx"))
        #expect(workbook.sheetNames == ["Notes", "Log"])
        #expect(try workbook.rows().name == "Notes")
        #expect(
            throws: WorkbookError.noSuchSheet(
                path: fixture("edge-cases.xlsx"), name: "Outcomes", sheets: ["Notes", "Log"])
        ) { try workbook.rows(ofSheet: "Outcomes") }
    }

    @Test(
        "rows keep their numbers; empty rows are left out; dates, date-times and numbers read as text an import takes"
    )
    func cells() throws {
        let log = try WorkbookReader(path: fixture("edge-cases.xlsx")).rows(ofSheet: "Log")
        let expected: [(Int, [String])] = [
            (3, ["need_id", "staff_id", "outcome", "date"]),
            (4, ["N023", "S0165", "no_response", "2025-08-23"]),
            (6, ["N020", "S0033", "accepted", "2025-08-30"]),
            (7, ["N011", "S0002", "declined"]),
            (9, ["N012", "", "accepted"]),
            (10, ["N013", "S0003", "accepted", "2025-09-01"]),
            // A serial in a General cell is a number, not a date: the import says it is not one.
            (11, ["N014", "4", "accepted", "45900"]),
        ]
        let read = rows(log)
        #expect(read.map(\.0) == expected.map(\.0))
        #expect(read.map(\.1) == expected.map(\.1))
    }

    @Test("a workbook in the 1904 date system reads its dates as the days they show")
    func date1904() throws {
        let sheet = try WorkbookReader(path: fixture("date1904.xlsx")).rows()
        #expect(sheet.cells(ofRowAt: 1) == ["N023", "S0165", "no_response", "2025-08-23"])
    }

    @Test(
        "a file that is not a zip archive is not a workbook, and the message says how to save one")
    func notAWorkbook() throws {
        let error = try #require(throws: WorkbookError.self) {
            try WorkbookReader(bytes: Array("id,name\n".utf8), path: "staff.xlsx")
        }
        #expect(error.localizedDescription.hasPrefix("staff.xlsx: not an Excel workbook (.xlsx)"))
        #expect(error.localizedDescription.contains("CSV UTF-8"))
    }

    @Test(
        "a custom number format is a date format when it shows a day, month, year or time outside quotes",
        arguments: [
            ("yyyy-mm-dd", true), ("d\" \"mmmm\" \"yyyy", true), ("[$-409]h:mm AM/PM", true),
            ("0.00", false), ("#,##0\" days\"", false), ("[Red]0.0", false), ("General", false),
        ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(ExcelDate.isDateFormat(code) == isDate)
    }
}

@Suite("Writing workbooks")
struct WorkbookWriterTests {
    @Test(
        "typed cells read back as their text: numbers as written, dates as days, empty cells empty")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let day = try #require(CalendarDate(year: 2026, month: 2, day: 28))
        let bytes = try WorkbookWriter.workbook(
            sheet: "Shortlist", header: ["need_id", "rank", "score", "asked_on", "note"],
            rows: [
                [
                    .text("N001"), .integer(1), .number(93.25, decimals: 2), .date(day),
                    .text(" =SUM(A1) <b>&</b> "),
                ],
                [.text("N002"), .integer(2), .number(0.5, decimals: 6), .empty, .text("Zoë\u{1}")],
            ])
        let path = folder.path("out.xlsx")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let workbook = try WorkbookReader(path: path)
        #expect(workbook.sheetNames == ["Shortlist"])
        let read = rows(try workbook.rows())
        #expect(read.map(\.0) == [1, 2, 3])
        #expect(
            read.map(\.1) == [
                ["need_id", "rank", "score", "asked_on", "note"],
                ["N001", "1", "93.25", "2026-02-28", " =SUM(A1) <b>&</b> "],
                ["N002", "2", "0.5", "", "Zoë\u{FFFD}"],
            ])
    }

    @Test("cell references run A…Z, AA…")
    func references() {
        #expect(WorkbookWriter.reference(column: 0, row: 1) == "A1")
        #expect(WorkbookWriter.reference(column: 25, row: 2) == "Z2")
        #expect(WorkbookWriter.reference(column: 26, row: 3) == "AA3")
        #expect(WorkbookWriter.reference(column: 701, row: 4) == "ZZ4")
        #expect(WorkbookWriter.reference(column: 702, row: 5) == "AAA5")
    }
}
