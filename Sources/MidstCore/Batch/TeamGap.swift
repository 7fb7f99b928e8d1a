/// A team as `midst gaps` shows it (docs/SCORING.md, "Teams"): how many of its needs (roles) the
/// run proposes somebody for, how the run's proposal came out for each team language, and for
/// each it cannot cover, the nearest fix.
package struct TeamGap: Sendable, Hashable {
    package var team: RecordID
    /// The team's needs (open and not expired), by id.
    package var needIDs: [RecordID]
    /// The team's needs matched by the run, and of them those with somebody proposed or placed.
    package var roles: Int
    package var rolesProposed: Int
    /// The team's languages as the run recorded them, by language code (empty when it names
    /// none).
    package var languages: [Language]

    /// The languages the run's proposal cannot cover, by language code, each with its
    /// nearest fix.
    package var uncovered: [Uncovered] {
        languages.filter { $0.status == .uncovered }.map {
            Uncovered(language: $0.language, fix: $0.fix)
        }
    }

    /// How one team language came out of a run: covered (by whom, on which need), repaired (at
    /// what loss) or not coverable (with the nearest fix).
    package struct Language: Sendable, Hashable {
        package var language: Need.LanguageRequirement
        package var status: Batch.Proposal.TeamLanguage.Status
        /// The need and the person who cover it; nil when uncovered, or when the person no
        /// longer consents.
        package var needID: RecordID?
        package var staffID: RecordID?
        /// Objective points the repair cost (0 unless repaired).
        package var loss: Double
        /// For a language the run could not cover: the nearest fix, when there is one.
        package var fix: Fix?

        package init(
            language: Need.LanguageRequirement, status: Batch.Proposal.TeamLanguage.Status,
            needID: RecordID? = nil, staffID: RecordID? = nil, loss: Double = 0, fix: Fix? = nil
        ) {
            self.language = language
            self.status = status
            self.needID = needID
            self.staffID = staffID
            self.loss = loss
            self.fix = fix
        }
    }

    /// A team language nobody shortlisted can cover, and the nearest person who could.
    package struct Uncovered: Sendable, Hashable {
        package var language: Need.LanguageRequirement
        package var fix: Fix?
    }

    /// The best-scoring person of a team need's professions who speaks the language and is not
    /// on its shortlist, kept off by one thing only: one hard constraint, their capacity, the
    /// need's `min_score`, or the shortlist's cut.
    package struct Fix: Sendable, Hashable {
        package var staffID: RecordID
        package var needID: RecordID
        package var score: Double
        /// What keeps them off, as ``NearestMisses`` words it: ("availability", "free between
        /// …"); ("shortlist", …) when they pass every constraint and were cut.
        package var constraint: String
        package var detail: String
        /// Score points below the need's lowest proposed score (0 when none is proposed, or
        /// they score above it): what putting them in that place costs.
        package var cost: Double

        /// "S0034 for N102 (score 61.20): fails only availability (free between …), at a cost
        /// of 3.10 points".
        package var sentence: String { "\(staffID) \(withoutWho)" }

        /// The sentence without the person's id (for pages that name people otherwise): "for
        /// N102 (score 61.20): fails only …, at a cost of 3.10 points".
        package var withoutWho: String {
            let reason =
                constraint == "shortlist"
                ? "passes every hard constraint but \(detail)"
                : "fails only \(constraint) (\(detail))"
            return "for \(needID) (score \(Self.points(score))): \(reason), at a cost of \(Self.points(cost)) points"
        }

        private static func points(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            let fraction = abs(hundredths % 100)
            return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    /// The nearest fix for `language` among the team's needs' `plans`, against the people of
    /// `table` (matchable people only), given each need's lowest proposed score (by id).
    ///
    /// - Complexity: one constraint check per person of each need's professions.
    package static func nearestFix(
        for language: Need.LanguageRequirement, plans: [NeedPlan], table: StaffTable,
        reference: ReferenceData, lowestProposed: [RecordID: Double]
    ) -> Fix? {
        let codes = ([language.language] + reference.equivalents(of: language.language))
            .compactMap { reference.number(of: $0).map(UInt16.init) }
        var best: (fix: Fix, rank: Int32)?
        for plan in plans {
            for row in table.rows(ofProfessions: plan.professionCodes)
            where Int(table.rank(ofAny: codes, Int(row))) >= language.minimumLevel.rawValue {
                let person = Int(row)
                let failed = plan.failures(person, in: table)
                let score = plan.score(person, in: table)
                let hasCapacity = table.freeCapacity[person] > 0
                let minimum = plan.need.minimumScore ?? 0
                let obstacle: (String, String)
                if failed.isEmpty, hasCapacity, score >= minimum {
                    obstacle = ("shortlist", "was not shortlisted (below the cut, or kept off by an outcome or a decision)")
                } else if failed.isEmpty, hasCapacity {
                    obstacle = ("min_score", "the need's min_score of \(minimum)")
                } else if failed.isEmpty, score >= minimum {
                    obstacle = ("capacity", "free capacity (not already committed)")
                } else if hasCapacity, score >= minimum, let only = failed.only {
                    obstacle = NearestMisses.words(only, plan: plan)
                } else {
                    continue
                }
                let fix = Fix(
                    staffID: table.id(at: person), needID: plan.need.id, score: score,
                    constraint: obstacle.0, detail: obstacle.1,
                    cost: max(0, (lowestProposed[plan.need.id] ?? score) - score))
                let rank = table.idRank[person]
                // The best score first; among equals, the lower staff id.
                if let current = best,
                    !(score > current.fix.score || (score == current.fix.score && rank < current.rank))
                {
                    continue
                }
                best = (fix, rank)
            }
        }
        return best?.fix
    }
}
