/// The experience component (docs/SCORING.md, "Experience"): credit per past placement, plus
/// more for a completed placement in the need's country (any of them), up to 1.
struct ExperienceRule: Sendable {
    let needCountries: [CountryCode]
    let needCountryCodes: [UInt16]
    let perPlacement: Double
    let sameCountry: Double

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountries = need.countries
        needCountryCodes = need.countries.compactMap { reference.number(of: $0).map(UInt16.init) }
        perPlacement = config.experiencePerPlacement
        sameCountry = config.experienceSameCountry
    }

    @inline(__always)
    func hasCompletedInCountry(_ row: Int, _ table: StaffTable) -> Bool {
        for index in Int(table.completedStart[row])..<Int(table.completedStart[row + 1])
        where needCountryCodes.contains(table.completedCountries[index]) {
            return true
        }
        return false
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        min(
            1,
            perPlacement * Double(table.placements[row])
                + (hasCompletedInCountry(row, table) ? sameCountry : 0))
    }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        let count = Int(table.placements[row])
        let placements = "\(count) past placement\(count == 1 ? "" : "s")"
        guard hasCompletedInCountry(row, table) else { return placements }
        let countryName = needCountries.map { reference.info(for: $0)?.name ?? $0.rawValue }
            .joined(separator: " or ")
        return "\(placements), including one completed in \(countryName)"
    }
}
