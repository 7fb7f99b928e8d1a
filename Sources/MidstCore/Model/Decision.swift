/// A coordinator's decision about one (need, person) pair.
public struct Decision: Sendable, Hashable {
    /// `pin` (always propose) or `exclude` (never list).
    public enum Kind: String, Sendable, CaseIterable { case pin, exclude }

    public var needID: String
    public var staffID: String
    public var kind: Kind
    public var reason: String?
    public var decidedAt: String

    public init(needID: String, staffID: String, kind: Kind, reason: String?, decidedAt: String) {
        self.needID = needID
        self.staffID = staffID
        self.kind = kind
        self.reason = reason
        self.decidedAt = decidedAt
    }
}
