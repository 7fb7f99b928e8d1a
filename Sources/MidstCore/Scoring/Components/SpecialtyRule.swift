/// The specialty component (docs/SCORING.md, "Specialty"): the best credit any of the person's
/// specialties earns by its relation to any of the need's, a secondary specialty scaled by its
/// factor.
struct SpecialtyRule: Sendable {
    /// How a person's specialty relates to the need's.
    enum Relation {
        case exact
        /// The person's specialty is a sub-specialty of the need's.
        case child
        /// The person's specialty is the parent of the need's.
        case parent
        /// Both share a parent that is not the profession itself.
        case sibling(shared: SpecialtyCode)
    }

    /// The specialties the need accepts, any one of them.
    let wanted: [SpecialtyCode]
    /// Credit by specialty code (the best over the need's specialties), before the secondary
    /// factor; empty when the need names no specialty (everyone gets 1).
    let credit: [Double]
    let secondaryFactor: Double
    let values: ScoringConfig.SpecialtyValues
    /// The codes of the specialties that earn credit, most credit first (lowest code among
    /// equals): the order of the blocked search.
    let byCredit: [Int]

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        wanted = need.specialties
        secondaryFactor = config.specialty.secondaryFactor
        values = config.specialty
        if need.specialties.isEmpty {
            credit = []
        } else {
            credit = reference.specialties.map { entry in
                need.specialties.reduce(0) { best, wanted in
                    max(
                        best,
                        Self.relation(of: entry.code, to: wanted, reference).map {
                            Self.credit(of: $0, config.specialty)
                        } ?? 0)
                }
            }
        }
        byCredit = NeedPlan.positiveDescending(credit)
    }

    static func relation(of code: SpecialtyCode, to wanted: SpecialtyCode, _ reference: ReferenceData)
        -> Relation?
    {
        if code == wanted { return .exact }
        let parent = reference.specialty(code.rawValue)?.parent
        let wantedParent = reference.specialty(wanted.rawValue)?.parent
        if parent == wanted { return .child }
        if wantedParent == code { return .parent }
        if let shared = parent, shared == wantedParent,
            reference.specialty(shared.rawValue)?.level != .profession
        {
            return .sibling(shared: shared)
        }
        return nil
    }

    static func credit(of relation: Relation, _ values: ScoringConfig.SpecialtyValues) -> Double {
        switch relation {
        case .exact: values.exact
        case .child, .parent: values.parentOrChild
        case .sibling: values.sibling
        }
    }

    /// The value, and the position in `table.specialtyCodes` of the specialty that earns it
    /// (the first among equals; nil when none earns credit).
    @inline(__always)
    func best(_ row: Int, _ table: StaffTable) -> (value: Double, index: Int?) {
        guard !credit.isEmpty else { return (1, nil) }
        var best = 0.0
        var bestIndex: Int?
        let first = Int(table.specialtyStart[row])
        for index in first..<Int(table.specialtyStart[row + 1]) {
            let factor = index == first ? 1 : secondaryFactor
            let value = credit[Int(table.specialtyCodes[index])] * factor
            if value > best {
                best = value
                bestIndex = index
            }
        }
        return (best, bestIndex)
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double { best(row, table).value }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        guard !wanted.isEmpty else { return "The need asks for no particular specialty" }
        func name(_ code: SpecialtyCode) -> String {
            reference.specialty(code.rawValue)?.name ?? code.rawValue
        }
        let none = "No specialty related to the need's \(wanted.map(name).joined(separator: " or "))"
        guard let index = best(row, table).index else { return none }
        let code = reference.specialties[Int(table.specialtyCodes[index])].code
        let which = index == Int(table.specialtyStart[row]) ? "" : " (secondary specialty)"
        // The need's specialty the credit comes from: the first with the most credit.
        var source: (target: SpecialtyCode, relation: Relation)?
        for target in wanted {
            guard let relation = Self.relation(of: code, to: target, reference) else { continue }
            let isBetter = source.map {
                Self.credit(of: $0.relation, values) < Self.credit(of: relation, values)
            }
            if isBetter ?? true { source = (target, relation) }
        }
        guard let (target, relation) = source else { return none }
        switch relation {
        case .exact: return "\(name(code)) is the need's specialty\(which)"
        case .child: return "\(name(code)) is a sub-specialty of the need's \(name(target))\(which)"
        case .parent: return "\(name(code)) is the parent of the need's \(name(target))\(which)"
        case .sibling(let shared):
            return
                "\(name(code)) and the need's \(name(target)) are both within \(name(shared))\(which)"
        }
    }
}
