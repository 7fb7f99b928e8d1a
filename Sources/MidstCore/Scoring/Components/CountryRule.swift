/// The country component (docs/SCORING.md, "Country"): the best tie, valued by its kind and
/// scaled by how near its country is to the need's (same country, a configured affinity,
/// subregion or region); for a need in several countries, the nearest of them.
struct CountryRule: Sendable {
    let needCountries: [CountryCode]
    /// Per country code: 1 for a need's country, else the largest of its affinity, subregion or
    /// region factor with any of the need's countries, else 0.
    let factor: [Double]
    /// The codes of the countries that earn points, highest factor first (lowest code among
    /// equals): the order of the blocked search.
    let byFactor: [Int]
    /// Value of each tie kind, by ``CountryTie/Kind/order``.
    let kindValue: [Double]
    let config: ScoringConfig.CountryValues

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountries = need.countries
        self.config = config.country
        var factor = [Double](repeating: 0, count: reference.countries.count)
        for needCountry in need.countries {
            // The need country's record and affinity groups looked up once, not once per
            // country of the world (a plan is made for every need of a batch and of a report).
            let home = reference.info(for: needCountry)
            let groups = config.country.affinities.filter { $0.countries.contains(needCountry.rawValue) }
            for (code, country) in reference.countries.enumerated() {
                factor[code] = max(
                    factor[code],
                    Self.nearness(
                        of: country, to: needCountry, homeInfo: home, homeGroups: groups,
                        config.country
                    ).factor)
            }
        }
        self.factor = factor
        byFactor = NeedPlan.positiveDescending(factor)
        kindValue = CountryTie.Kind.allCases.map { config.country.value(of: $0) }
    }

    /// How near `country` is to the need country `home`, and why.
    enum Nearness { case same, affinity, subregion, region, none }

    static func nearness(
        of country: Country, to home: CountryCode, _ reference: ReferenceData,
        _ values: ScoringConfig.CountryValues
    ) -> (factor: Double, why: Nearness) {
        nearness(
            of: country, to: home, homeInfo: reference.info(for: home),
            homeGroups: values.affinities.filter { $0.countries.contains(home.rawValue) }, values)
    }

    /// ``nearness(of:to:_:_:)`` with the need country's record and the affinity groups that
    /// hold it already looked up.
    static func nearness(
        of country: Country, to home: CountryCode, homeInfo: Country?,
        homeGroups: [ScoringConfig.CountryAffinity], _ values: ScoringConfig.CountryValues
    ) -> (factor: Double, why: Nearness) {
        if country.code == home { return (1, .same) }
        let affinity = homeGroups.reduce(0.0) { best, group in
            group.countries.contains(country.code.rawValue) ? max(best, group.factor) : best
        }
        guard let info = homeInfo else {
            return (affinity, affinity > 0 ? .affinity : .none)
        }
        var best = (factor: affinity, why: affinity > 0 ? Nearness.affinity : .none)
        if country.subregionCode == info.subregionCode {
            if values.sameSubregionFactor > best.factor {
                best = (values.sameSubregionFactor, .subregion)
            }
        } else if country.regionCode == info.regionCode, values.sameRegionFactor > best.factor {
            best = (values.sameRegionFactor, .region)
        }
        return best
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
        func name(_ code: CountryCode) -> String { reference.info(for: code)?.name ?? code.rawValue }
        let homeNames = needCountries.map(name).joined(separator: " or ")
        guard let index = best(row, table).index else {
            return "No tie to \(homeNames) or \(needCountries.count == 1 ? "its" : "their") region"
        }
        let code = Int(table.tieCountries[index])
        let country = reference.countries[code]
        let phrase = Self.phrase(CountryTie.Kind.allCases[Int(table.tieKinds[index])])
        // The need's country the factor comes from: the first that gives it.
        guard
            let (home, nearness) = needCountries.lazy.map({
                ($0, Self.nearness(of: country, to: $0, reference, self.config))
            }).first(where: { $0.1.factor == factor[code] })
        else { return "\(phrase) \(country.name)" }
        let homeInfo = reference.info(for: home)
        switch nearness.why {
        case .same, .none: return "\(phrase) \(country.name) — the need is in \(homeNames)"
        case .affinity:
            return
                "\(phrase) \(country.name), which counts for \(name(home)) (country affinity \(nearness.factor))"
        case .subregion:
            return
                "\(phrase) \(country.name), in the need's subregion \(homeInfo?.subregion ?? "")"
        case .region:
            return "\(phrase) \(country.name), in the need's region \(homeInfo?.region ?? "")"
        }
    }

    private static func phrase(_ kind: CountryTie.Kind) -> String {
        switch kind {
        case .nationality: "Nationality:"
        case .birth: "Born in"
        case .trained: "Trained in"
        case .worked: "Worked in"
        case .heritage: "Heritage in"
        }
    }
}
