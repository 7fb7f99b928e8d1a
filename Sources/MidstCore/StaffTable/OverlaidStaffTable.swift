/// The staff as a snapshot and, perhaps, the ``StaffOverlay`` of the people changed since:
/// what a query reads without applying the overlay (which copies the whole snapshot).
///
/// Its answers are those of the applied table (StaffOverlayTests): the base is ranked asking for
/// as many more people as the overlay takes out of it, so that no one taken out can push a person
/// off the list; those taken out are dropped (found by staff key among the few ranked, not among
/// everyone), the overlay's people are ranked apart, and the two lists are merged as the engine
/// orders one: by score, then by staff id.
package struct OverlaidStaffTable: Sendable {
    /// The snapshot.
    package let base: StaffTable
    /// The people changed since the snapshot, when there are any.
    package let overlay: StaffOverlay?

    /// The staff generation the whole describes.
    package var generation: Int64 { overlay?.generation ?? base.generation }

    /// `base` with `overlay` (when not `nil`) over it.
    ///
    /// - Precondition: `overlay` applies to `base`.
    package init(base: StaffTable, overlay: StaffOverlay?) {
        precondition(overlay.map { $0.base == base.stamp } ?? true, "an overlay of another base")
        self.base = base
        self.overlay = overlay
    }

    /// A person ranked for a need: their id and score.
    package struct Ranked: Hashable, Sendable {
        package var id: RecordID
        package var score: Double
    }

    /// The `top` best people for `plan`, best first, equal scores by staff id; the people of
    /// `keptOff` (whom outcomes keep off the need) are passed over. The list
    /// ``Shortlisting/shortlist(for:in:index:top:excluding:)`` gives for the applied table.
    ///
    /// Only the people of the plan's professions are read, and checked first when the base is
    /// checked as it is read (``StaffTable/checkBlocks(ofProfessions:)``).
    ///
    /// - Throws: ``StaffTableFormatError`` when the part of the base read is damaged.
    package func best(for plan: NeedPlan, top: Int, keptOff: [RecordID])
        throws(StaffTableFormatError) -> [Ranked]
    {
        try base.checkBlocks(ofProfessions: plan.professionCodes)
        // People kept off, and people an overlay takes out, are dropped from a list ranked for
        // as many more, rather than excluded from the scan: the scan stays as it is without
        // them, no set is looked up for each person examined, and no one is looked for by id
        // in the whole table (which would read every id's rank).
        let keptOff = Set(keptOff)
        func ranked(in table: StaffTable, top: Int, dropping dropped: Set<Int64>) -> [Ranked] {
            Shortlisting.shortlist(
                for: plan, in: table, top: top + keptOff.count, onTwoCores: true
            ).list
                .filter { !dropped.contains(table.staffKey(at: Int($0.row))) }
                .map { Ranked(id: table.id(at: Int($0.row)), score: $0.score) }
                .filter { !keptOff.contains($0.id) }
        }
        guard let overlay else {
            return Array(ranked(in: base, top: top, dropping: []).prefix(top))
        }
        let fromBase = ranked(
            in: base, top: top + overlay.removedKeys.count, dropping: Set(overlay.removedKeys))
        let fromOverlay = ranked(in: overlay.table, top: top, dropping: [])
        return Self.merged(fromBase, fromOverlay, top: top)
    }

    /// The first `top` of two lists each ordered best first (higher score, then lower id),
    /// in that order; ids are ASCII, so string order is byte order, as in the tables' ranks.
    static func merged(_ first: [Ranked], _ second: [Ranked], top: Int) -> [Ranked] {
        mergedBestFirst(first, second, top: top) { a, b in
            a.score != b.score
                ? a.score > b.score : a.id.rawValue.utf8.lexicographicallyPrecedes(b.id.rawValue.utf8)
        }
    }

    /// The whole as one table: the base with the overlay applied (a copy of the base when there
    /// is an overlay).
    package func applied(reference: ReferenceData) -> StaffTable {
        overlay?.applied(to: base, reference: reference) ?? base
    }
}
