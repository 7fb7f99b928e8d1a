/// The depth of an entry in the clinical taxonomy, or `skill` for the cross-cutting branch.
public enum TaxonomyLevel: String, Sendable, CaseIterable {
    case profession, specialty, subspecialty
    /// A cross-cutting theme any profession can hold (education, leadership, infection
    /// prevention and control …); its parent is another skill or none.
    case skill
}

/// One entry of the clinical taxonomy: profession → specialty → sub-specialty, or a skill.
public struct Specialty: Hashable, Sendable {
    public var code: SpecialtyCode
    /// The parent entry; `nil` for a profession.
    public var parent: SpecialtyCode?
    /// The profession this entry belongs to (itself for a profession; ``skillBranch`` for a
    /// skill).
    public var profession: SpecialtyCode
    public var level: TaxonomyLevel
    public var name: String
    /// The published list this entry follows (GMC, NMC, HCPC …).
    public var source: String
    /// Older codes this entry replaces, still accepted on import and read as ``code``.
    public var aliases: [SpecialtyCode] = []

    /// Whether this is a skill: a theme open to every profession, not a specialty.
    public var isSkill: Bool { level == .skill }

    /// The `profession` of every skill.
    public static let skillBranch = SpecialtyCode(rawValue: "skill")
}
