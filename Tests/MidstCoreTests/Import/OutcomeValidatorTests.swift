import MidstCore
import Testing

@Suite("Validating outcomes")
struct OutcomeValidatorTests {
    let validator = OutcomeValidator(
        reference: ReferenceFixtures.small, horizon: DateHorizon(today: CalendarDate(iso: "2026-12-05")!))

    static func row(
        need: String? = "N1", staff: String? = "S1", outcome: String? = "accepted",
        date: String? = "2026-05-01"
    )
        -> ImportRow<OutcomeColumn>
    {
        var row = ImportRow<OutcomeColumn>(line: 4, columnCount: OutcomeColumn.allCases.count)
        row[.needID] = need
        row[.staffID] = staff
        row[.outcome] = outcome
        row[.date] = date
        return row
    }

    private func validate(_ row: ImportRow<OutcomeColumn>) -> Result<Outcome, ImportFailure> {
        validator.validate(row, file: "outcomes.csv")
    }

    @Test("a valid row maps to the expected outcome")
    func validRow() throws {
        let outcome = try validate(Self.row()).get()
        let expected = Outcome(
            needID: recordID("N1"), staffID: recordID("S1"), kind: .accepted,
            date: try #require(CalendarDate(iso: "2026-05-01")))
        #expect(outcome == expected)
    }

    @Test(
        "outcome kinds are read in any case, with - or _",
        arguments: [
            ("accepted", Outcome.Kind.accepted), ("Declined", .declined),
            ("no_response", .noResponse),
            ("no-response", .noResponse), ("NO-RESPONSE", .noResponse), ("completed", .completed),
        ])
    func kinds(text: String, kind: Outcome.Kind) throws {
        #expect(try validate(Self.row(outcome: text)).get().kind == kind)
    }

    @Test("no_response is stored as no_response")
    func storedSpelling() {
        #expect(Outcome.Kind.noResponse.rawValue == "no_response")
        #expect(
            Outcome.Kind.allCases.map(\.rawValue) == [
                "asked", "no_response", "declined", "accepted", "withdrawn", "completed",
            ])
    }

    @Test(
        "an unknown outcome kind is an error on the outcome field",
        arguments: ["maybe", "pending", "accept"])
    func unknownKind(text: String) {
        #expect(
            issues(validate(Self.row(outcome: text))) == [
                ImportIssue(
                    file: "outcomes.csv", line: 4, field: "outcome",
                    message: "the value '\(text)' is not asked, no_response, declined, accepted, withdrawn or completed")
            ])
    }

    @Test("every field is required")
    func missingFields() {
        #expect(
            issues(validate(Self.row(need: nil, staff: " ", outcome: nil, date: "")))
                == [
                    "need_id", "staff_id", "outcome", "date",
                ].map {
                    ImportIssue(
                        file: "outcomes.csv", line: 4, field: $0, message: "a value is required")
                })
    }

    @Test("bad ids and dates are all reported, naming their fields")
    func badIDsAndDate() {
        let found = issues(validate(Self.row(need: "N 1", staff: "S/1", date: "2026-05-32")))
        #expect(found.map(\.field) == ["need_id", "staff_id", "date"])
        #expect(found.allSatisfy { $0.line == 4 })
        #expect(found.first?.message.contains("'N 1' is not a valid id") == true)
        #expect(found.last?.message == "'2026-05-32' is no such date (check the month and the day)")
    }

    @Test(
        "an outcome dated after tomorrow is refused on its date; tomorrow is accepted",
        arguments: [("2062-11-20", false), ("2026-12-07", false), ("2026-12-06", true)])
    func futureDate(date: String, isAccepted: Bool) throws {
        switch validate(Self.row(date: date)) {
        case .success: #expect(isAccepted)
        case .failure(let failure):
            #expect(!isAccepted)
            #expect(failure.issues.map(\.field) == ["date"])
            #expect(failure.issues.first?.message.hasPrefix("\(date) is in the future") == true)
        }
    }
}
