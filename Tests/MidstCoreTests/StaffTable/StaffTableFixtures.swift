@testable import MidstCore

extension Staff.Context {
    /// A context drawn from `random`: 0–2 commitments, completed placements in Uganda and Nepal
    /// half the time, and inactive one time in twenty.
    static func random(using random: inout SeededRandom) -> Staff.Context {
        Staff.Context(
            commitments: Int.random(in: 0...2, using: &random),
            completedCountries: Bool.random(using: &random)
                ? [CountryCode(rawValue: "UG"), CountryCode(rawValue: "NP")] : [],
            isActive: Int.random(in: 0..<20, using: &random) != 0)
    }
}

extension StaffTable {
    /// The table of `people` (by staff key, with their contexts), built from scratch: what any
    /// table kept current by changes must equal.
    static func rebuilt(
        _ people: [Int64: (Staff, Staff.Context)], reference: ReferenceData, generation: Int64
    ) -> StaffTable {
        let keys = people.keys.sorted()
        return StaffTable(
            staff: keys.map { people[$0]!.0 }, contexts: keys.map { people[$0]!.1 }, keys: keys,
            reference: reference, generation: generation)
    }
}
