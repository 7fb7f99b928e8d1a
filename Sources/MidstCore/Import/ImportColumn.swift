/// The columns of one kind of import file.
package protocol ImportColumn: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The column name as written in the header (and as the JSON key).
    var name: String { get }
    /// Whether every record must give a value.
    var isRequired: Bool { get }
    /// The position of this column in `allCases`.
    var position: Int { get }
    /// Other header names (and JSON keys) accepted for this column.
    var aliases: [String] { get }
    /// Whether the file's records are about people (staff): then any field may hold a name or
    /// an e-mail address (a column shifted by a stray comma puts one anywhere), and messages
    /// about the file never repeat a value, only its line, column and the kind of problem.
    static var holdsPersonalData: Bool { get }
}

extension ImportColumn {
    package var aliases: [String] { [] }
    package static var holdsPersonalData: Bool { false }

    /// The column a header name or JSON key (lower case) stands for, by name or alias.
    package static func named(_ key: String) -> Self? {
        allCases.first { $0.name == key || $0.aliases.contains(key) }
    }
}

extension ImportColumn where Self: RawRepresentable, RawValue == Int {
    package var position: Int { rawValue }
}

/// Columns of a staff file (see `docs/FORMATS.md`).
package enum StaffColumn: Int, ImportColumn {
    case id, name, email, profession, specialties, seniority, countries, languages
    case availableFrom, availableTo, modes, maxAssignments, consent, employer, placements, updatedAt
    case skills

    package var name: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .email: "email"
        case .profession: "profession"
        case .specialties: "specialties"
        case .seniority: "seniority"
        case .countries: "countries"
        case .languages: "languages"
        case .availableFrom: "available_from"
        case .availableTo: "available_to"
        case .modes: "modes"
        case .maxAssignments: "max_assignments"
        case .consent: "consent"
        case .employer: "employer"
        case .placements: "placements"
        case .updatedAt: "updated_at"
        case .skills: "skills"
        }
    }

    package var isRequired: Bool {
        switch self {
        case .id, .profession, .specialties, .seniority, .consent: true
        default: false
        }
    }

    package static var holdsPersonalData: Bool { true }
}

/// Columns of a needs file (see `docs/FORMATS.md`).
package enum NeedColumn: Int, ImportColumn {
    case id, partnership, hostInstitution, country, profession, specialty, minSeniority
    case requiredLanguages, preferredLanguages, start, end, mode, slots, priority, status
    case description, updatedAt, site, skills, partner, minScore, requireSpecialty, skillsRequired
    case team, teamLanguages

    package var name: String {
        switch self {
        case .id: "id"
        case .partnership: "partnership"
        case .hostInstitution: "host_institution"
        case .country: "country"
        case .profession: "profession"
        case .specialty: "specialty"
        case .minSeniority: "min_seniority"
        case .requiredLanguages: "required_languages"
        case .preferredLanguages: "preferred_languages"
        case .start: "start"
        case .end: "end"
        case .mode: "mode"
        case .slots: "slots"
        case .priority: "priority"
        case .status: "status"
        case .description: "description"
        case .updatedAt: "updated_at"
        case .site: "site"
        case .skills: "skills"
        case .partner: "partner"
        case .minScore: "min_score"
        case .requireSpecialty: "require_specialty"
        case .skillsRequired: "skills_required"
        case .team: "team"
        case .teamLanguages: "team_languages"
        }
    }

    package var isRequired: Bool {
        switch self {
        case .id, .partnership, .hostInstitution, .country, .profession, .mode: true
        default: false
        }
    }

    /// The plural names, since these columns may list several values.
    package var aliases: [String] {
        switch self {
        case .country: ["countries"]
        case .profession: ["professions"]
        case .specialty: ["specialties"]
        case .partner: ["partners"]
        default: []
        }
    }
}

/// Columns of an outcomes file (see `docs/FORMATS.md`).
package enum OutcomeColumn: Int, ImportColumn {
    case needID, staffID, outcome, date
    /// The rank and score the person was shown at (docs/FORMATS.md): optional columns.
    case shownRank, shownScore

    package var name: String {
        switch self {
        case .needID: "need_id"
        case .staffID: "staff_id"
        case .outcome: "outcome"
        case .date: "date"
        case .shownRank: "shown_rank"
        case .shownScore: "shown_score"
        }
    }

    package var isRequired: Bool { self != .shownRank && self != .shownScore }
}

/// Columns of a needs file that only changes statuses: `id` and `status`, and perhaps `reason`
/// (see `docs/FORMATS.md`, "Closing and reopening needs").
package enum NeedStatusColumn: Int, ImportColumn {
    case id, status, reason

    package var name: String {
        switch self {
        case .id: "id"
        case .status: "status"
        case .reason: "reason"
        }
    }

    package var aliases: [String] { self == .reason ? ["status_reason"] : [] }

    package var isRequired: Bool { self != .reason }

    /// Whether a header (or a JSON line's keys) names only these columns, and both `id` and
    /// `status`: such a needs file changes statuses and leaves every other column as stored.
    package static func isStatusOnly(_ names: [String]) -> Bool {
        let keys = Set(names.map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty })
        let columns = keys.map(named)
        return columns.allSatisfy { $0 != nil } && keys.contains("id") && keys.contains("status")
    }
}
