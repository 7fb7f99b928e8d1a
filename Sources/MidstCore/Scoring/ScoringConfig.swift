/// Every weight and component value the scorer uses. The defaults are Midst's shipped
/// configuration; `docs/SCORING.md` gives the formula each value enters.
public struct ScoringConfig: Codable, Sendable, Equatable {
    /// Credit for a specialty relation between the person and the need.
    public struct SpecialtyValues: Codable, Sendable, Equatable {
        public var exact = 1.0
        /// The person's specialty is the parent or a child of the need's.
        public var parentOrChild = 0.7
        /// Both specialties share a parent that is not the profession itself.
        public var sibling = 0.4
        /// Multiplier for a secondary (not primary) specialty.
        public var secondaryFactor = 0.85
        public init() {}
    }

    /// Credit for country ties.
    public struct CountryValues: Codable, Sendable, Equatable {
        public var nationality = 1.0
        public var birth = 0.95
        public var trained = 0.8
        public var heritage = 0.75
        public var worked = 0.7
        /// Multiplier for a tie to another country of the need country's UN M49 subregion.
        public var sameSubregionFactor = 0.3
        /// Multiplier for a tie to another country of the need country's UN M49 region.
        public var sameRegionFactor = 0.1
        /// Countries that count for each other beyond their region: a tie to one of a group's
        /// countries, for a need in another, earns `factor` of its value (when that is more
        /// than the subregion or region gives). By default Somalia and Somaliland (XS): HR
        /// records say "Somalia" for people from Somaliland, and Somaliland's people are Somali.
        public var affinities = [CountryAffinity(countries: ["SO", "XS"], factor: 0.95)]
        public init() {}

        /// The value of a tie of `kind` to the need's own country.
        public func value(of kind: CountryTie.Kind) -> Double {
            switch kind {
            case .nationality: nationality
            case .birth: birth
            case .trained: trained
            case .heritage: heritage
            case .worked: worked
            }
        }
    }

    /// Countries that count for each other in the country component (docs/SCORING.md,
    /// "Country").
    public struct CountryAffinity: Codable, Sendable, Equatable {
        /// Country codes (ISO 3166-1 alpha-2, or XS for Somaliland), two or more.
        public var countries: [String]
        /// The multiplier, 0 to 1, for a tie to another country of the group.
        public var factor: Double

        public init(countries: [String], factor: Double) {
            self.countries = countries
            self.factor = factor
        }
    }

    /// How the language component combines its parts.
    public struct LanguageValues: Codable, Sendable, Equatable {
        /// Weight of the required-languages part (when the need has required languages).
        public var requiredWeight = 0.4
        /// Weight of the preferred-languages part (when the need has preferred languages).
        public var preferredWeight = 0.3
        /// Weight of the local-language part (always present).
        public var localWeight = 0.3
        /// Credit for a required language spoken exactly at its minimum level; more above it.
        public var requiredAtMinimum = 0.6
        /// Credit for a preferred language spoken below its wished-for level, per level rank.
        public var preferredBelowFactor = 0.5
        /// A language counts as local when at least this share (per cent) of the need country's
        /// population speaks it (CLDR).
        public var localMinimumPercent = 5.0
        /// The population share (per cent) at which the local signal is full.
        public var localSaturationPercent = 20.0
        /// Languages that never count as a country's local language, whatever CLDR's share: the
        /// NHS's working language, which every candidate speaks and so tells nobody apart.
        public var nonLocalLanguages = ["en"]
        public init() {}
    }

    /// Relative weights of the components (``ScoreComponent/defaultWeight`` by default); the
    /// score is their weighted mean.
    public var weights = ScoreComponent.Vector(\.defaultWeight)
    public var specialty = SpecialtyValues()
    public var country = CountryValues()
    public var language = LanguageValues()
    /// Whether a person none of whose specialties is related to any of the need's (exact,
    /// parent, child or sibling) is excluded. On by default: the job needs the specialty.
    public var isSpecialtyHard = true
    /// Whether a person below the need's minimum seniority is excluded (hard) or penalised (soft).
    public var isSeniorityHard = false
    /// Soft penalty per seniority level below the need's minimum.
    public var seniorityPenaltyPerLevel = 0.35
    /// Experience credit per past placement, up to 1.
    public var experiencePerPlacement = 0.25
    /// Extra experience credit for a completed placement in the need's country.
    public var experienceSameCountry = 0.5
    /// Groups of professions that may fill each other's needs (e.g. nurse and midwife).
    public var professionEquivalences: [[String]] = []
    /// The assignment's priority step: an edge counts its score times
    /// `1 + priorityStep × (priority − 3)`, so priority 5 counts 1.2× and priority 1 0.8× at 0.1.
    public var priorityStep = 0.1
    /// How outcomes shape the nightly batch over time (docs/SCORING.md, "Outcomes and the
    /// nightly loop").
    package var followUp = FollowUpRules()

    public init() {}
}
