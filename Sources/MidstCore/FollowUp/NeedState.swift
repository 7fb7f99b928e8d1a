/// Where a need stands, in the one vocabulary every command, the report, JSON and the README
/// use (docs/SCORING.md, "Outcomes and the nightly loop"). The first that applies wins:
///
/// - `closed`: closed by a coordinator (`midst needs close`, or status `closed` in a file);
/// - `filled`: as many people placed (accepted or completed) as it has slots, or status `filled`
///   in a file;
/// - `expired`: its end date has passed with slots still open;
/// - `asked`: somebody was asked and has not answered yet;
/// - `proposed`: the run proposes somebody to ask;
/// - `open`: none of these: open slots and nobody proposed.
package enum NeedState: String, CaseIterable, Sendable, Codable {
    case open, proposed, asked, filled, expired, closed

    /// The state of a need with `placed` people placed, `asked` awaited and `proposed` proposed.
    package init(
        stored: Need.Status, slots: Int, placed: Int, asked: Int, proposed: Int, isExpired: Bool
    ) {
        self =
            if stored == .closed {
                .closed
            } else if stored == .filled || placed >= slots {
                .filled
            } else if isExpired {
                .expired
            } else if asked > 0 {
                .asked
            } else if proposed > 0 {
                .proposed
            } else {
                .open
            }
    }

    /// Whether the batch matches the need: it has open slots and its dates are not over.
    package var isMatched: Bool { self == .open || self == .proposed || self == .asked }
}
