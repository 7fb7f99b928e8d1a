/// The language component (docs/SCORING.md, "Language"): a weighted mean of the required
/// languages' credit (the need's working languages), the preferred languages' credit (the
/// languages of the need's sites: any one of them is enough) and a local part, the better of
/// the site languages' credit and the best language, by CLDR's population shares, of the
/// need's countries whose site languages it does not name.
///
/// A need's language is met by the language itself or an ISO 639-3 equivalent (its
/// macrolanguage, or a macrolanguage's individual languages).
struct LanguageRule: Sendable {
    /// A language the need names, with the codes that meet it and the wanted rank.
    struct Wanted: Sendable {
        /// The language's own code first, then its equivalents.
        let codes: [UInt16]
        let rank: UInt8
    }

    /// The need's countries whose site languages it does not name: CLDR's shares stand in for
    /// them (all of its countries when it names none).
    let sharesCountries: [CountryCode]
    let required: [Wanted]
    let preferred: [Wanted]
    /// The country of each of ``preferred``'s sites (nil: the need's main country).
    let preferredCountries: [CountryCode?]
    /// The languages spoken by enough of the population of ``sharesCountries``, each with its
    /// share factor (parallel lists, by code), less the need's required languages and the
    /// configured `nonLocalLanguages`. A handful of entries, looked up in a few comparisons: a
    /// dense table of every language cost 57 KB a plan, more than half a gigabyte of zeros for
    /// a 10,000-need batch (BENCHMARKS.md).
    let localCodes: [UInt16]
    let localFactors: [Double]
    let values: ScoringConfig.LanguageValues
    /// The languages that earn the component's local part, each code once: every code that
    /// meets a site language, in the order of ``preferred``, then ``localCodes``. Someone who
    /// speaks none of them earns at most ``maxWithoutLocalPart``: the blocked search's language
    /// groups.
    let localPartCodes: [UInt16]
    /// The most the component can be worth to someone who speaks none of ``localPartCodes``
    /// (1 when there are none): the required part at its full credit, over the parts' weights.
    let maxWithoutLocalPart: Double

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        // A site language without a country is one of the main country's site.
        let siteCountries = Set(need.preferredLanguages.map { $0.country ?? need.country })
        sharesCountries = need.countries.filter { !siteCountries.contains($0) }
        values = config.language
        func wanted(_ requirement: Need.LanguageRequirement) -> Wanted? {
            let codes = ([requirement.language] + reference.equivalents(of: requirement.language))
                .compactMap { reference.number(of: $0).map(UInt16.init) }
            guard !codes.isEmpty else { return nil }
            return Wanted(codes: codes, rank: UInt8(requirement.minimumLevel.rawValue))
        }
        required = need.requiredLanguages.compactMap(wanted)
        let sites = need.preferredLanguages.compactMap { site in wanted(site).map { (site, $0) } }
        preferred = sites.map(\.1)
        preferredCountries = sites.map(\.0.country)
        var localFactor: [Int: Double] = [:]
        if !sharesCountries.isEmpty {
            for spoken in sharesCountries.flatMap(reference.languages(spokenIn:))
            where spoken.populationPercent >= config.language.localMinimumPercent {
                let factor = min(
                    1, spoken.populationPercent / config.language.localSaturationPercent)
                for code in [spoken.language] + reference.equivalents(of: spoken.language) {
                    if let number = reference.number(of: code) {
                        localFactor[number] = max(localFactor[number] ?? 0, factor)
                    }
                }
            }
            let working =
                need.requiredLanguages.map(\.language)
                + config.language.nonLocalLanguages.map(LanguageCode.init(rawValue:))
            for language in working {
                for code in [language] + reference.equivalents(of: language) {
                    if let number = reference.number(of: code) { localFactor[number] = nil }
                }
            }
        }
        let local = localFactor.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        localCodes = local.map { UInt16($0.key) }
        localFactors = local.map(\.value)
        let requiredWeight = required.isEmpty ? 0 : config.language.requiredWeight
        if preferred.isEmpty {
            localPartCodes = localCodes
            let total = requiredWeight + config.language.localWeight
            maxWithoutLocalPart = localCodes.isEmpty ? 1 : total > 0 ? requiredWeight / total : 0
        } else {
            var siteCodes: [UInt16] = []
            for code in preferred.flatMap(\.codes) + localCodes where !siteCodes.contains(code) {
                siteCodes.append(code)
            }
            localPartCodes = siteCodes
            let total =
                requiredWeight + config.language.preferredWeight + config.language.localWeight
            maxWithoutLocalPart = total > 0 ? requiredWeight / total : 0
        }
    }

    /// The first of ``localPartCodes`` that person `row` speaks at any level, or nil.
    @inline(__always)
    func firstLocalPartCode(_ row: Int, _ table: StaffTable) -> UInt16? {
        table.firstSpoken(of: localPartCodes, row)
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

    /// The share factor of language `code` in the need's country (0 when it has none).
    @inline(__always)
    func localFactor(of code: UInt16) -> Double {
        for position in localCodes.indices where localCodes[position] == code {
            return localFactors[position]
        }
        return 0
    }

    /// The best value a language of the country earns by CLDR's shares (when the need names no
    /// site language), and the position in `table.languageCodes` that earns it.
    @inline(__always)
    func local(_ row: Int, _ table: StaffTable) -> (value: Double, index: Int?) {
        let native = Double(LanguageLevel.native.rawValue)
        var best = 0.0
        var bestIndex: Int?
        for index in Int(table.languageStart[row])..<Int(table.languageStart[row + 1]) {
            let factor = localFactor(of: table.languageCodes[index])
            guard factor > 0 else { continue }
            let value = Double(table.languageRanks[index]) / native * factor
            if value > best {
                best = value
                bestIndex = index
            }
        }
        return (best, bestIndex)
    }

    /// The best credit any one of the site's languages earns, and which (its position in
    /// ``preferred``; nil when none is spoken).
    @inline(__always)
    func site(_ row: Int, _ table: StaffTable) -> (value: Double, wish: Int?) {
        var best = 0.0
        var bestWish: Int?
        for position in preferred.indices {
            let wish = preferred[position]
            let credit = preferredCredit(spoken: table.rank(ofAny: wish.codes, row), wanted: wish.rank)
            if credit > best {
                best = credit
                bestWish = position
            }
        }
        return (best, bestWish)
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        var weightedSum = 0.0
        var totalWeight = 0.0
        if !required.isEmpty {
            var sum = 0.0
            for requirement in required {
                sum += requiredCredit(
                    spoken: table.rank(ofAny: requirement.codes, row), wanted: requirement.rank)
            }
            weightedSum += values.requiredWeight * (sum / Double(required.count))
            totalWeight += values.requiredWeight
        }
        // The local part: the site languages' credit, or CLDR's shares for the countries
        // whose site languages the need does not name, whichever is more.
        var local = localCodes.isEmpty ? 0 : self.local(row, table).value
        if !preferred.isEmpty {
            let site = site(row, table).value
            weightedSum += values.preferredWeight * site
            totalWeight += values.preferredWeight
            local = max(local, site)
        }
        weightedSum += values.localWeight * local
        totalWeight += values.localWeight
        return totalWeight > 0 ? weightedSum / totalWeight : 0
    }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        func name(_ code: UInt16) -> String { reference.languages[Int(code)].name }
        func level(_ rank: UInt8) -> LanguageLevel { LanguageLevel(rawValue: Int(rank))! }
        /// "Ganda" or, when met through an equivalent, "Swahili (individual language), for Swahili".
        func spoken(_ wanted: Wanted) -> (text: String, rank: UInt8) {
            let (code, rank) = table.bestCode(ofAny: wanted.codes, row)
            let text = code == wanted.codes[0] ? name(code) : "\(name(code)), for \(name(wanted.codes[0]))"
            return (text, rank)
        }
        var reasons: [String] = []
        for requirement in required {
            let (text, rank) = spoken(requirement)
            if rank >= requirement.rank {
                reasons.append("Speaks \(text) (\(level(rank))), required at \(level(requirement.rank))")
            }
        }
        func countryName(_ code: CountryCode) -> String {
            reference.info(for: code)?.name ?? code.rawValue
        }
        let site = preferred.isEmpty ? (value: 0, wish: nil) : site(row, table)
        if let position = site.wish {
            let wish = preferred[position]
            let (text, rank) = spoken(wish)
            // A regional need's site is named by its country.
            let place = preferredCountries[position].map { " in \(countryName($0))" } ?? ""
            reasons.append(
                rank >= wish.rank
                    ? "Speaks \(text) (\(level(rank))), a language of the need's site\(place)"
                    : "Speaks \(text) (\(level(rank))), a language of the need's site\(place), below the wanted \(level(wish.rank))"
            )
        }
        let local = localCodes.isEmpty ? (value: 0, index: nil) : local(row, table)
        if let index = local.index, local.value > site.value {
            reasons.append(shareReason(index, row, table, reference))
        }
        guard reasons.isEmpty else { return reasons.joined(separator: "; ") }
        guard !sharesCountries.isEmpty else { return "Speaks none of the need's languages" }
        let countries = sharesCountries.map(countryName).joined(separator: " or ")
        return "Speaks none of the need's or \(countries)'s languages"
    }

    /// Why the language at `index` of person `row`'s languages earns CLDR's share: the country
    /// of ``sharesCountries`` where most people speak it (the first among equals), and, for a
    /// language that counts as another (Congo Swahili as Swahili), which.
    private func shareReason(
        _ index: Int, _ row: Int, _ table: StaffTable, _ reference: ReferenceData
    ) -> String {
        let code = table.languageCodes[index]
        var best: (country: CountryCode, row: CountryLanguage)?
        for country in sharesCountries {
            for spoken in reference.languages(spokenIn: country)
            where ([spoken.language] + reference.equivalents(of: spoken.language))
                .contains(where: { reference.number(of: $0) == Int(code) })
                && spoken.populationPercent > (best?.row.populationPercent ?? 0)
            {
                best = (country, spoken)
            }
        }
        let name = reference.languages[Int(code)].name
        let level = LanguageLevel(rawValue: Int(table.languageRanks[index]))!
        guard let best else { return "Speaks \(name) (\(level))" }
        let country = reference.info(for: best.country)?.name ?? best.country.rawValue
        let percent = Self.percent(best.row.populationPercent)
        guard reference.number(of: best.row.language) != Int(code) else {
            return "Speaks \(name) (\(level)); \(percent) of \(country)'s population speaks it"
        }
        let counted =
            reference.number(of: best.row.language).map { reference.languages[$0].name }
            ?? best.row.language.rawValue
        return "Speaks \(name) (\(level)), which counts as \(counted); \(percent) of \(country)'s population speaks \(counted)"
    }

    private static func percent(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded()))%" : "\((value * 10).rounded() / 10)%"
    }
}

