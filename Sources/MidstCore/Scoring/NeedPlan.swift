/// One need, prepared for scoring many people fast: every lookup the formula makes is turned
/// into a small table indexed by the compact codes of ``StaffTable``.
///
/// Computes exactly what ``Scorer`` computes (docs/SCORING.md), in the same order of floating-point
/// operations, so that both give the same numbers.
public final class NeedPlan: Sendable {
    public let need: Need
    let professions: [UInt16]
    /// The compact codes of the professions that may fill this need (its own and equivalents).
    public var professionCodes: [UInt16] { professions }
    /// Specialty credit by specialty code, before the secondary factor; empty when the need
    /// names no specialty (everyone gets 1).
    let specialtyCredit: [Double]
    let secondaryFactor: Double
    /// Per country code: 1 for the need's country, the subregion or region factor, else 0.
    let countryFactor: [Double]
    /// The codes of the countries that earn points, highest factor first (lowest code among
    /// equals): the order of the blocked search.
    let countriesByFactor: [Int]
    /// The codes of the specialties that earn credit, most credit first (lowest code among
    /// equals).
    let specialtiesByCredit: [Int]
    /// Value of each tie kind, by ``TieKind/order``.
    let kindValue: [Double]
    let required: [(code: UInt16, rank: UInt8)]
    let preferred: [(code: UInt16, rank: UInt8)]
    /// By language code: the share factor of a language spoken by enough of the need country's
    /// population, else 0. Dense, so that a person's languages are looked up, not searched.
    let localFactor: [Double]
    let languageValues: ScoringConfig.LanguageValues
    let minimumSeniority: UInt8
    let isSeniorityHard: Bool
    let seniorityPenalty: Double
    let start: Int32?
    let end: Int32?
    let mode: NeedMode
    let needCountry: UInt16
    let experiencePerPlacement: Double
    let experienceSameCountry: Double
    let totalWeight: Double
    /// Points per unit of each component, `100 × w / Σw`: a component's contribution is this
    /// times its value.
    let points: ScoringConfig.Weights

    /// Prepares `need` for `scorer`'s reference data and configuration.
    public init(need: Need, scorer: Scorer) {
        let reference = scorer.reference
        let config = scorer.config
        self.need = need
        var professions = [need.profession]
        for group in config.professionEquivalences where group.contains(need.profession.rawValue) {
            // Each once, even when a group repeats a code: a person must not be listed twice.
            for code in group.map(SpecialtyCode.init(rawValue:)) where !professions.contains(code) {
                professions.append(code)
            }
        }
        self.professions = professions.compactMap { reference.number(of: $0).map(UInt16.init) }
        if let wanted = need.specialty {
            let wantedParent = reference.specialty(wanted.rawValue)?.parent
            specialtyCredit = reference.specialties.map { entry in
                if entry.code == wanted { return config.specialty.exact }
                if entry.parent == wanted || wantedParent == entry.code {
                    return config.specialty.parentOrChild
                }
                if let shared = entry.parent, shared == wantedParent,
                    reference.specialty(shared.rawValue)?.level != .profession
                {
                    return config.specialty.sibling
                }
                return 0
            }
        } else {
            specialtyCredit = []
        }
        secondaryFactor = config.specialty.secondaryFactor
        let home = reference.info(for: need.country)
        countryFactor = reference.countries.map { country in
            if country.code == need.country { return 1 }
            guard let home else { return 0 }
            if country.subregionCode == home.subregionCode {
                return config.country.sameSubregionFactor
            }
            if country.regionCode == home.regionCode { return config.country.sameRegionFactor }
            return 0
        }
        countriesByFactor = Self.positiveDescending(countryFactor)
        specialtiesByCredit = Self.positiveDescending(specialtyCredit)
        kindValue = TieKind.allCases.map { config.country.value(of: $0) }
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
        languageValues = config.language
        minimumSeniority = UInt8(need.minimumSeniority.rawValue)
        isSeniorityHard = config.isSeniorityHard
        seniorityPenalty = config.seniorityPenaltyPerLevel
        start = need.dates.start.map { Int32($0.dayNumber) }
        end = need.dates.end.map { Int32($0.dayNumber) }
        mode = need.mode
        needCountry = UInt16(reference.number(of: need.country) ?? 0)
        experiencePerPlacement = config.experiencePerPlacement
        experienceSameCountry = config.experienceSameCountry
        let total = ScoreComponent.allCases.reduce(0) { $0 + $1.weight(in: config) }
        totalWeight = total
        var points = ScoringConfig.Weights()
        if total > 0 {
            points.specialty = 100 * config.weights.specialty / total
            points.country = 100 * config.weights.country / total
            points.language = 100 * config.weights.language / total
            points.seniority = 100 * config.weights.seniority / total
            points.availability = 100 * config.weights.availability / total
            points.experience = 100 * config.weights.experience / total
        }
        self.points = points
    }

    /// The positions of the positive values, largest value first, lowest position among equals.
    private static func positiveDescending(_ values: [Double]) -> [Int] {
        values.indices.filter { values[$0] > 0 }
            .sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    }
}
