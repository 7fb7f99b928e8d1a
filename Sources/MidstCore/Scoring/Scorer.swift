/// What the scorer needs to know about a person beyond their record.
public struct StaffContext: Hashable, Sendable {
    /// Commitments the person already holds (accepted, not completed).
    public var commitments: Int
    /// Countries where the person completed a partnership placement.
    public var completedCountries: Set<CountryCode>
    public var isActive: Bool

    public init(
        commitments: Int = 0, completedCountries: Set<CountryCode> = [], isActive: Bool = true
    ) {
        self.commitments = commitments
        self.completedCountries = completedCountries
        self.isActive = isActive
    }
}

/// Decides whether a person is eligible for a need and how well they fit, and says why.
///
/// This is the reference implementation of `docs/SCORING.md`, working on model values; it is
/// what `midst why` explains with, and the oracle the batch's compact scorer is tested against.
public struct Scorer: Sendable {
    public let reference: ReferenceData
    public let config: ScoringConfig

    public init(reference: ReferenceData, config: ScoringConfig = ScoringConfig()) {
        self.reference = reference
        self.config = config
    }

    /// The hard constraints `staff` fails for `need`, in a fixed order; empty for a candidate.
    public func exclusions(of staff: Staff, for need: Need, context: StaffContext = StaffContext())
        -> [Exclusion]
    {
        var found: [Exclusion] = []
        if !staff.hasConsented { found.append(.noConsent) }
        if !context.isActive { found.append(.inactive) }
        if !isCompatible(profession: staff.profession, with: need.profession) {
            found.append(.profession(staff: staff.profession, need: need.profession))
        }
        for requirement in need.requiredLanguages {
            let spoken = level(of: requirement.language, in: staff)
            if spoken.map({ $0 < requirement.minimumLevel }) ?? true {
                found.append(
                    .missingLanguage(
                        requirement.language, required: requirement.minimumLevel, spoken: spoken))
            }
        }
        if let start = need.dates.start, let end = need.dates.end,
            overlapDays(staff.availability, start: start, end: end) == 0
        {
            found.append(.noAvailabilityOverlap)
        }
        let modeFits =
            switch need.mode {
            case .remote: staff.modes.contains(.remote)
            case .inCountry: staff.modes.contains(.inCountry)
            case .either: !staff.modes.isEmpty
            }
        if !modeFits { found.append(.mode(staff: staff.modes, need: need.mode)) }
        if config.isSeniorityHard, staff.seniority < need.minimumSeniority {
            found.append(.seniority(staff: staff.seniority, minimum: need.minimumSeniority))
        }
        if context.commitments >= staff.maxAssignments {
            found.append(
                .atCapacity(commitments: context.commitments, maximum: staff.maxAssignments))
        }
        return found
    }

    /// The full explanation: exclusions, and every component with its reason.
    public func explain(_ staff: Staff, for need: Need, context: StaffContext = StaffContext())
        -> Explanation
    {
        let say = Narration(isOn: true)
        let parts: [(ScoreComponent, (Double, String))] = [
            (.specialty, specialty(staff, need, say)),
            (.country, country(staff, need, say)),
            (.language, language(staff, need, say)),
            (.seniority, seniority(staff, need, say)),
            (.availability, availability(staff, need, say)),
            (.experience, experience(staff, need, context, say)),
        ]
        let totalWeight = ScoreComponent.allCases.reduce(0) { $0 + $1.weight(in: config) }
        let components = parts.map { component, part in
            let weight = component.weight(in: config)
            return ComponentScore(
                component: component, value: part.0, weight: weight,
                contribution: totalWeight > 0 ? (100 * weight / totalWeight) * part.0 : 0,
                reason: part.1)
        }
        return Explanation(
            staffID: staff.id, needID: need.id,
            exclusions: exclusions(of: staff, for: need, context: context),
            components: components)
    }

    /// The score (0–100) of an eligible person, or `nil` when a hard constraint excludes them;
    /// the same number as ``explain(_:for:context:)`` gives, without building any reason text.
    public func score(_ staff: Staff, for need: Need, context: StaffContext = StaffContext())
        -> Double?
    {
        guard exclusions(of: staff, for: need, context: context).isEmpty else { return nil }
        let say = Narration(isOn: false)
        let weights = config.weights
        let total = ScoreComponent.allCases.reduce(0) { $0 + $1.weight(in: config) }
        guard total > 0 else { return 0 }
        // Summed as explain() sums the contributions, so that both give the same number.
        let contributions = [
            (100 * weights.specialty / total) * specialty(staff, need, say).0,
            (100 * weights.country / total) * country(staff, need, say).0,
            (100 * weights.language / total) * language(staff, need, say).0,
            (100 * weights.seniority / total) * seniority(staff, need, say).0,
            (100 * weights.availability / total) * availability(staff, need, say).0,
            (100 * weights.experience / total) * experience(staff, need, context, say).0,
        ]
        return contributions.reduce(0, +)
    }

    // MARK: Components