extension StaffTable {
    /// The first of `codes` that person `row` speaks at any level, or nil.
    @inline(__always)
    func firstSpoken(of codes: [UInt16], _ row: Int) -> UInt16? {
        for code in codes {
            for index in Int(languageStart[row])..<Int(languageStart[row + 1])
            where languageCodes[index] == code {
                return code
            }
        }
        return nil
    }

    /// Person `row`'s best rank (``LanguageLevel`` raw value) in any of `codes`, 0 when they
    /// speak none of them.
    @inline(__always)
    func rank(ofAny codes: [UInt16], _ row: Int) -> UInt8 {
        if codes.count == 1 {
            // Most languages have no equivalent: one comparison per language spoken.
            let code = codes[0]
            for index in Int(languageStart[row])..<Int(languageStart[row + 1])
            where languageCodes[index] == code {
                return languageRanks[index]
            }
            return 0
        }
        var best: UInt8 = 0
        for index in Int(languageStart[row])..<Int(languageStart[row + 1])
        where languageRanks[index] > best && codes.contains(languageCodes[index]) {
            best = languageRanks[index]
        }
        return best
    }

    /// Which of `codes` person `row` speaks best (the first of `codes` among equals, and the
    /// first code when they speak none), with the rank.
    func bestCode(ofAny codes: [UInt16], _ row: Int) -> (code: UInt16, rank: UInt8) {
        var best = (code: codes[0], rank: UInt8(0))
        for code in codes {
            for index in Int(languageStart[row])..<Int(languageStart[row + 1])
            where languageCodes[index] == code && languageRanks[index] > best.rank {
                best = (code, languageRanks[index])
            }
        }
        return best
    }
}
