/// A change of a need's status alone: `midst needs close` and `reopen`, or a needs file with
/// only `id` and `status` columns.
public struct NeedStatusChange: Hashable, Sendable {
    public var needID: RecordID
    public var status: NeedStatus
    /// Why, as the coordinator wrote it.
    public var reason: String?

    public init(needID: RecordID, status: NeedStatus, reason: String? = nil) {
        self.needID = needID
        self.status = status
        self.reason = reason
    }
}

/// Turns the rows of a status-only needs file into ``NeedStatusChange``s.
public struct NeedStatusValidator: Sendable {
    public let reference: ReferenceData

    public init(reference: ReferenceData) { self.reference = reference }

    /// The change, or every issue found in the row.
    public func validate(_ row: ImportRow<NeedStatusColumn>, file: String) -> Result<
        NeedStatusChange, ImportFailure
    > {
        var check = FieldChecker(row: row, file: file, reference: reference)
        let id = check.id(.id)
        var status: NeedStatus?
        if let text = check.text(.status) {
            status = NeedStatus(rawValue: text.lowercased())
            if status == nil { check.fail(.status, "'\(text)' is not open, filled or closed") }
        }
        let reason = check.text(.reason)
        guard check.issues.isEmpty, let id, let status else {
            return .failure(ImportFailure(issues: check.issues))
        }
        return .success(NeedStatusChange(needID: id, status: status, reason: reason))
    }
}
