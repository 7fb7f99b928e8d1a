extension RunDiff {
    /// The kinds of change between two runs, in the order they are listed for a need.
    package enum ChangeKind: String, Sendable, CaseIterable {
        /// Shortlisted in the later run only.
        case entered
        /// Shortlisted in the earlier run only.
        case left
        /// On both shortlists with a different score.
        case moved
        /// Proposed in the later run only.
        case proposed
        /// Proposed in the earlier run only.
        case withdrawn
    }

    /// One change for one person and one need.
    package struct Row: Sendable, Equatable {
        package var needID: String
        package var kind: ChangeKind
        package var staffID: String
        /// The score in the earlier run (left, moved).
        package var before: Double?
        /// The score in the later run (entered, moved).
        package var after: Double?

        package init(
            needID: String, kind: ChangeKind, staffID: String, before: Double? = nil,
            after: Double? = nil
        ) {
            self.needID = needID
            self.kind = kind
            self.staffID = staffID
            self.before = before
            self.after = after
        }
    }
}

extension RunDiff.NeedChange {
    /// This need's changes as rows: entered, left, moved, proposed, then withdrawn.
    package var rows: [RunDiff.Row] {
        entered.map { RunDiff.Row(needID: needID, kind: .entered, staffID: $0.staffID, after: $0.score) }
            + left.map { RunDiff.Row(needID: needID, kind: .left, staffID: $0.staffID, before: $0.score) }
            + moved.map {
                RunDiff.Row(
                    needID: needID, kind: .moved, staffID: $0.staffID, before: $0.before,
                    after: $0.after)
            }
            + proposed.map { RunDiff.Row(needID: needID, kind: .proposed, staffID: $0) }
            + withdrawn.map { RunDiff.Row(needID: needID, kind: .withdrawn, staffID: $0) }
    }
}

extension Departure {
    /// Why a person proposed in the earlier run is not proposed in the later one, when they did
    /// not leave the shortlist (`departure` nil): still listed, the proposal chose others; not
    /// listed, they were proposed by a pin since cleared.
    package static func withdrawal(departure: Departure?, isStillListed: Bool) -> String {
        departure?.text
            ?? (isStillListed
                ? "still on the shortlist: the proposal chose others"
                : "never on the shortlist: a pin since cleared")
    }
}
