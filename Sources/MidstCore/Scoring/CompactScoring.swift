/// The hard constraints on a ``StaffTable`` row (docs/SCORING.md, "Hard constraints"): a fast
/// yes/no for the batch, and the list of failed constraints for explanations. Both are written
/// here, side by side, and tested to agree.
extension NeedPlan {
    /// Whether person `row` of `table` passes every hard constraint.
    @inline(__always)
    public func isEligible(_ row: Int, in table: StaffTable) -> Bool {
        guard professions.contains(table.profession[row]), table.freeCapacity[row] > 0 else {
            return false
        }
        guard fitsMode(row, table) else { return false }
        if let start = availability.start, let end = availability.end,
            max(start, table.availableFrom[row]) > min(end, table.availableTo[row])
        {
            return false
        }
        if isSeniorityHard, table.seniority[row] < seniority.minimum { return false }
        if requiresSpecialty, specialty.value(row, table) == 0 { return false }
        for requirement in language.required
        where table.rank(ofAny: requirement.codes, row) < requirement.rank {
            return false
        }
        return true
    }

    /// The constraints person `row` fails that the table can tell, in docs/SCORING.md's order:
    /// profession, specialty, languages, availability, mode, seniority. Consent, activity and capacity are
    /// the ``Scorer``'s to check, from the person's record.
    public func exclusions(_ row: Int, in table: StaffTable) -> [Exclusion] {
        var found: [Exclusion] = []
        if !professions.contains(table.profession[row]) {
            found.append(
                .profession(
                    staff: reference.specialties[Int(table.profession[row])].code,
                    need: need.professions))
        }
        if requiresSpecialty, specialty.value(row, table) == 0 {
            found.append(.specialty(needs: need.specialties))
        }
        for requirement in language.required {
            let spoken = table.rank(ofAny: requirement.codes, row)
            if spoken < requirement.rank {
                found.append(
                    .missingLanguage(
                        reference.languages[Int(requirement.codes[0])].code,
                        required: LanguageLevel(rawValue: Int(requirement.rank))!,
                        spoken: LanguageLevel(rawValue: Int(spoken))))
            }
        }
        if let start = availability.start, let end = availability.end,
            max(start, table.availableFrom[row]) > min(end, table.availableTo[row])
        {
            found.append(.noAvailabilityOverlap)
        }
        if !fitsMode(row, table) {
            found.append(.mode(staff: WorkModes(rawValue: table.modes[row]), need: mode))
        }
        if isSeniorityHard, table.seniority[row] < seniority.minimum {
            found.append(
                .seniority(
                    staff: Seniority(rawValue: Int(table.seniority[row]))!,
                    minimum: need.minimumSeniority))
        }
        return found
    }

    @inline(__always)
    private func fitsMode(_ row: Int, _ table: StaffTable) -> Bool {
        let modes = WorkModes(rawValue: table.modes[row])
        return switch mode {
        case .remote: modes.contains(.remote)
        case .inCountry: modes.contains(.inCountry)
        case .either: !modes.isEmpty
        }
    }
}
