import MidstCore
import Testing

/// A sheet of `rows`, each (row number, cells).
private func sheet(_ rows: [(Int, [String])]) -> SheetRows {
    var sheet = SheetRows(name: "Log")
    for (number, cells) in rows { sheet.append(row: number, cells: cells) }
    return sheet
}

private func records(_ sheet: SheetRows) throws(ImportFailure) -> [RawRecord<OutcomeColumn>] {
    var reader = try RecordReader<OutcomeColumn>(sheet: sheet, file: "outcomes.xlsx:Log")
    var result: [RawRecord<OutcomeColumn>] = []
    while let record = try reader.next() { result.append(record) }
    return result
}

@Suite("Reading a spreadsheet's sheet as import records")
struct SheetRecordReaderTests {
    private let header = (3, ["need_id", "staff_id", "outcome", "date"])

    @Test("a record's line is its row number, and cells left blank at the end are empty fields")
    func rowNumbersAndShortRows() throws {
        let read = try records(
            sheet([
                header, (5, ["N1", "S1", "accepted", "2025-08-30"]), (9, ["N2", "S2", "declined"]),
            ]))
        #expect(read.map(\.line) == [5, 9])
        let short = try read[1].row.get()
        #expect(short[.outcome] == "declined")
        #expect(short[.date] == nil)
        #expect(read[1].original == ["N2", "S2", "declined", ""])
    }

    @Test("empty cells past the header's last column are not fields; a value there is refused")
    func cellsPastTheHeader() throws {
        let read = try records(
            sheet([
                header, (4, ["N1", "S1", "accepted", "2025-08-30", "", ""]),
                (5, ["N1", "S2", "accepted", "2025-08-30", "", "stray"]),
            ]))
        #expect(throws: Never.self) { try read[0].row.get() }
        guard case .failure(let issue) = read[1].row else {
            Issue.record("a value past the header was read")
            return
        }
        #expect(
            issue.description == "outcomes.xlsx:Log:5: expected 4 fields as in the header, found 6")
    }

    @Test("the header is checked as a CSV header is, at its own row")
    func badHeader() throws {
        let failure = try #require(throws: ImportFailure.self) {
            try records(sheet([(2, ["need_id", "staff", "outcome", "date"])]))
        }
        #expect(
            failure.issues.map(\.description).contains(
                "outcomes.xlsx:Log:2: required column 'staff_id' is missing"))
    }

    @Test("an empty sheet is refused: a header row is required")
    func emptySheet() throws {
        let failure = try #require(throws: ImportFailure.self) {
            try records(SheetRows(name: "Log"))
        }
        #expect(
            failure.issues.map(\.description) == [
                "outcomes.xlsx:Log:1: the sheet is empty (a header row is required)"
            ])
    }

    @Test("cells keep their text, non-ASCII and empty ones included")
    func cellText() {
        let rows = sheet([(1, ["Zoë", "", "Ngũgĩ wa Thiong'o"]), (2, [])])
        #expect(rows.cells(ofRowAt: 0) == ["Zoë", "", "Ngũgĩ wa Thiong'o"])
        #expect(rows.cells(ofRowAt: 1) == [])
        #expect(rows.number(ofRowAt: 1) == 2)
    }
}
