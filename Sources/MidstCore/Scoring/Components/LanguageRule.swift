/// The language component (docs/SCORING.md, "Language"): a weighted mean of the required
/// languages' credit, the preferred languages' credit and the best local language of the need's
/// country.
struct LanguageRule: Sendable {
    let needCountry: CountryCode
    let required: [(code: UInt16, rank: UInt8)]
    let preferred: [(code: UInt16, rank: UInt8)]
    /// By language code: the share factor of a language spoken by enough of the need country's
    /// population, else 0. Dense, so that a person's languages are looked up, not searched.
    let localFactor: [Double]
    let values: ScoringConfig.LanguageValues

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        needCountry = need.country
        values = config.language
        required = need.requiredLanguages.compactMap { requirement in
            reference.number(of: requirement.language).map {
                (UInt16($0), UInt8(requirement.minimumLevel.rawValue))
            }
        }
        preferred = need.preferredLanguages.compactMap { wish in
            reference.number(of: wish.language).map {
                (UInt16($0), UInt8(wish.minimumLevel.rawValue))
            }
        }
        var localFactor = [Double](repeating: 0, count: reference.languages.count)
        for spoken in reference.languages(spokenIn: need.country)
        where spoken.populationPercent >= config.language.localMinimumPercent {
            if let number = reference.number(of: spoken.language) {
                localFactor[number] = min(
                    1, spoken.populationPercent / config.language.localSaturationPercent)
            }
        }
        self.localFactor = localFactor
    }

    /// Credit for a required language spoken at `spoken`, wanted at `wanted` (0 below it).
    @inline(__always)
    func requiredCredit(spoken: UInt8, wanted: UInt8) -> Double {
        guard spoken >= wanted else { return 0 }
        let headroom = Int(LanguageLevel.native.rawValue) - Int(wanted)
        guard headroom > 0 else { return 1 }
        let above = Double(Int(spoken) - Int(wanted)) / Double(headroom)
        return values.requiredAtMinimum + (1 - values.requiredAtMinimum) * above
    }

    /// Credit for a preferred language spoken at `spoken` (0: not at all), wished at `wanted`.
    @inline(__always)
    func preferredCredit(spoken: UInt8, wanted: UInt8) -> Double {
        if spoken == 0 { return 0 }
        return spoken >= wanted ? 1 : values.preferredBelowFactor * Double(spoken) / Double(wanted)
    }

    /// The best local-language value and the position in `table.languageCodes` that earns it.
    @inline(__always)
    func local(_ row: Int, _ table: StaffTable) -> (value: Double, index: Int?) {
        let native = Double(LanguageLevel.native.rawValue)
        var best = 0.0
        var bestIndex: Int?
        for index in Int(table.languageStart[row])..<Int(table.languageStart[row + 1]) {
            let factor = localFactor[Int(table.languageCodes[index])]
            guard factor > 0 else { continue }
            let value = Double(table.languageRanks[index]) / native * factor
            if value > best {
                best = value
                bestIndex = index
            }
        }
        return (best, bestIndex)
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        var weightedSum = 0.0
        var totalWeight = 0.0
        if !required.isEmpty {
            var sum = 0.0
            for requirement in required {
                sum += requiredCredit(
                    spoken: table.rank(of: requirement.code, row), wanted: requirement.rank)
            }
            weightedSum += values.requiredWeight * (sum / Double(required.count))
            totalWeight += values.requiredWeight
        }
        if !preferred.isEmpty {
            var sum = 0.0
            for wish in preferred {
                sum += preferredCredit(spoken: table.rank(of: wish.code, row), wanted: wish.rank)
            }
            weightedSum += values.preferredWeight * (sum / Double(preferred.count))
            totalWeight += values.preferredWeight
        }
        weightedSum += values.localWeight * local(row, table).value
        totalWeight += values.localWeight
        return totalWeight > 0 ? weightedSum / totalWeight : 0
    }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        func name(_ code: UInt16) -> String { reference.languages[Int(code)].name }
        func level(_ rank: UInt8) -> LanguageLevel { LanguageLevel(rawValue: Int(rank))! }
        var reasons: [String] = []
        for requirement in required {
            let spoken = table.rank(of: requirement.code, row)
            if spoken >= requirement.rank {
                reasons.append(
                    "Speaks \(name(requirement.code)) (\(level(spoken))), required at \(level(requirement.rank))"
                )
            }
        }
        for wish in preferred {
            let spoken = table.rank(of: wish.code, row)
            guard spoken > 0 else { continue }
            reasons.append(
                spoken >= wish.rank
                    ? "Speaks \(name(wish.code)) (\(level(spoken))), which the need prefers"
                    : "Speaks \(name(wish.code)) (\(level(spoken))), below the preferred \(level(wish.rank))"
            )
        }
        let countryName = reference.info(for: needCountry)?.name ?? needCountry.rawValue
        if let index = local(row, table).index {
            let code = table.languageCodes[index]
            let percent =
                reference.languages(spokenIn: needCountry)
                .first { reference.number(of: $0.language) == Int(code) }?.populationPercent ?? 0
            let share = "\(Self.percent(percent)) of \(countryName)'s population speaks"
            if reasons.contains(where: { $0.hasPrefix("Speaks \(name(code)) (") }) {
                reasons.append("\(share) \(name(code))")
            } else {
                reasons.append(
                    "Speaks \(name(code)) (\(level(table.languageRanks[index]))); \(share) it")
            }
        }
        return reasons.isEmpty
            ? "Speaks none of the need's or \(countryName)'s languages"
            : reasons.joined(separator: "; ")
    }

    private static func percent(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded()))%" : "\((value * 10).rounded() / 10)%"
    }
}

extension StaffTable {
    /// Person `row`'s rank in language `code` (``LanguageLevel`` raw value), 0 when they do not
    /// speak it.
    @inline(__always)
    func rank(of code: UInt16, _ row: Int) -> UInt8 {
        for index in Int(languageStart[row])..<Int(languageStart[row + 1])
        where languageCodes[index] == code {
            return languageRanks[index]
        }
        return 0
    }
}
