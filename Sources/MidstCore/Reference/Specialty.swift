/// The depth of an entry in the clinical taxonomy, or `skill` for the cross-cutting branch.
package enum TaxonomyLevel: String, Sendable, CaseIterable {
    case profession, specialty, subspecialty
    /// A cross-cutting theme any profession can hold (education, leadership, infection
    /// prevention and control …); its parent is another skill or none.
    case skill
}

/// One entry of the clinical taxonomy: profession → specialty → sub-specialty, or a skill.
package struct Specialty: Hashable, Sendable {
    package var code: SpecialtyCode
    /// The parent entry; `nil` for a profession.
    package var parent: SpecialtyCode?
    /// The profession this entry belongs to (itself for a profession; ``skillBranch`` for a
    /// skill).
    package var profession: SpecialtyCode
    package var level: TaxonomyLevel
    package var name: String
    /// The published list this entry follows (GMC, NMC, HCPC …).
    package var source: String
    /// Older codes this entry replaces, still accepted on import and read as ``code``.
    package var aliases: [SpecialtyCode] = []

    /// Whether this is a skill: a theme open to every profession, not a specialty.
    package var isSkill: Bool { level == .skill }

    /// The `profession` of every skill.
    package static let skillBranch = SpecialtyCode(rawValue: "skill")
}
