extension Need {
    /// How a need's skills combine with its specialties (docs/SCORING.md, "Specialty").
    public enum SkillsRule: String, CaseIterable, Sendable {
        /// The specialties and skills are one list, any of which is what the need asks for.
        case any
        /// A person must hold each of the need's skills, and a related specialty when it names
        /// specialties: someone who meets every part ranks above someone who meets only some.
        case all
    }

    /// Where a need stands.
    public enum Status: String, CaseIterable, Sendable {
        case open, filled, closed
    }
}

/// A Health Partnership's request for people.
public struct Need: Hashable, Sendable {
    public var id: RecordID
    public var partnership: String
    public var hostInstitution: String
    /// The town, district or hospital site within the host country, as the partnership
    /// names it (e.g. Gulu); shown, not scored.
    public var site: String?
    /// The host countries, never empty: one, or several for a regional programme. The first is
    /// the need's main country (``country``).
    public var countries: [CountryCode]
    /// The need's main country, the first of ``countries``.
    public var country: CountryCode {
        get { countries[0] }
        set { countries[0] = newValue }
    }
    /// The UK partner organisations of the partnership (names or ODS codes, as written), whose
    /// staff earn the partnership component; empty when the need names none.
    public var partners: [String]
    /// The professions that may fill the need, any one of them; never empty.
    public var professions: [SpecialtyCode]
    /// The specialties the need accepts, any one of them (empty: any specialty).
    public var specialties: [SpecialtyCode]
    /// The specialty a need is filed under: its first, or its first profession when it names
    /// none (gaps and the report group needs by it).
    public var mainSpecialty: SpecialtyCode? { specialties.first ?? professions.first }
    public var minimumSeniority: Seniority
    public var requiredLanguages: [Need.LanguageRequirement]
    public var preferredLanguages: [Need.LanguageRequirement]
    public var dates: CalendarDate.Window
    public var mode: Need.Mode
    /// How many people are wanted.
    public var slots: Int
    /// 1 (lowest) to 5 (most urgent).
    public var priority: Int
    public var status: Need.Status
    public var description: String?
    /// The lowest score (0–100) a candidate may have; nil for no minimum.
    public var minimumScore: Double?
    /// Whether a candidate must hold a specialty or skill related to the need's; nil follows
    /// the configuration (`isSpecialtyHard`).
    public var requiresSpecialty: Bool?
    /// Whether the need's skills are wanted as well as (``SkillsRule/all``) or instead of
    /// (``SkillsRule/any``) its specialties.
    public var skillsRequired: SkillsRule
    /// The team the need belongs to: needs of one team are filled together (same dates by
    /// default, shown together, their languages covered by the team as a whole); nil for none.
    public var team: RecordID?
    /// The team's languages (`team_languages`), the same on every member: at least one person
    /// proposed for, asked for or placed on one of the team's needs should speak each at its
    /// level (docs/SCORING.md, "Teams"). Empty for none; never set without a ``team``.
    public var teamLanguages: [Need.LanguageRequirement]
    public var updatedAt: Timestamp

    public init(
        id: RecordID, partnership: String, hostInstitution: String, country: CountryCode,
        professions: [SpecialtyCode], specialties: [SpecialtyCode] = [],
        minimumSeniority: Seniority = .lowest, requiredLanguages: [Need.LanguageRequirement] = [],
        preferredLanguages: [Need.LanguageRequirement] = [], dates: CalendarDate.Window = CalendarDate.Window(),
        mode: Need.Mode, slots: Int = 1, priority: Int = 3, status: Need.Status = .open,
        description: String? = nil, site: String? = nil, otherCountries: [CountryCode] = [],
        partners: [String] = [], minimumScore: Double? = nil, requiresSpecialty: Bool? = nil,
        skillsRequired: SkillsRule = .any, team: RecordID? = nil,
        teamLanguages: [Need.LanguageRequirement] = [], updatedAt: Timestamp
    ) {
        self.id = id
        self.partnership = partnership
        self.hostInstitution = hostInstitution
        self.site = site
        self.countries = [country] + otherCountries
        self.partners = partners
        self.minimumScore = minimumScore
        self.requiresSpecialty = requiresSpecialty
        self.skillsRequired = skillsRequired
        self.team = team
        self.teamLanguages = teamLanguages
        self.professions = professions
        self.specialties = specialties
        self.minimumSeniority = minimumSeniority
        self.requiredLanguages = requiredLanguages
        self.preferredLanguages = preferredLanguages
        self.dates = dates
        self.mode = mode
        self.slots = slots
        self.priority = priority
        self.status = status
        self.description = description
        self.updatedAt = updatedAt
    }
}
