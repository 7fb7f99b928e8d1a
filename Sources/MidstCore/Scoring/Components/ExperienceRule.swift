/// The experience component (docs/SCORING.md, "Experience"): credit per past placement, plus
/// more for a completed placement in the need's country, up to 1.
struct ExperienceRule: Sendable {
    let needCountry: CountryCode
    let needCountryCode: UInt16
    let perPlacement: Double
    let sameCountry: Double

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountry = need.country
        needCountryCode = UInt16(reference.number(of: need.country) ?? 0)
        perPlacement = config.experiencePerPlacement
        sameCountry = config.experienceSameCountry
    }

    @inline(__always)
    func hasCompletedInCountry(_ row: Int, _ table: StaffTable) -> Bool {
        for index in Int(table.completedStart[row])..<Int(table.completedStart[row + 1])
        where table.completedCountries[index] == needCountryCode {
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
        let countryName = reference.info(for: needCountry)?.name ?? needCountry.rawValue
        return "\(placements), including one completed in \(countryName)"
    }
}
