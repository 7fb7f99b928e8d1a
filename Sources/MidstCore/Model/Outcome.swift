extension Outcome {
    /// What happened when a person was approached for a need.
    ///
    /// A (need, person) pair may have several outcomes over time; its latest one says where it
    /// stands (``PairStanding``). Outcomes of one day follow the order of the cases here: an
    /// `asked` and an `accepted` recorded for the same day mean the answer came after the ask.
    public enum Kind: String, CaseIterable, Sendable, Comparable {
        /// The person was asked and has not answered yet.
        case asked
        /// The person did not answer.
        case noResponse = "no_response"
        case declined
        case accepted
        /// An acceptance taken back: the slot is free again.
        case withdrawn
        case completed

        /// The order of outcomes recorded on the same day.
        public var lifecycleOrder: Int { Self.allCases.firstIndex(of: self)! }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.lifecycleOrder < rhs.lifecycleOrder }

        /// Every outcome's name, for messages: "asked, no_response, …, or completed".
        public static var spelledOut: String {
            let names = allCases.map(\.rawValue)
            return names.dropLast().joined(separator: ", ") + " or " + names.last!
        }
    }
}

/// A recorded outcome for a (need, staff) pair; the ground truth for tuning the scorer, and
/// what the nightly batch builds on (docs/SCORING.md, "Outcomes and the nightly loop").
public struct Outcome: Hashable, Sendable {
    public var needID: RecordID
    public var staffID: RecordID
    public var kind: Outcome.Kind
    public var date: CalendarDate
    /// Where the person stood in the ranking they were asked from, when the record says; it
    /// belongs to the (need, person) pair, not to this one outcome.
    public var exposure: Exposure?
    public init(
        needID: RecordID, staffID: RecordID, kind: Outcome.Kind, date: CalendarDate,
        exposure: Exposure? = nil
    ) {
        self.needID = needID
        self.staffID = staffID
        self.kind = kind
        self.date = date
        self.exposure = exposure
    }

    /// Whether this outcome happened after `other` (by date, then by ``Outcome/Kind`` order).
    public func isLater(than other: Outcome) -> Bool {
        (date, kind) > (other.date, other.kind)
    }
}
