/// The availability component (docs/SCORING.md, "Availability"): the share of the need's days
/// the person is available for; 1 when either side sets no limits.
struct AvailabilityRule: Sendable {
    let start: Int32?
    let end: Int32?

    init(need: Need) {
        start = need.dates.start.map { Int32($0.dayNumber) }
        end = need.dates.end.map { Int32($0.dayNumber) }
    }

    /// Days of the need's window the person covers, and the window's length; nil when the need
    /// or the person sets no limits.
    @inline(__always)
    func coverage(_ row: Int, _ table: StaffTable) -> (covered: Int, days: Int)? {
        guard let start, let end else { return nil }
        let from = table.availableFrom[row]
        let to = table.availableTo[row]
        if from == Int32.min, to == Int32.max { return nil }
        return (max(0, Int(min(end, to)) - Int(max(start, from)) + 1), Int(end) - Int(start) + 1)
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        guard let (covered, days) = coverage(row, table) else { return 1 }
        return Double(covered) / Double(days)
    }

    func reason(_ row: Int, _ table: StaffTable) -> String {
        guard start != nil, end != nil else { return "The need has no fixed dates" }
        guard let (covered, days) = coverage(row, table) else {
            return "No availability limits recorded"
        }
        return "Available for \(covered) of the need's \(days) days"
    }
}
