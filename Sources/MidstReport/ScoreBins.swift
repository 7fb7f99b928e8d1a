/// Scores counted in equal bins from 0 to 100, for the report's distribution chart.
struct ScoreBins {
    struct Bin {
        var lower: Double
        var upper: Double
        var shortlisted = 0
        var proposed = 0
    }

    var bins: [Bin]

    /// `count` bins of width `100 / count`; a score of 100 falls in the last.
    init(shortlisted: [Double], proposed: [Double], count: Int = 20) {
        let width = 100.0 / Double(count)
        bins = (0..<count).map { Bin(lower: Double($0) * width, upper: Double($0 + 1) * width) }
        func bin(_ score: Double) -> Int { min(count - 1, max(0, Int(score / width))) }
        for score in shortlisted { bins[bin(score)].shortlisted += 1 }
        for score in proposed { bins[bin(score)].proposed += 1 }
    }
}
