/// The seniority component (docs/SCORING.md, "Seniority"): 1 at or above the need's minimum,
/// less a penalty per level below it (when seniority is not a hard constraint).
struct SeniorityRule: Sendable {
    let minimum: UInt8
    let penaltyPerLevel: Double

    init(need: Need, config: ScoringConfig) {
        minimum = UInt8(need.minimumSeniority.rawValue)
        penaltyPerLevel = config.seniorityPenaltyPerLevel
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        let level = table.seniority[row]
        if level >= minimum { return 1 }
        return max(0, 1 - penaltyPerLevel * Double(Int(minimum) - Int(level)))
    }

    func reason(_ row: Int, _ table: StaffTable) -> String {
        let level = table.seniority[row]
        if level >= minimum { return "Seniority \(level) meets the need's minimum \(minimum)" }
        return "Seniority \(level) is \(Int(minimum) - Int(level)) below the need's minimum \(minimum)"
    }
}
