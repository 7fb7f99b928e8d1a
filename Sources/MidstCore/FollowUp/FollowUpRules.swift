/// How long an ask and a silence last (the configuration's `followUp`): the nightly batch keeps
/// an asked person in a need's proposal while they may still answer, and keeps a person who did
/// not answer off that need for a while.
package struct FollowUpRules: Codable, Hashable, Sendable {
    /// Days an `asked` outcome without an answer holds the person in the need's proposal
    /// (counting against their capacity). After that the ask counts as a `no_response` dated the
    /// day it ran out.
    package var askedHoldDays = 14
    /// Days a `no_response` keeps the person off that need; then they may be proposed again.
    package var noResponseDays = 60

    /// The longest either may be: about thirty years, which keeps every date computed from them
    /// a real date.
    package static let longestDays = 10_000

    package init() {}

    package init(askedHoldDays: Int, noResponseDays: Int) {
        self.askedHoldDays = askedHoldDays
        self.noResponseDays = noResponseDays
    }
}
