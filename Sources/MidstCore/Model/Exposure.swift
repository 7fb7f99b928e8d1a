/// Where a person stood in the ranking a coordinator saw when they were asked for a need: the
/// rank (from 1) and, when known, the score. The outcome log's exposure (docs/TUNING.md,
/// "Exposure"): it tells which people the old ranking put in front of coordinators, the bias
/// that any log of asks carries.
public struct Exposure: Hashable, Sendable {
    /// The position in the list shown, from 1.
    public var rank: Int
    /// The score shown (0–100); nil when the log does not say.
    public var score: Double?

    public init(rank: Int, score: Double? = nil) {
        self.rank = rank
        self.score = score
    }
}