    func specialty(_ staff: Staff, _ need: Need, _ say: Narration) -> (Double, String) {
        guard let wanted = need.specialty else {
            return (1, "The need asks for no particular specialty")
        }
        var best = (0.0, say("No specialty related to the need's \(name(wanted))"))
        for (position, code) in staff.specialties.enumerated() {
            let factor = position == 0 ? 1 : config.specialty.secondaryFactor
            let which = position == 0 ? "" : " (secondary specialty)"
            let candidate: (Double, String)?
            if code == wanted {
                candidate = (
                    config.specialty.exact * factor,
                    say("\(name(code)) is the need's specialty\(which)")
                )
            } else if parent(of: code) == wanted {
                candidate = (
                    config.specialty.parentOrChild * factor,
                    say("\(name(code)) is a sub-specialty of the need's \(name(wanted))\(which)")
                )
            } else if parent(of: wanted) == code {
                candidate = (
                    config.specialty.parentOrChild * factor,
                    say("\(name(code)) is the parent of the need's \(name(wanted))\(which)")
                )
            } else if let shared = parent(of: code), shared == parent(of: wanted),
                reference.specialty(shared.rawValue)?.level != .profession
            {
                candidate = (
                    config.specialty.sibling * factor,
                    say(
                        "\(name(code)) and the need's \(name(wanted)) are both within \(name(shared))\(which)"
                    )
                )
            } else {
                candidate = nil
            }
            if let candidate, candidate.0 > best.0 { best = candidate }
        }
        return best
    }

    func country(_ staff: Staff, _ need: Need, _ say: Narration) -> (Double, String) {
        let needCountry = reference.info(for: need.country)
        let needName = needCountry?.name ?? need.country.rawValue
        var best = (0.0, say("No tie to \(needName) or its region"))
        for tie in staff.countryTies {
            let base = config.country.value(of: tie.kind)
            let tieCountry = reference.info(for: tie.country)
            let tieName = tieCountry?.name ?? tie.country.rawValue
            let candidate: (Double, String)
            if tie.country == need.country {
                candidate = (
                    base, say("\(Self.phrase(tie.kind)) \(tieName) — the need is in \(needName)")
                )
            } else if let tieCountry, let needCountry,
                tieCountry.subregionCode == needCountry.subregionCode
            {
                candidate = (
                    base * config.country.sameSubregionFactor,
                    say(
                        "\(Self.phrase(tie.kind)) \(tieName), in the need's subregion \(needCountry.subregion)"
                    )
                )
            } else if let tieCountry, let needCountry,
                tieCountry.regionCode == needCountry.regionCode
            {
                candidate = (
                    base * config.country.sameRegionFactor,
                    say(
                        "\(Self.phrase(tie.kind)) \(tieName), in the need's region \(needCountry.region)"
                    )
                )
            } else {
                continue
            }
            if candidate.0 > best.0 { best = candidate }
        }
        return best
    }

    func language(_ staff: Staff, _ need: Need, _ say: Narration) -> (Double, String) {
        let values = config.language
        var parts: [(weight: Double, value: Double)] = []
        var reasons: [String] = []
        if !need.requiredLanguages.isEmpty {
            let credits = need.requiredLanguages.map { requirement -> Double in
                guard let spoken = level(of: requirement.language, in: staff),
                    spoken >= requirement.minimumLevel
                else { return 0 }
                if say.isOn {
                    reasons.append(
                        "Speaks \(languageName(requirement.language)) (\(spoken)), required at \(requirement.minimumLevel)"
                    )
                }
                let headroom = LanguageLevel.native.rawValue - requirement.minimumLevel.rawValue
                guard headroom > 0 else { return 1 }
                let above =
                    Double(spoken.rawValue - requirement.minimumLevel.rawValue) / Double(headroom)
                return values.requiredAtMinimum + (1 - values.requiredAtMinimum) * above
            }
            parts.append((values.requiredWeight, credits.reduce(0, +) / Double(credits.count)))
        }
        if !need.preferredLanguages.isEmpty {
            let credits = need.preferredLanguages.map { wish -> Double in
                guard let spoken = level(of: wish.language, in: staff) else { return 0 }
                if spoken >= wish.minimumLevel {
                    if say.isOn {
                        reasons.append(
                            "Speaks \(languageName(wish.language)) (\(spoken)), which the need prefers"
                        )
                    }
                    return 1
                }
                if say.isOn {
                    reasons.append(
                        "Speaks \(languageName(wish.language)) (\(spoken)), below the preferred \(wish.minimumLevel)"
                    )
                }
                return values.preferredBelowFactor * Double(spoken.rawValue)
                    / Double(wish.minimumLevel.rawValue)
            }
            parts.append((values.preferredWeight, credits.reduce(0, +) / Double(credits.count)))
        }
        var local = 0.0
        var localLanguage: (code: LanguageCode, level: LanguageLevel, percent: Double)?
        for spoken in reference.languages(spokenIn: need.country)
        where spoken.populationPercent >= values.localMinimumPercent {
            guard let level = level(of: spoken.language, in: staff) else { continue }
            let value =
                Double(level.rawValue) / Double(LanguageLevel.native.rawValue)
                * min(1, spoken.populationPercent / values.localSaturationPercent)
            if value > local {
                local = value
                localLanguage = (spoken.language, level, spoken.populationPercent)
            }
        }
        parts.append((values.localWeight, local))
        let totalWeight = parts.reduce(0) { $0 + $1.weight }
        let value =
            totalWeight > 0 ? parts.reduce(0) { $0 + $1.weight * $1.value } / totalWeight : 0
        guard say.isOn else { return (value, "") }
        let countryName = reference.info(for: need.country)?.name ?? need.country.rawValue
        if let localLanguage {
            let name = languageName(localLanguage.code)
            let share =
                "\(Self.percent(localLanguage.percent)) of \(countryName)'s population speaks"
            if reasons.contains(where: { $0.hasPrefix("Speaks \(name) (") }) {
                reasons.append("\(share) \(name)")
            } else {
                reasons.append("Speaks \(name) (\(localLanguage.level)); \(share) it")
            }
        }
        return (
            value,
            reasons.isEmpty
                ? "Speaks none of the need's or \(countryName)'s languages"
                : reasons.joined(separator: "; ")
        )
    }

