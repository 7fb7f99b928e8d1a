/// The hard constraints on a ``StaffTable`` row (docs/SCORING.md, "Hard constraints"): a fast
/// yes/no for the batch, and the list of failed constraints for explanations. Both are written
/// here, side by side, and tested to agree.
extension NeedPlan {
    /// Whether person `row` of `table` passes every hard constraint.
    @inline(__always)
    public func isEligible(_ row: Int, in table: StaffTable) -> Bool {
        eligibleSpecialtyValue(row, in: table) != nil
    }

    /// Person `row`'s specialty value when they pass every hard constraint, else nil: the batch
    /// computes the value once, for the constraint, the candidate bound and the score.
    @inline(__always)
    func eligibleSpecialtyValue(_ row: Int, in table: StaffTable) -> Double? {
        let specialtyValue = specialty.value(row, table)
        guard meetsSpecialty(specialtyValue), passesOtherConstraints(row, in: table) else {
            return nil
        }
        return specialtyValue
    }

    /// Whether a specialty value of `value` meets the specialty constraint.
    @inline(__always)
    func meetsSpecialty(_ value: Double) -> Bool {
        !requiresSpecialty || value != 0
    }

    /// Whether person `row` passes every hard constraint but the specialty one: the batch
    /// checks the specialty first, for its value also bounds the score (``BestCandidates``).
    /// With `isIndexed`, `row` came from a ``CandidateIndex`` list of one of the plan's
    /// professions, which holds only people with free capacity: those two cells are not read.
    @inline(__always)
    func passesOtherConstraints(_ row: Int, in table: StaffTable, isIndexed: Bool = false)
        -> Bool
    {
        if !isIndexed {
            guard professions.contains(table.profession[row]), table.freeCapacity[row] > 0
            else { return false }
        }
        guard fitsMode(row, table) else { return false }
        if let start = availability.start, let end = availability.end,
            max(start, table.availableFrom[row]) > min(end, table.availableTo[row])
        {
            return false
        }
        if isSeniorityHard, table.seniority[row] < seniority.minimum { return false }
        for requirement in language.required
        where table.rank(ofAny: requirement.codes, row) < requirement.rank {
            return false
        }
        return true
    }

    /// The constraints person `row` fails that the table can tell, in docs/SCORING.md's order:
    /// profession, specialty, languages, availability, mode, seniority. Consent, activity and capacity are
    /// the ``Scorer``'s to check, from the person's record.
    package func exclusions(_ row: Int, in table: StaffTable) -> [Exclusion] {
        let failed = failures(row, in: table)
        var found: [Exclusion] = []
        if failed.contains(ConstraintFailures.profession) {
            found.append(
                .profession(
                    staff: reference.specialties[Int(table.profession[row])].code,
                    need: need.professions))
        }
        if failed.contains(ConstraintFailures.specialty) {
            found.append(.specialty(lacking: specialty.shortfall(row, table, reference)))
        }
        // Each language checked again when its bit is set: languages from the 58th on share one.
        for (index, requirement) in language.required.enumerated()
        where failed.contains(ConstraintFailures.language(index))
            && table.rank(ofAny: requirement.codes, row) < requirement.rank
        {
            found.append(
                .missingLanguage(
                    reference.languages[Int(requirement.codes[0])].code,
                    required: LanguageLevel(rawValue: Int(requirement.rank))!,
                    spoken: LanguageLevel(rawValue: Int(table.rank(ofAny: requirement.codes, row)))))
        }
        if failed.contains(ConstraintFailures.availability) { found.append(.noAvailabilityOverlap) }
        if failed.contains(ConstraintFailures.mode) {
            found.append(.mode(staff: Staff.WorkModes(rawValue: table.modes[row]), need: mode))
        }
        if failed.contains(ConstraintFailures.seniority) {
            found.append(
                .seniority(
                    staff: Seniority(rawValue: Int(table.seniority[row]))!,
                    minimum: need.minimumSeniority))
        }
        return found
    }

    /// The constraints person `row` fails, as ``exclusions(_:in:)`` lists them, without
    /// allocating: what counting misses over a whole profession needs.
    @inline(__always)
    package func failures(_ row: Int, in table: StaffTable) -> ConstraintFailures {
        var failed = ConstraintFailures()
        if !professions.contains(table.profession[row]) { failed.insert(ConstraintFailures.profession) }
        if requiresSpecialty, specialty.value(row, table) == 0 { failed.insert(ConstraintFailures.specialty) }
        for (index, requirement) in language.required.enumerated()
        where table.rank(ofAny: requirement.codes, row) < requirement.rank {
            failed.insert(ConstraintFailures.language(index))
        }
        if let start = availability.start, let end = availability.end,
            max(start, table.availableFrom[row]) > min(end, table.availableTo[row])
        {
            failed.insert(ConstraintFailures.availability)
        }
        if !fitsMode(row, table) { failed.insert(ConstraintFailures.mode) }
        if isSeniorityHard, table.seniority[row] < seniority.minimum {
            failed.insert(ConstraintFailures.seniority)
        }
        return failed
    }

    /// The need's `index`th required language and the level it asks, for words about a
    /// ``ConstraintFailures/language(_:)`` failure.
    public func requiredLanguage(_ index: Int) -> (language: LanguageCode, level: LanguageLevel)? {
        guard language.required.indices.contains(index) else { return nil }
        let requirement = language.required[index]
        return (
            reference.languages[Int(requirement.codes[0])].code,
            LanguageLevel(rawValue: Int(requirement.rank))!
        )
    }

    @inline(__always)
    private func fitsMode(_ row: Int, _ table: StaffTable) -> Bool {
        let modes = Staff.WorkModes(rawValue: table.modes[row])
        return switch mode {
        case .remote: modes.contains(.remote)
        case .inCountry: modes.contains(.inCountry)
        case .either: !modes.isEmpty
        }
    }
}
