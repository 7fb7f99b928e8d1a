/// The specialty component in words: which of the person's specialties or skills earns the
/// credit and how it relates to the need's, and, for a person the specialty constraint keeps
/// out, what they lack.
extension SpecialtyRule {
    func reason(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        guard !wanted.isEmpty else { return "The need asks for no particular specialty" }
        let (wantedSpecialties, wantedSkills) = split(reference)
        var said: [String] = []
        if !wantedSpecialties.isEmpty {
            said.append(
                reason(
                    relatedIndex(row, table, to: wantedSpecialties, reference), row, table, reference,
                    wanted: wantedSpecialties))
        }
        // With every skill required, each one is met (or not) on its own.
        let skillGroups = isAll ? wantedSkills.map { [$0] } : [wantedSkills].filter { !$0.isEmpty }
        for skills in skillGroups {
            said.append(
                reason(
                    relatedIndex(row, table, to: skills, reference), row, table, reference,
                    wanted: skills))
        }
        let joined = said.joined(separator: "; ")
        if isAll, value(row, table) == 0 {
            return joined + " (the need asks for all of these, skills_required all: meeting only some earns nothing)"
        }
        guard isAll, wantedSkills.count > 1 else {
            return isMean ? joined + " (the mean of the two parts)" : joined
        }
        return joined
            + (isMean
                ? " (the mean of the specialty part and the skills' mean)" : " (the skills' mean)")
    }

    /// What a person the specialty constraint keeps out lacks, after "has" or "holds".
    func shortfall(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        func names(_ codes: [SpecialtyCode]) -> String {
            codes.map(\.rawValue).joined(separator: " or ")
        }
        let (wantedSpecialties, wantedSkills) = split(reference)
        let related = { (codes: [SpecialtyCode]) in
            self.relatedIndex(row, table, to: codes, reference)
        }
        if isAll, related(wantedSpecialties + wantedSkills) != nil {
            if !wantedSpecialties.isEmpty, related(wantedSpecialties) == nil {
                return "no specialty related to the need's \(names(wantedSpecialties)), which the need asks for as well as its skills (skills_required all)"
            }
            if let missing = wantedSkills.first(where: { related([$0]) == nil }) {
                return "no skill related to the need's \(missing.rawValue), which the need asks for as well (skills_required all)"
            }
        }
        // A related specialty held only as a secondary one, under a secondaryFactor of 0.
        if !wantedSpecialties.isEmpty, let index = related(wantedSpecialties),
            index != Int(table.specialtyStart[row])
        {
            let code = reference.specialties[Int(table.specialtyCodes[index])].code
            return "\(code) only as a secondary specialty, which earns nothing (secondaryFactor is 0)"
        }
        return "no specialty or skill related to the need's \(names(wanted))"
    }

    /// The need's specialties and its skills, apart.
    private func split(_ reference: ReferenceData) -> (specialties: [SpecialtyCode], skills: [SpecialtyCode]) {
        let skills = wanted.filter { reference.specialty($0.rawValue)?.isSkill == true }
        return (wanted.filter { !skills.contains($0) }, skills)
    }

    /// The position in `table.specialtyCodes` of person `row`'s entry that earns the most credit
    /// for `wanted` (a secondary specialty scaled by its factor; the first among equals), or,
    /// when none earns any, of the first entry related to `wanted` at all (a secondary
    /// specialty under a `secondaryFactor` of 0); nil when none is related.
    private func relatedIndex(
        _ row: Int, _ table: StaffTable, to wanted: [SpecialtyCode], _ reference: ReferenceData
    ) -> Int? {
        let first = Int(table.specialtyStart[row])
        var best: (index: Int, value: Double, credit: Double)?
        for index in first..<Int(table.specialtyStart[row + 1]) {
            let code = reference.specialties[Int(table.specialtyCodes[index])].code
            let credit = wanted.reduce(0.0) { best, target in
                max(best, Self.relation(of: code, to: target, reference).map { Self.credit(of: $0, values) } ?? 0)
            }
            guard credit > 0 else { continue }
            let isScaled = index != first && !isSkill[Int(table.specialtyCodes[index])]
            let value = credit * (isScaled ? secondaryFactor : 1)
            guard let current = best else {
                best = (index, value, credit)
                continue
            }
            if value > current.value || (current.value == 0 && value == 0 && credit > current.credit) {
                best = (index, value, credit)
            }
        }
        return best?.index
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
            isSkill || index == Int(table.specialtyStart[row])
            ? ""
            : secondaryFactor == 0
                ? " (a secondary specialty, which earns nothing: secondaryFactor is 0)"
                : " (secondary specialty)"
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
