/// What happened when a person was approached for a need.
public enum OutcomeKind: String, CaseIterable, Sendable {
    case accepted, declined
    case noResponse = "no_response"
    case completed
}

/// A recorded outcome for a (need, staff) pair; the ground truth for tuning the scorer.
public struct Outcome: Hashable, Sendable {
    public var needID: RecordID
    public var staffID: RecordID
    public var kind: OutcomeKind
    public var date: CalendarDate
    public init(needID: RecordID, staffID: RecordID, kind: OutcomeKind, date: CalendarDate) {
        self.needID = needID
        self.staffID = staffID
        self.kind = kind
        self.date = date
    }
}
