/// A change of a need's status alone: `midst needs close` and `reopen`, or a needs file with
/// only `id` and `status` columns.
package struct NeedStatusChange: Hashable, Sendable {
    package var needID: RecordID
    package var status: Need.Status
    /// Why, as the coordinator wrote it.
    package var reason: String?

    package init(needID: RecordID, status: Need.Status, reason: String? = nil) {
        self.needID = needID
        self.status = status
        self.reason = reason
    }
}

/// Turns the rows of a status-only needs file into ``Need/StatusChange``s.
package struct NeedStatusValidator: Sendable {
    package let reference: ReferenceData

    package init(reference: ReferenceData) { self.reference = reference }

    /// The change, or every issue found in the row.
    package func validate(_ row: ImportRow<NeedStatusColumn>, file: String) -> Result<
        NeedStatusChange, ImportFailure
    > {
        var check = FieldChecker(row: row, file: file, reference: reference)
        let id = check.id(.id)
        var status: Need.Status?
        if let text = check.text(.status) {
            status = Need.Status(rawValue: text.lowercased())
            if status == nil {
                check.fail(.status, "the value\(check.shown(text)) is not open, filled or closed")
            }
        }
        let reason = check.text(.reason)
        guard check.issues.isEmpty, let id, let status else {
            return .failure(ImportFailure(issues: check.issues))
        }
        return .success(NeedStatusChange(needID: id, status: status, reason: reason))
    }
}
