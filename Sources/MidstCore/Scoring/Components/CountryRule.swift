/// The country component (docs/SCORING.md, "Country"): the best tie, valued by its kind and
/// scaled by how near its country is to the need's (same country, a configured affinity,
/// subregion or region).
struct CountryRule: Sendable {
    let needCountry: CountryCode
    /// Per country code: 1 for the need's country, else the largest of its affinity, subregion
    /// or region factor, else 0.
    let factor: [Double]
    /// Per country code: the affinity factor with the need's country, 0 without one.
    let affinity: [Double]
    /// The codes of the countries that earn points, highest factor first (lowest code among
    /// equals): the order of the blocked search.
    let byFactor: [Int]
    /// Value of each tie kind, by ``TieKind/order``.
    let kindValue: [Double]

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountry = need.country
        let home = reference.info(for: need.country)
        let affinity = reference.countries.map { country in
            config.country.affinities.reduce(0.0) { best, group in
                group.countries.contains(need.country.rawValue)
                    && group.countries.contains(country.code.rawValue)
                    && country.code != need.country
                    ? max(best, group.factor) : best
            }
        }
        self.affinity = affinity
        factor = zip(reference.countries, affinity).map { country, affinity in
            if country.code == need.country { return 1 }
            guard let home else { return affinity }
            if country.subregionCode == home.subregionCode {
                return max(affinity, config.country.sameSubregionFactor)
            }
            if country.regionCode == home.regionCode {
                return max(affinity, config.country.sameRegionFactor)
            }
            return affinity
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
        let code = Int(table.tieCountries[index])
        let country = reference.countries[code]
        let phrase = Self.phrase(TieKind.allCases[Int(table.tieKinds[index])])
        if country.code == needCountry {
            return "\(phrase) \(country.name) — the need is in \(homeName)"
        }
        if affinity[code] > 0, affinity[code] == factor[code] {
            return
                "\(phrase) \(country.name), which counts for \(homeName) (country affinity \(affinity[code]))"
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