    func seniority(_ staff: Staff, _ need: Need, _ say: Narration) -> (Double, String) {
        if staff.seniority >= need.minimumSeniority {
            return (
                1,
                say(
                    "Seniority \(staff.seniority) meets the need's minimum \(need.minimumSeniority)"
                )
            )
        }
        let gap = need.minimumSeniority.rawValue - staff.seniority.rawValue
        return (
            max(0, 1 - config.seniorityPenaltyPerLevel * Double(gap)),
            say(
                "Seniority \(staff.seniority) is \(gap) below the need's minimum \(need.minimumSeniority)"
            )
        )
    }

    func availability(_ staff: Staff, _ need: Need, _ say: Narration) -> (Double, String) {
        guard let start = need.dates.start, let end = need.dates.end else {
            return (1, "The need has no fixed dates")
        }
        if staff.availability.start == nil, staff.availability.end == nil {
            return (1, "No availability limits recorded")
        }
        let needDays = end.dayNumber - start.dayNumber + 1
        let covered = overlapDays(staff.availability, start: start, end: end)
        let fraction = Double(covered) / Double(needDays)
        return (fraction, say("Available for \(covered) of the need's \(needDays) days"))
    }

    func experience(_ staff: Staff, _ need: Need, _ context: StaffContext, _ say: Narration) -> (
        Double, String
    ) {
        let inCountry = context.completedCountries.contains(need.country)
        let value = min(
            1,
            config.experiencePerPlacement * Double(staff.pastPlacements)
                + (inCountry ? config.experienceSameCountry : 0))
        guard say.isOn else { return (value, "") }
        let placements =
            "\(staff.pastPlacements) past placement\(staff.pastPlacements == 1 ? "" : "s")"
        let countryName = reference.info(for: need.country)?.name ?? need.country.rawValue
        return (
            value,
            inCountry ? "\(placements), including one completed in \(countryName)" : placements
        )
    }

    // MARK: Helpers

    /// Builds reason text only when explaining; scoring alone skips it (no string work per pair).
    struct Narration {
        let isOn: Bool
        func callAsFunction(_ text: @autoclosure () -> String) -> String { isOn ? text() : "" }
    }

    func isCompatible(profession staff: SpecialtyCode, with need: SpecialtyCode) -> Bool {
        staff == need
            || config.professionEquivalences.contains { group in
                group.contains(staff.rawValue) && group.contains(need.rawValue)
            }
    }

    func level(of language: LanguageCode, in staff: Staff) -> LanguageLevel? {
        staff.languages.first { $0.language == language }?.level
    }

    /// Days of [start, end] (inclusive) within the person's availability (open ends allowed).
    func overlapDays(_ window: DateWindow, start: CalendarDate, end: CalendarDate) -> Int {
        let from = max(start.dayNumber, window.start?.dayNumber ?? Int.min)
        let to = min(end.dayNumber, window.end?.dayNumber ?? Int.max)
        return max(0, to - from + 1)
    }

    private func parent(of code: SpecialtyCode) -> SpecialtyCode? {
        reference.specialty(code.rawValue)?.parent
    }

    private func name(_ code: SpecialtyCode) -> String {
        reference.specialty(code.rawValue)?.name ?? code.rawValue
    }

    private func languageName(_ code: LanguageCode) -> String {
        reference.info(for: code)?.name ?? code.rawValue
    }

    private static func phrase(_ kind: TieKind) -> String {
        switch kind {
        case .nationality: "Nationality:"
        case .birth: "Born in"
        case .trained: "Trained in"
        case .worked: "Worked in"
        case .heritage: "Heritage in"
        }
    }

    private static func percent(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded()))%" : "\((value * 10).rounded() / 10)%"
    }
}
