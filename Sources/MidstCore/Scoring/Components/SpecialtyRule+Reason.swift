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
                    bestEntry(row, table, to: wantedSpecialties, reference)?.index, row, table,
                    reference, wanted: wantedSpecialties))
        }
        // With every skill required, each one is met (or not) on its own.
        let skillGroups = isAll ? wantedSkills.map { [$0] } : [wantedSkills].filter { !$0.isEmpty }
        for skills in skillGroups {
            said.append(
                reason(
                    bestEntry(row, table, to: skills, reference)?.index, row, table, reference,
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

    /// What a person the specialty constraint keeps out lacks, after "has" or "holds": the first
    /// part of the need that earns them nothing (under `skills_required all`, its specialties,
    /// then each skill; otherwise everything it names), and why.
    func shortfall(_ row: Int, _ table: StaffTable, _ reference: ReferenceData) -> String {
        func names(_ codes: [SpecialtyCode]) -> String {
            codes.map(\.rawValue).joined(separator: " or ")
        }
        let (wantedSpecialties, wantedSkills) = split(reference)
        let everything = "no specialty or skill related to the need's \(names(wanted))"
        let parts =
            isAll
            ? [wantedSpecialties].filter { !$0.isEmpty } + wantedSkills.map { [$0] } : [wanted]
        let earnsNothing = { (part: [SpecialtyCode]) in
            (self.bestEntry(row, table, to: part, reference)?.value ?? 0) == 0
        }
        guard let part = parts.first(where: earnsNothing) else { return everything }
        guard let entry = bestEntry(row, table, to: part, reference) else {
            guard isAll, bestEntry(row, table, to: wanted, reference) != nil else {
                return everything
            }
            return part == wantedSpecialties
                ? "no specialty related to the need's \(names(part)), which the need asks for as well as its skills (skills_required all)"
                : "no skill related to the need's \(names(part)), which the need asks for as well (skills_required all)"
        }
        let code = reference.specialties[Int(table.specialtyCodes[entry.index])].code
        // Related, yet earning nothing: a secondary specialty under a secondaryFactor of 0, or
        // a relation whose credit the configuration sets to 0.
        if entry.credit > 0 {
            return "\(code) only as a secondary specialty, which earns nothing (secondaryFactor is 0)"
        }
        guard let (target, relation) = source(of: code, in: part, reference) else { return everything }
        let kind = reference.specialty(target.rawValue)?.isSkill == true ? "skill" : "specialty"
        let how =
            switch relation {
            case .exact: "the need's own \(kind)"
            case .child: "a sub-\(kind) of the need's \(target)"
            case .parent: "the parent of the need's \(target)"
            case .sibling(let shared): "a sibling of the need's \(target) (both within \(shared))"
            }
        return "\(code), \(how), a relation that earns nothing (\(Self.key(of: relation)) is 0)"
    }

    /// The need's specialties and its skills, apart.
    private func split(_ reference: ReferenceData) -> (specialties: [SpecialtyCode], skills: [SpecialtyCode]) {
        let skills = wanted.filter { reference.specialty($0.rawValue)?.isSkill == true }
        return (wanted.filter { !skills.contains($0) }, skills)
    }

    /// Person `row`'s entry related to `wanted` that earns the most (a secondary specialty
    /// scaled by its factor; the first among equals): its position in `table.specialtyCodes`,
    /// what it earns, and its credit before the factor. When none earns anything, the one with
    /// the most credit (a secondary specialty under a `secondaryFactor` of 0), else the first
    /// related at all (by a relation whose credit is configured to 0); nil when none is related.
    private func bestEntry(
        _ row: Int, _ table: StaffTable, to wanted: [SpecialtyCode], _ reference: ReferenceData
    ) -> (index: Int, value: Double, credit: Double)? {
        let first = Int(table.specialtyStart[row])
        var best: (index: Int, value: Double, credit: Double)?
        for index in first..<Int(table.specialtyStart[row + 1]) {
            let code = reference.specialties[Int(table.specialtyCodes[index])].code
            let relations = wanted.compactMap { Self.relation(of: code, to: $0, reference) }
            guard !relations.isEmpty else { continue }
            let credit = relations.map { Self.credit(of: $0, values) }.max()!
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
        return best
    }

    /// The need's entry among `wanted` that `code`'s credit comes from (the first with the most
    /// credit), and how `code` relates to it; nil when `code` relates to none.
    private func source(of code: SpecialtyCode, in wanted: [SpecialtyCode], _ reference: ReferenceData)
        -> (target: SpecialtyCode, relation: Relation)?
    {
        var source: (target: SpecialtyCode, relation: Relation)?
        for target in wanted {
            guard let relation = Self.relation(of: code, to: target, reference) else { continue }
            let isBetter = source.map {
                Self.credit(of: $0.relation, values) < Self.credit(of: relation, values)
            }
            if isBetter ?? true { source = (target, relation) }
        }
        return source
    }

    /// The configuration key of a relation's credit (`specialty.exact` …), as `why` names it.
    private static func key(of relation: Relation) -> String {
        switch relation {
        case .exact: "exact"
        case .child, .parent: "parentOrChild"
        case .sibling: "sibling"
        }
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
        guard let (target, relation) = source(of: code, in: wanted, reference) else { return none }
        let unearned =
            Self.credit(of: relation, values) == 0
            ? ", a relation that earns nothing (\(Self.key(of: relation)) is 0)" : ""
        switch relation {
        case .exact: return "\(name(code)) is the need's \(kind)\(which)\(unearned)"
        case .child:
            return "\(name(code)) is a sub-\(kind) of the need's \(name(target))\(which)\(unearned)"
        case .parent:
            return "\(name(code)) is the parent of the need's \(name(target))\(which)\(unearned)"
        case .sibling(let shared):
            return
                "\(name(code)) and the need's \(name(target)) are both within \(name(shared))\(which)\(unearned)"
        }
    }
}
