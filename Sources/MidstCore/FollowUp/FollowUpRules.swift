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

    /// Reads each count of days as a number that must be whole: Foundation's decoder on Linux
    /// reports `0.5` for a whole number without the key at fault (ScoringConfigFuzzTests).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func days(_ key: CodingKeys) throws -> Int {
            let value = try container.decode(Double.self, forKey: key)
            guard let days = Int(exactly: value) else {
                throw DecodingError.typeMismatch(
                    Int.self,
                    DecodingError.Context(
                        codingPath: container.codingPath + [key], debugDescription: "\(value)"))
            }
            return days
        }
        askedHoldDays = try days(.askedHoldDays)
        noResponseDays = try days(.noResponseDays)
    }
}
