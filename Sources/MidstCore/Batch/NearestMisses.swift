/// Why a need has few or no candidates, computed by the engine: among the matchable people of
/// its professions (consenting, active), how many pass every hard constraint, and how many fail
/// one constraint and no other — the nearest misses. The constraint most of them fail alone is
/// the single change that would open the most candidates.
///
/// Country ties, languages that are only preferred and the partnership are scored, not
/// required, so they never keep anyone out. A need's minimum score (`min_score`) is a constraint
/// like the others: who passes every other constraint but scores below it misses on `min_score`
/// alone, and who fails one other constraint counts as missing on it alone only when their score
/// reaches the minimum.
package struct NearestMisses: Sendable, Hashable {
    package var needID: RecordID
    /// Matchable people of the need's professions.
    package var pool: Int
    /// Of them, those who pass every hard constraint.
    package var eligible: Int
    /// By constraint (as ``Exclusion/name``), how many fail that constraint and no other; most
    /// first, then by name.
    package var failingOnly: [Miss]

    /// People who fail one constraint and no other.
    package struct Miss: Sendable, Hashable {
        package var constraint: String
        package var people: Int
        /// What the constraint asks, in words, e.g. "lg at B2 or better".
        package var detail: String

        /// The miss as a sentence: "14 pass everything else but do not speak lg at B2 or better".
        package var sentence: String {
            let who = people == 1 ? "1 person passes" : "\(people) people pass"
            let lack: String
            switch constraint {
            case "language": lack = "do not speak \(detail)"
            case "availability": lack = "are not \(detail)"
            case "mode": lack = "are not \(detail)"
            case "seniority": lack = "are below \(detail.hasSuffix(" or more") ? String(detail.dropLast(" or more".count)) : detail)"
            case "specialty": lack = "hold no \(detail)"
            case "capacity": lack = "are already committed as much as they can be"
            case "min_score": lack = "score below the need's min_score of \(detail)"
            default: lack = "fail \(constraint)"
            }
            return "\(who) everything else but \(people == 1 ? lack.singular : lack)"
        }
    }

    /// The nearest misses of `plan`'s need among the people of `table`.
    ///
    /// - Complexity: one allocation-free check per person of the need's professions.
    package init(plan: NeedPlan, table: StaffTable) {
        needID = plan.need.id
        var pool = 0
        var eligible = 0
        var atCapacityOnly = 0
        var belowMinimumOnly = 0
        var failingOnlyThis: [Int: Int] = [:]
        let minimum = plan.need.minimumScore ?? 0
        func reachesMinimum(_ person: Int) -> Bool {
            minimum <= 0 || plan.score(person, in: table) >= minimum
        }
        for row in table.rows(ofProfessions: plan.professionCodes) {
            let person = Int(row)
            pool += 1
            let failed = plan.failures(person, in: table)
            let hasCapacity = table.freeCapacity[person] > 0
            if failed.isEmpty {
                if !hasCapacity {
                    if reachesMinimum(person) { atCapacityOnly += 1 }
                } else if reachesMinimum(person) {
                    eligible += 1
                } else {
                    belowMinimumOnly += 1
                }
            } else if hasCapacity, let only = failed.only, reachesMinimum(person) {
                failingOnlyThis[only, default: 0] += 1
            }
        }
        self.pool = pool
        self.eligible = eligible
        var misses = failingOnlyThis.map { bit, people in
            let (constraint, detail) = Self.words(bit, plan: plan)
            return Miss(constraint: constraint, people: people, detail: detail)
        }
        if belowMinimumOnly > 0 {
            misses.append(
                Miss(
                    constraint: "min_score", people: belowMinimumOnly,
                    detail: NearestMisses.number(minimum)))
        }
        if atCapacityOnly > 0 {
            misses.append(
                Miss(constraint: "capacity", people: atCapacityOnly, detail: "free capacity (not already committed)"))
        }
        failingOnly = misses.sorted {
            ($1.people, $0.constraint, $0.detail) < ($0.people, $1.constraint, $1.detail)
        }
    }

    /// A score as people write it: 66, or 66.5.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A failed constraint's name and what the need asks of it, in words, e.g. ("language",
    /// "lg at B2 or better").
    static func words(_ bit: Int, plan: NeedPlan) -> (String, String) {
        let need = plan.need
        switch bit {
        case ConstraintFailures.specialty:
            return ("specialty", "specialty related to \(need.specialties.map(\.rawValue).joined(separator: ", "))")
        case ConstraintFailures.availability:
            return ("availability", "free between \(need.dates.start?.description ?? "…") and \(need.dates.end?.description ?? "…")")
        case ConstraintFailures.mode: return ("mode", "able to work \(need.mode.rawValue)")
        case ConstraintFailures.seniority: return ("seniority", "seniority \(need.minimumSeniority.rawValue) or more")
        case ConstraintFailures.profession: return ("profession", "of profession \(need.professions.map(\.rawValue).joined(separator: ", "))")
        default:
            let index = bit.trailingZeroBitCount - ConstraintFailures.language(0).trailingZeroBitCount
            guard let required = plan.requiredLanguage(index) else { return ("language", "a required language") }
            return ("language", "\(required.language) at \(required.level.code) or better")
        }
    }

    /// Why the need is short, as a sentence: its first nearest miss, or that nobody has the
    /// profession, or that everyone fails more than one constraint.
    package var why: String {
        failingOnly.first?.sentence
            ?? (pool == 0
                ? "nobody matchable has the profession"
                : eligible > 0
                    ? "\(eligible) \(eligible == 1 ? "person passes" : "people pass") every hard constraint"
                    : "everyone fails two constraints or more")
    }

    /// One line for a person: "nobody passes …; 14 fail only language (lg at B2 or better) …".
    package var summary: String {
        var text = "\(pool) matchable \(pool == 1 ? "person has" : "people have") the profession; \(eligible) pass\(eligible == 1 ? "es" : "") every hard constraint"
        if let best = failingOnly.first {
            text += "; the single change that opens the most: \(best.constraint) (\(best.detail)), which \(best.people) fail and nothing else"
            let others = failingOnly.dropFirst().map { "\($0.constraint) \($0.people)" }
            if !others.isEmpty { text += " (then \(others.joined(separator: ", ")))" }
        } else if eligible == 0 {
            text += "; everyone fails two constraints or more"
        }
        return text
    }
}

extension String {
    /// "do not …" → "does not …", "are …" → "is …", "hold …" → "holds …": a verb phrase for one
    /// person.
    fileprivate var singular: String {
        for (plural, single) in [("do not ", "does not "), ("are ", "is "), ("hold ", "holds ")]
        where hasPrefix(plural) {
            return single + dropFirst(plural.count)
        }
        return self
    }
}
