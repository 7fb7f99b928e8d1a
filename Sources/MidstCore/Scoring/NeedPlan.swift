/// One need, prepared for scoring many people fast: every lookup the formula makes is turned
/// into a small table indexed by the compact codes of ``StaffTable``, one rule per
/// ``ScoreComponent`` (`Scoring/Components/`).
///
/// This is the only implementation of docs/SCORING.md: the batch, `midst candidates` and the
/// explanations of `midst why` (through ``Scorer``) all score with it.
public final class NeedPlan: Sendable {
    public let need: Need
    let reference: ReferenceData
    let professions: [UInt16]
    /// The compact codes of the professions that may fill this need (its own and equivalents).
    public var professionCodes: [UInt16] { professions }
    let specialty: SpecialtyRule
    let country: CountryRule
    let language: LanguageRule
    let seniority: SeniorityRule
    let availability: AvailabilityRule
    let experience: ExperienceRule
    let partnership: PartnershipRule
    let mode: Need.Mode
    let isSeniorityHard: Bool
    /// Whether a person must hold a specialty or skill related to the need's (when it names
    /// any): the need's own setting, else the configuration's.
    let requiresSpecialty: Bool
    /// The lowest score a candidate may have (0: no minimum).
    let minimumScore: Double
    /// Points per unit of each component, `100 × w / Σw`: a component's contribution is this
    /// times its value, and the score is `points.dot(values)`.
    public let points: ScoreComponent.Vector
    /// The most points each component can award anyone for this need: ``points``, but none for
    /// the partnership when the need names no partner whose staff can earn it. The score bounds
    /// of the candidate search count what is left at these.
    let attainablePoints: ScoreComponent.Vector

    /// Prepares `need` for `scorer`'s reference data and configuration.
    public convenience init(need: Need, scorer: Scorer) {
        self.init(need: need, scorer: scorer, shared: nil)
    }

    /// The professions that may fill `need`: its own, then those `config` counts as
    /// equivalent to one of them, each once (a person must not be listed twice). Their numbers
    /// in the reference data are ``professionCodes``.
    package static func professions(of need: Need, config: ScoringConfig) -> [SpecialtyCode] {
        var professions = need.professions
        for group in config.professionEquivalences
        where need.professions.contains(where: { group.contains($0.rawValue) }) {
            for code in group.map(SpecialtyCode.init(rawValue:)) where !professions.contains(code) {
                professions.append(code)
            }
        }
        return professions
    }

    /// The rules of a plan that read one field of the need each, made for another need with
    /// the same value of it (``NeedPlans``): the specialties, the countries, the partners.
    struct SharedRules {
        var specialty: SpecialtyRule
        var country: CountryRule
        var partnership: PartnershipRule
    }

    /// ``init(need:scorer:)`` with the rules in `shared` when given, which must have been made
    /// with `scorer` for a need with the same specialties, countries and partners.
    init(need: Need, scorer: Scorer, shared: SharedRules?) {
        let reference = scorer.reference
        let config = scorer.config
        self.need = need
        self.reference = reference
        self.professions = Self.professions(of: need, config: config).compactMap {
            reference.number(of: $0).map(UInt16.init)
        }
        specialty =
            shared?.specialty ?? SpecialtyRule(need: need, reference: reference, config: config)
        country =
            shared?.country ?? CountryRule(need: need, reference: reference, config: config)
        language = LanguageRule(need: need, reference: reference, config: config)
        seniority = SeniorityRule(need: need, config: config)
        availability = AvailabilityRule(need: need)
        experience = ExperienceRule(need: need, reference: reference, config: config)
        partnership = shared?.partnership ?? PartnershipRule(need: need, reference: reference)
        mode = need.mode
        isSeniorityHard = config.isSeniorityHard
        requiresSpecialty =
            (need.requiresSpecialty ?? config.isSpecialtyHard) && !need.specialties.isEmpty
        minimumScore = need.minimumScore ?? 0
        points = config.weights.points
        var attainable = points
        if partnership.keys.isEmpty { attainable[.partnership] = 0 }
        attainablePoints = attainable
    }

    /// One component's reason in plain words for person `row`.
    public func reason(for component: ScoreComponent, _ row: Int, in table: StaffTable) -> String {
        switch component {
        case .specialty: specialty.reason(row, table, reference)
        case .country: country.reason(row, table, reference)
        case .language: language.reason(row, table, reference)
        case .seniority: seniority.reason(row, table)
        case .availability: availability.reason(row, table)
        case .experience: experience.reason(row, table, reference)
        case .partnership: partnership.reason(row, table)
        }
    }

    /// The raw value (0–1) of each component for person `row`: what a run records for
    /// explanations and for re-weighting later.
    @inline(__always)
    public func components(_ row: Int, in table: StaffTable) -> ScoreComponent.Vector {
        components(
            row, in: table, specialty: specialty.value(row, table),
            country: country.value(row, table))
    }

    /// ``components(_:in:)`` given the specialty and country values, already computed.
    @inline(__always)
    func components(_ row: Int, in table: StaffTable, specialty: Double, country: Double)
        -> ScoreComponent.Vector
    {
        // Spelled out rather than looped over `allCases`: this runs for every pair scored, and
        // the loop cost a third of the scorer's throughput (BENCHMARKS.md, "Scoring throughput").
        var values = ScoreComponent.Vector()
        values[.specialty] = specialty
        values[.country] = country
        values[.language] = language.value(row, table)
        values[.seniority] = seniority.value(row, table)
        values[.availability] = availability.value(row, table)
        values[.experience] = experience.value(row, table)
        values[.partnership] = partnership.value(row, table)
        return values
    }

    /// The score (0–100) of person `row`, who must be eligible: `points.dot(components)`,
    /// rounded to a multiple of 1e-9 (``NeedPlan/settled(_:)``). No allocation.
    @inline(__always)
    public func score(_ row: Int, in table: StaffTable) -> Double {
        Self.settled(points.dot(components(row, in: table)))
    }

    /// `raw` rounded to the nearest multiple of 1e-9 (half away from zero): scores that are
    /// mathematically equal but were summed from different terms differ only by floating-point
    /// noise (about 1e-14), and rounding makes them equal, so that ties fall to the staff-id
    /// rule rather than to the noise (docs/SCORING.md, "Ties").
    @inline(__always)
    public static func settled(_ raw: Double) -> Double { (raw * 1e9).rounded() / 1e9 }

    /// Every component of person `row` with its value, weight, points and reason.
    public func explain(_ row: Int, in table: StaffTable, weights: ScoreComponent.Vector)
        -> [Explanation.Component]
    {
        let values = components(row, in: table)
        return ScoreComponent.allCases.map { component in
            Explanation.Component(
                component: component, value: values[component], weight: weights[component],
                contribution: points[component] * values[component],
                reason: reason(for: component, row, in: table))
        }
    }

    /// The positions of the positive values, largest value first, lowest position among equals.
    static func positiveDescending(_ values: [Double]) -> [Int] {
        values.indices.filter { values[$0] > 0 }
            .sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    }
}
