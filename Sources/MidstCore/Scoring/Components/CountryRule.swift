/// The country component (docs/SCORING.md, "Country"): the best tie, valued by its kind and
/// scaled by how near its country is to the need's (same country, subregion or region).
struct CountryRule: Sendable {
    let needCountry: CountryCode
    /// Per country code: 1 for the need's country, the subregion or region factor, else 0.
    let factor: [Double]
    /// The codes of the countries that earn points, highest factor first (lowest code among
    /// equals): the order of the blocked search.
    let byFactor: [Int]
    /// Value of each tie kind, by ``TieKind/order``.
    let kindValue: [Double]

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountry = need.country
        let home = reference.info(for: need.country)
        factor = reference.countries.map { country in
            if country.code == need.country { return 1 }
            guard let home else { return 0 }
            if country.subregionCode == home.subregionCode {
                return config.country.sameSubregionFactor
            }
            if country.regionCode == home.regionCode { return config.country.sameRegionFactor }
            return 0
        }
        byFactor = NeedPlan.positiveDescending(factor)
        kindValue = TieKind.allCases.map { config.country.value(of: $0) }
    }

    /// The value, and the position in `table.tieCountries` of the tie that earns it (the first
    /// among equals; nil when no tie earns points).
    @inline(__always)
    func best(_ row: Int, _ table: StaffTable) -> (value: Double, index: Int?) {
        var best = 0.0
        var bestIndex: Int?
        for index in Int(table.tieStart[row])..<Int(table.tieStart[row + 1]) {
            let factor = factor[Int(table.tieCountries[index])]
            guard factor > 0 else { continue }
            let base = kindValue[Int(table.tieKinds[index])]
            let value = factor == 1 ? base : base * factor
            if value > best {
                best = value
                bestIndex = index
            }
        }
        return (best, bestIndex)
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double { best(row, table).value }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        let home = reference.info(for: needCountry)
        let homeName = home?.name ?? needCountry.rawValue
        guard let index = best(row, table).index, let home else {
            return "No tie to \(homeName) or its region"
        }
        let country = reference.countries[Int(table.tieCountries[index])]
        let phrase = Self.phrase(TieKind.allCases[Int(table.tieKinds[index])])
        if country.code == needCountry {
            return "\(phrase) \(country.name) — the need is in \(homeName)"
        }
        if country.subregionCode == home.subregionCode {
            return "\(phrase) \(country.name), in the need's subregion \(home.subregion)"
        }
        return "\(phrase) \(country.name), in the need's region \(home.region)"
    }

    private static func phrase(_ kind: TieKind) -> String {
        switch kind {
        case .nationality: "Nationality:"
        case .birth: "Born in"
        case .trained: "Trained in"
        case .worked: "Worked in"
        case .heritage: "Heritage in"
        }
    }
}
