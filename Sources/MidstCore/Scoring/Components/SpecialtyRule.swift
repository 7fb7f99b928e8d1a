/// The specialty component (docs/SCORING.md, "Specialty"): the best credit any of the person's
/// specialties earns by its relation to any of the need's, a secondary specialty scaled by its
/// factor; and likewise for skills (never scaled). When the need names both specialties and
/// skills, the value is the mean of the two parts.
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

    /// The specialties and skills the need accepts, any one of them.
    let wanted: [SpecialtyCode]
    /// Credit by taxonomy code (the best over the need's specialties and skills: relations never
    /// cross from specialties to skills), before the secondary factor; empty when the need
    /// names neither (everyone gets 1).
    let credit: [Double]
    /// By taxonomy code: whether it is a skill.
    let isSkill: [Bool]
    /// Whether the need names both specialties and skills: the value is then the mean of the
    /// specialty part and the skill part, else the one part named.
    let isMean: Bool
    let secondaryFactor: Double
    let values: ScoringConfig.SpecialtyValues
    /// The codes of the specialties that earn credit, most credit first (lowest code among
    /// equals): the order of the blocked search.
    let byCredit: [Int]

    init(need: Need, reference: ReferenceData, config: ScoringConfig) {
        wanted = need.specialties
        secondaryFactor = config.specialty.secondaryFactor
        values = config.specialty
        isSkill = reference.specialtyIsSkill
        let skillCount = need.specialties.count { reference.specialty($0.rawValue)?.isSkill == true }
        isMean = skillCount > 0 && skillCount < need.specialties.count
        if need.specialties.isEmpty {
            credit = []
        } else {
            // Each wanted entry's parent looked up once, not once per entry of the taxonomy
            // (a need's plan is made for every need of a batch and of a report).
            let wanted = need.specialties.map { (code: $0, parent: reference.specialty($0.rawValue)?.parent) }
            let parents = reference.specialtyParents
            credit = reference.specialties.indices.map { index in
                let code = reference.specialties[index].code
                return wanted.reduce(0) { best, wanted in
                    max(
                        best,
                        Self.relation(
                            of: code, parent: parents[index], to: wanted.code,
                            wantedParent: wanted.parent, reference
                        ).map { Self.credit(of: $0, config.specialty) } ?? 0)
                }
            }
        }
        byCredit = NeedPlan.positiveDescending(credit)
    }

    static func relation(of code: SpecialtyCode, to wanted: SpecialtyCode, _ reference: ReferenceData)
        -> Relation?
    {
        relation(
            of: code, parent: reference.specialty(code.rawValue)?.parent, to: wanted,
            wantedParent: reference.specialty(wanted.rawValue)?.parent, reference)
    }

    /// ``relation(of:to:_:)`` with both parents already known.
    static func relation(
        of code: SpecialtyCode, parent: SpecialtyCode?, to wanted: SpecialtyCode,
        wantedParent: SpecialtyCode?, _ reference: ReferenceData
    ) -> Relation? {
        if code == wanted { return .exact }
        if parent == wanted { return .child }
        if wantedParent == code { return .parent }
        // A parent is a taxonomy code, lower case already: looked up as it is.
        if let shared = parent, shared == wantedParent, !reference.isProfession(shared) {
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

    /// The specialty part and the skill part, each with the position in `table.specialtyCodes`
    /// of the code that earns it (the first among equals; nil when none earns credit).
    @inline(__always)
    func parts(_ row: Int, _ table: StaffTable)
        -> (specialty: Double, specialtyIndex: Int?, skill: Double, skillIndex: Int?)
    {
        var best = (specialty: 0.0, specialtyIndex: Int?.none, skill: 0.0, skillIndex: Int?.none)
        let first = Int(table.specialtyStart[row])
        for index in first..<Int(table.specialtyStart[row + 1]) {
            let code = Int(table.specialtyCodes[index])
            if isSkill[code] {
                let value = credit[code]
                if value > best.skill { (best.skill, best.skillIndex) = (value, index) }
            } else {
                let value = credit[code] * (index == first ? 1 : secondaryFactor)
                if value > best.specialty { (best.specialty, best.specialtyIndex) = (value, index) }
            }
        }
        return best
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        guard !credit.isEmpty else { return 1 }
        let parts = parts(row, table)
        return isMean ? (parts.specialty + parts.skill) / 2 : max(parts.specialty, parts.skill)
    }

    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        guard !wanted.isEmpty else { return "The need asks for no particular specialty" }
        let parts = parts(row, table)
        let wantedSkills = wanted.filter { reference.specialty($0.rawValue)?.isSkill == true }
        let wantedSpecialties = wanted.filter { !wantedSkills.contains($0) }
        var said: [String] = []
        if !wantedSpecialties.isEmpty {
            said.append(
                reason(parts.specialtyIndex, row, table, reference, wanted: wantedSpecialties))
        }
        if !wantedSkills.isEmpty {
            said.append(reason(parts.skillIndex, row, table, reference, wanted: wantedSkills))
        }
        let joined = said.joined(separator: "; ")
        return isMean ? joined + " (the mean of the two parts)" : joined
    }

    private func reason(
        _ index: Int?, _ row: Int, _ table: StaffTable, _ reference: ReferenceData,
        wanted: [SpecialtyCode]
    ) -> String {
        func name(_ code: SpecialtyCode) -> String {
            reference.specialty(code.rawValue)?.name ?? code.rawValue
        }
        let isSkill = reference.specialty(wanted[0].rawValue)?.isSkill == true
        let kind = isSkill ? "skill" : "specialty"
        // Worded only when said: most candidates hold a related entry.
        var none: String {
            "No \(kind) related to the need's \(wanted.map(name).joined(separator: " or "))"
        }
        guard let index else { return none }
        let code = reference.specialties[Int(table.specialtyCodes[index])].code
        let which =
            isSkill || index == Int(table.specialtyStart[row]) ? "" : " (secondary specialty)"
        // The need's entry the credit comes from: the first with the most credit.
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
        case .exact: return "\(name(code)) is the need's \(kind)\(which)"
        case .child:
            return "\(name(code)) is a sub-\(kind) of the need's \(name(target))\(which)"
        case .parent: return "\(name(code)) is the parent of the need's \(name(target))\(which)"
        case .sibling(let shared):
            return
                "\(name(code)) and the need's \(name(target)) are both within \(name(shared))\(which)"
        }
    }
}
