/// The specialty component (docs/SCORING.md, "Specialty"): the best credit any of the person's
/// specialties earns by its relation to any of the need's, a secondary specialty scaled by its
/// factor; and likewise for skills (never scaled). When the need names both specialties and
/// skills, the value is the mean of the two parts. When it asks for them all
/// (``Need/SkillsRule/all``), the skill part is the mean over its skills of each one's best
/// credit, and someone who lacks any part earns 0.
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
    /// Whether every part is required (``Need/SkillsRule/all`` with skills named).
    let isAll: Bool
    /// With ``isAll`` and more than one skill: each skill's credit by taxonomy code (0 for
    /// specialties), so that each one is met on its own. Empty otherwise: one skill's credit is
    /// ``credit``'s.
    let creditBySkill: [[Double]]
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
        isAll = skillCount > 0 && need.skillsRequired == .all
        credit = Self.credit(for: need.specialties, reference, config.specialty)
        let skills = need.specialties.filter { reference.specialty($0.rawValue)?.isSkill == true }
        creditBySkill =
            isAll && skills.count > 1
            ? skills.map { Self.credit(for: [$0], reference, config.specialty) } : []
        byCredit = NeedPlan.positiveDescending(credit)
    }

    /// By taxonomy code, the best credit over `wanted` (empty when `wanted` is).
    private static func credit(
        for wanted: [SpecialtyCode], _ reference: ReferenceData,
        _ values: ScoringConfig.SpecialtyValues
    ) -> [Double] {
        guard !wanted.isEmpty else { return [] }
        // Each wanted entry's parent looked up once, not once per entry of the taxonomy
        // (a need's plan is made for every need of a batch and of a report).
        let wanted = wanted.map { (code: $0, parent: reference.specialty($0.rawValue)?.parent) }
        let parents = reference.specialtyParents
        return reference.specialties.indices.map { index in
            let code = reference.specialties[index].code
            return wanted.reduce(0) { best, wanted in
                max(
                    best,
                    Self.relation(
                        of: code, parent: parents[index], to: wanted.code,
                        wantedParent: wanted.parent, reference
                    ).map { Self.credit(of: $0, values) } ?? 0)
            }
        }
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
        guard isAll else {
            return isMean ? (parts.specialty + parts.skill) / 2 : max(parts.specialty, parts.skill)
        }
        let skill = creditBySkill.isEmpty ? parts.skill : eachSkill(row, table)
        guard skill > 0, !isMean || parts.specialty > 0 else { return 0 }
        return isMean ? (parts.specialty + skill) / 2 : skill
    }

    /// With several skills all required: the mean over them of each one's best credit among the
    /// person's skills, or 0 when one of them earns none.
    private func eachSkill(_ row: Int, _ table: StaffTable) -> Double {
        var sum = 0.0
        for skillCredit in creditBySkill {
            var best = 0.0
            for index in Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1]) {
                best = max(best, skillCredit[Int(table.specialtyCodes[index])])
            }
            guard best > 0 else { return 0 }
            sum += best
        }
        return sum / Double(creditBySkill.count)
    }
}
