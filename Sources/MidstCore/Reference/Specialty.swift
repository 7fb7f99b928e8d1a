/// The depth of an entry in the clinical taxonomy.
public enum TaxonomyLevel: String, Sendable, CaseIterable {
    case profession, specialty, subspecialty
}

/// One entry of the clinical taxonomy: profession → specialty → sub-specialty.
public struct Specialty: Hashable, Sendable {
    public var code: SpecialtyCode
    /// The parent entry; `nil` for a profession.
    public var parent: SpecialtyCode?
    /// The profession this entry belongs to (itself for a profession).
    public var profession: SpecialtyCode
    public var level: TaxonomyLevel
    public var name: String
    /// The published list this entry follows (GMC, NMC, HCPC …).
    public var source: String
}
