extension NeedPlan {
    /// Whether person `row` of `table` passes every hard constraint.
    @inline(__always)
    public func isEligible(_ row: Int, in table: StaffTable) -> Bool {
        guard professions.contains(table.profession[row]), table.freeCapacity[row] > 0 else {
            return false
        }
        let modes = WorkModes(rawValue: table.modes[row])
        switch mode {
        case .remote: if !modes.contains(.remote) { return false }
        case .inCountry: if !modes.contains(.inCountry) { return false }
        case .either: if modes.isEmpty { return false }
        }
        if let start, let end,
            max(start, table.availableFrom[row]) > min(end, table.availableTo[row])
        {
            return false
        }
        if isSeniorityHard, table.seniority[row] < minimumSeniority { return false }
        for requirement in required where rank(of: requirement.code, row, table) < requirement.rank
        {
            return false
        }
        return true
    }

    /// The score (0–100) of person `row`, who must be eligible: the same number as
    /// ``Scorer/score(_:for:context:)``. No allocation.
    @inline(__always)
    public func score(_ row: Int, in table: StaffTable) -> Double {
        let value = components(row, in: table)
        guard totalWeight > 0 else { return 0 }
        // Summed in the order, and with the operations, of Scorer.score.
        var sum = 0.0
        sum += points.specialty * value.specialty
        sum += points.country * value.country
        sum += points.language * value.language
        sum += points.seniority * value.seniority
        sum += points.availability * value.availability
        sum += points.experience * value.experience
        return sum
    }

    /// The raw value (0–1) of each component for person `row`, who must be eligible: what a run
    /// records for explanations and for re-weighting later.
    @inline(__always)
    public func components(_ row: Int, in table: StaffTable) -> ComponentValues {
        ComponentValues(
            specialty: specialtyValue(row, table), country: countryValue(row, table),
            language: languageValue(row, table), seniority: seniorityValue(row, table),
            availability: availabilityValue(row, table), experience: experienceValue(row, table))
    }

    // MARK: Components, as in docs/SCORING.md

    @inline(__always)
    func rank(of language: UInt16, _ row: Int, _ table: StaffTable) -> UInt8 {
        for index in Int(table.languageStart[row])..<Int(table.languageStart[row + 1])
        where table.languageCodes[index] == language {
            return table.languageRanks[index]
        }
        return 0
    }

    func specialtyValue(_ row: Int, _ table: StaffTable) -> Double {
        guard !specialtyCredit.isEmpty else { return 1 }
        var best = 0.0
        let first = Int(table.specialtyStart[row])
        for index in first..<Int(table.specialtyStart[row + 1]) {
            let factor = index == first ? 1 : secondaryFactor
            let value = specialtyCredit[Int(table.specialtyCodes[index])] * factor
            if value > best { best = value }
        }
        return best
    }

    func countryValue(_ row: Int, _ table: StaffTable) -> Double {
        var best = 0.0
        for index in Int(table.tieStart[row])..<Int(table.tieStart[row + 1]) {
            let factor = countryFactor[Int(table.tieCountries[index])]
            guard factor > 0 else { continue }
            let base = kindValue[Int(table.tieKinds[index])]
            let value = factor == 1 ? base : base * factor
            if value > best { best = value }
        }
        return best
    }

    func languageValue(_ row: Int, _ table: StaffTable) -> Double {
        let values = languageValues
        let native = Double(LanguageLevel.native.rawValue)
        var weightedSum = 0.0
        var totalWeight = 0.0
        if !required.isEmpty {
            var sum = 0.0
            for requirement in required {
                let spoken = rank(of: requirement.code, row, table)
                guard spoken >= requirement.rank else { continue }
                let headroom = Int(LanguageLevel.native.rawValue) - Int(requirement.rank)
                if headroom <= 0 {
                    sum += 1
                } else {
                    let above = Double(Int(spoken) - Int(requirement.rank)) / Double(headroom)
                    sum += values.requiredAtMinimum + (1 - values.requiredAtMinimum) * above
                }
            }
            weightedSum += values.requiredWeight * (sum / Double(required.count))
            totalWeight += values.requiredWeight
        }
        if !preferred.isEmpty {
            var sum = 0.0
            for wish in preferred {
                let spoken = rank(of: wish.code, row, table)
                if spoken == 0 { continue }
                sum +=
                    spoken >= wish.rank
                    ? 1 : values.preferredBelowFactor * Double(spoken) / Double(wish.rank)
            }
            weightedSum += values.preferredWeight * (sum / Double(preferred.count))
            totalWeight += values.preferredWeight
        }
        var localBest = 0.0
        for index in Int(table.languageStart[row])..<Int(table.languageStart[row + 1]) {
            let factor = localFactor[Int(table.languageCodes[index])]
            guard factor > 0 else { continue }
            let value = Double(table.languageRanks[index]) / native * factor
            if value > localBest { localBest = value }
        }
        weightedSum += values.localWeight * localBest
        totalWeight += values.localWeight
        return totalWeight > 0 ? weightedSum / totalWeight : 0
    }

    func seniorityValue(_ row: Int, _ table: StaffTable) -> Double {
        let level = table.seniority[row]
        if level >= minimumSeniority { return 1 }
        return max(0, 1 - seniorityPenalty * Double(Int(minimumSeniority) - Int(level)))
    }

    func availabilityValue(_ row: Int, _ table: StaffTable) -> Double {
        guard let start, let end else { return 1 }
        let from = table.availableFrom[row]
        let to = table.availableTo[row]
        if from == Int32.min, to == Int32.max { return 1 }
        let covered = max(0, Int(min(end, to)) - Int(max(start, from)) + 1)
        return Double(covered) / Double(Int(end) - Int(start) + 1)
    }

    func experienceValue(_ row: Int, _ table: StaffTable) -> Double {
        var inCountry = false
        for index in Int(table.completedStart[row])..<Int(table.completedStart[row + 1])
        where table.completedCountries[index] == needCountry {
            inCountry = true
        }
        return min(
            1,
            experiencePerPlacement * Double(table.placements[row])
                + (inCountry ? experienceSameCountry : 0))
    }
}
