/// A member of NHS staff who may be matched to partnership needs.
///
/// `name`, `email` and the country ties are personal data; ties can reveal ethnic origin and are
/// special-category data (UK GDPR Art. 9). Only staff who have consented are ever matched or shown.
public struct Staff: Hashable, Sendable {
    public var id: RecordID
    public var name: String?
    public var email: String?
    /// The profession code, a root of the clinical taxonomy.
    public var profession: SpecialtyCode
    /// Specialties in order; the first is the primary one.
    public var specialties: [SpecialtyCode]
    public var seniority: Seniority
    /// The grade or band as written on import (`ST4`, `band7`), if one was given.
    public var grade: String?
    public var countryTies: [CountryTie]
    public var languages: [Staff.LanguageSkill]
    public var availability: CalendarDate.Window
    public var modes: Staff.WorkModes
    /// How many commitments the person can hold at once.
    public var maxAssignments: Int
    public var hasConsented: Bool
    public var employer: String?
    /// Past partnership placements.
    public var pastPlacements: Int
    public var updatedAt: Timestamp

    public init(
        id: RecordID, name: String? = nil, email: String? = nil, profession: SpecialtyCode,
        specialties: [SpecialtyCode], seniority: Seniority, grade: String? = nil,
        countryTies: [CountryTie] = [], languages: [Staff.LanguageSkill] = [],
        availability: CalendarDate.Window = CalendarDate.Window(), modes: Staff.WorkModes = .both, maxAssignments: Int = 1,
        hasConsented: Bool, employer: String? = nil, pastPlacements: Int = 0, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.profession = profession
        self.specialties = specialties
        self.seniority = seniority
        self.grade = grade
        self.countryTies = countryTies
        self.languages = languages
        self.availability = availability
        self.modes = modes
        self.maxAssignments = maxAssignments
        self.hasConsented = hasConsented
        self.employer = employer
        self.pastPlacements = pastPlacements
        self.updatedAt = updatedAt
    }
}
