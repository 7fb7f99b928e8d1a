/// Turns import rows into ``Outcome`` records. Whether the need and staff ids exist is checked by
/// the store, which knows them.
package struct OutcomeValidator: Sendable {
    package let reference: ReferenceData
    /// The latest outcome date accepted.
    package let horizon: DateHorizon

    /// A validator refusing outcomes dated after `horizon`.
    package init(reference: ReferenceData, horizon: DateHorizon) {
        self.reference = reference
        self.horizon = horizon
    }

    /// The outcome, or every issue found in the row.
    package func validate(_ row: ImportRow<OutcomeColumn>, file: String) -> Result<
        Outcome, ImportFailure
    > {
        var check = FieldChecker(row: row, file: file, reference: reference)
        let need = check.id(.needID)
        let staff = check.id(.staffID)
        var kind: Outcome.Kind?
        if let text = check.text(.outcome) {
            kind = Outcome.Kind(rawValue: String(text.lowercased().map { $0 == "-" ? "_" : $0 }))
            if kind == nil {
                check.fail(
                    .outcome, "the value\(check.shown(text)) is not \(Outcome.Kind.spelledOut)")
            }
        }
        let date = check.date(.date, within: horizon)
        let exposure = Self.exposure(&check)
        guard check.issues.isEmpty, let need, let staff, let kind, let date else {
            return .failure(ImportFailure(issues: check.issues))
        }
        return .success(
            Outcome(needID: need, staffID: staff, kind: kind, date: date, exposure: exposure))
    }

    /// The optional `shown_rank` (a whole number from 1) and `shown_score` (0–100, only with a
    /// rank); nil when the row gives neither.
    private static func exposure(_ check: inout FieldChecker<OutcomeColumn>) -> Exposure? {
        let score = check.decimal(.shownScore, in: 0...100)
        guard let text = check.text(.shownRank) else {
            if score != nil { check.fail(.shownScore, "a shown score needs a shown_rank") }
            return nil
        }
        guard let rank = Int(text), rank >= 1 else {
            check.fail(.shownRank, "the value\(check.shown(text)) is not a whole number from 1")
            return nil
        }
        return Exposure(rank: rank, score: score)
    }
}
