/// Scores in words, without Foundation: two decimals, or as many as it takes to tell a score
/// from the `min_score` it falls below.
package enum ScoreText {
    /// `value` (0 or more) with `decimals` decimals (0–12), rounded half away from zero.
    package static func points(_ value: Double, decimals: Int = 2) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        guard decimals > 0 else { return "\(scaled)" }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)."
            + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `score` and `minimum` with two decimals, or with the fewest more (up to 12) that make
    /// them differ: a score just below a minimum never reads as equal to it (59.999999999
    /// against 60.000000000, not 60.00 against 60.00).
    package static func apart(_ score: Double, _ minimum: Double)
        -> (score: String, minimum: String)
    {
        let decimals =
            (2...12).first { points(score, decimals: $0) != points(minimum, decimals: $0) } ?? 12
        return (points(score, decimals: decimals), points(minimum, decimals: decimals))
    }
}
