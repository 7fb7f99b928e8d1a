import MidstCore

/// One person ranked for a need, scored live against the database (`midst candidates`).
package struct Candidate: Sendable {
    /// 1 for the best.
    package var rank: Int
    package var staff: Staff
    /// The score, 0–100.
    package var score: Double
    /// Each component's points and reason, when asked for.
    package var explanation: Explanation?
}

extension MidstDatabase {
    /// The need with id `id`.
    ///
    /// - Throws: ``UnknownRecord`` when there is none.
    package func existingNeed(id: String) throws -> Need {
        guard let need = try need(id: id) else {
            throw UnknownRecord(message: "no need with \(RecordID.named(id))")
        }
        return need
    }

    /// The consenting person with id `id`. Non-consenting staff are never shown: they are
    /// reported exactly like unknown ids.
    ///
    /// - Throws: ``UnknownRecord`` when there is no such consenting person.
    package func consentingStaff(id: String) throws -> Staff {
        guard let staff = try staff(id: id), staff.hasConsented else {
            throw UnknownRecord(message: "no consenting staff member with \(RecordID.named(id))")
        }
        return staff
    }

    /// The best `top` matchable people for `need` who pass every hard constraint and whom no
    /// outcome keeps off it (``PairStanding/keepsOff``: placed on it, declined, withdrew,
    /// resting), best first (equal scores by staff id), scored under `config` with the bundled
    /// reference data against the staff snapshot; with `explaining`, each with the explanation
    /// ``explanation(of:for:scorer:followUp:)`` gives.
    ///
    /// The need's professions are found by the taxonomy alone and their part of the snapshot
    /// checked before the rest of the reference data is read, so that a command that started
    /// loading it (``BundledReference/loadInBackground()``) has it by the time it ranks.
    package func candidates(
        for need: Need, top: Int, config: ScoringConfig, explaining: Bool,
        followUp: FollowUp = FollowUp()
    ) throws -> [Candidate] {
        let keptOff = followUp.entries.filter { $0.needID == need.id && $0.standing.keepsOff }
        let professions = NeedPlan.professions(of: need, config: config).compactMap {
            BundledReference.specialtyNumbers[$0].map(UInt16.init)
        }
        // Ranked and read in one state: a correction, withdrawal or erasure committed meanwhile
        // is in neither (issue 22). Only the need's professions are read of the snapshot, so
        // only they are checked against its sums.
        let (best, people) = try readingStaff(reference: BundledReference.data, checking: .asRead) {
            staff, db in
            try staff.base.checkBlocks(ofProfessions: professions)
            // The reference data is read from here on.
            let plan = NeedPlan(
                need: need, scorer: Scorer(reference: BundledReference.data, config: config))
            let best = try staff.best(for: plan, top: top, keptOff: keptOff.map(\.staffID))
            return (best, try Self.staff(ids: best.map(\.id), db))
        }
        let scorer = Scorer(reference: BundledReference.data, config: config)
        return try zip(best, people).enumerated().map { index, pair in
            Candidate(
                rank: index + 1, staff: pair.1, score: pair.0.score,
                explanation: explaining
                    ? try explanation(of: pair.1, for: need, scorer: scorer, followUp: followUp)
                    : nil)
        }
    }

    /// Why `staff` is, or is not, a candidate for `need`: every hard constraint they fail and
    /// every component's value, points and reason, with their outcomes and commitments as
    /// stored now, and where the pair stands by its outcomes on `followUp`'s date (placed on
    /// it, declined, asked …; an acceptance of this need is shown as such, not as a
    /// commitment that leaves no room for it).
    package func explanation(
        of staff: Staff, for need: Need, scorer: Scorer, followUp: FollowUp = FollowUp()
    ) throws -> Explanation {
        var context = try context(forStaff: staff.id.rawValue)
        let standing = followUp.standing(need: need.id, staff: staff.id)
        if case .placed(.accepted, _) = standing, need.status == .open {
            context.commitments = max(0, context.commitments - 1)
        }
        return scorer.explain(staff, for: need, context: context, standing: standing)
    }
}
