extension StaffFilter {
    /// Whether a staff table answers this filter as the database's lookup tables do: the filter
    /// names a profession (a table holds only people of professions the reference knows) and
    /// otherwise filters only on languages, availability and the mode, which a table holds as
    /// the records hold them. Specialties (whose older codes a table reads as their new ones)
    /// and country ties are left to SQL.
    package var isAnsweredByStaffTable: Bool {
        profession != nil && specialties.isEmpty && country == nil
    }
}

/// A ``StaffFilter`` in a staff table's codes.
struct StaffTableFilter {
    let profession: UInt16
    let languages: [(code: UInt16, rank: UInt8)]
    /// The first and last day of the window the availability must overlap.
    let firstDay: Int32
    let lastDay: Int32
    /// The ``Staff/WorkModes`` bits a person must have.
    let modes: UInt8

    /// `filter` in `reference`'s codes; nil when a code it names has no number there (no table
    /// then holds it as the records do), or the filter is not ``StaffFilter/isAnsweredByStaffTable``.
    init?(_ filter: StaffFilter, reference: ReferenceData) {
        guard filter.isAnsweredByStaffTable, let code = filter.profession,
            let profession = reference.number(of: code)
        else { return nil }
        var languages: [(code: UInt16, rank: UInt8)] = []
        for requirement in filter.languages {
            guard let number = reference.number(of: requirement.language) else { return nil }
            languages.append((UInt16(number), UInt8(requirement.minimumLevel.rawValue)))
        }
        self.profession = UInt16(profession)
        self.languages = languages
        // A table holds an open start as Int32.min and an open end as Int32.max.
        firstDay = filter.availableFrom.map { Int32($0.dayNumber) } ?? Int32.min
        lastDay = filter.availableTo.map { Int32($0.dayNumber) } ?? Int32.max
        modes = filter.mode?.rawValue ?? 0
    }

    /// Whether person `row` of `table` (of the filter's profession) matches.
    func matches(_ row: Int, in table: StaffTable) -> Bool {
        guard table.availableTo[row] >= firstDay, table.availableFrom[row] <= lastDay,
            table.modes[row] & modes == modes
        else { return false }
        let spoken = Int(table.languageStart[row])..<Int(table.languageStart[row + 1])
        return languages.allSatisfy { wanted in
            spoken.contains {
                table.languageCodes[$0] == wanted.code && table.languageRanks[$0] >= wanted.rank
            }
        }
    }

    /// The rows of `table` that match, but for those whose staff key is in `dropped`: the
    /// first `limit` of them by id.
    func firstRows(in table: StaffTable, limit: Int, dropping dropped: Set<Int64>) -> [Int] {
        var rows: [Int] = []
        for row in table.block(ofProfession: profession) where matches(Int(row), in: table) {
            if dropped.isEmpty || !dropped.contains(table.staffKey(at: Int(row))) {
                rows.append(Int(row))
            }
        }
        rows.sort { table.idRank[$0] < table.idRank[$1] }
        return Array(rows.prefix(limit))
    }
}

extension OverlaidStaffTable {
    /// The staff keys of the first `filter.limit` people who match `filter`, by id: the people
    /// `MidstDatabase.searchStaff` finds with SQL, found in the table's columns instead (the
    /// lookup tables' rows are read one page each, a few thousand pages for a language). Nil
    /// when the table cannot answer the filter (``StaffFilter/isAnsweredByStaffTable``).
    ///
    /// - Throws: ``StaffTableFormatError`` when the part of the base read (the profession's
    ///   people, checked first when the base is checked as read) is damaged.
    /// - Complexity: O(n) in the people of the filter's profession.
    package func staffKeys(matching filter: StaffFilter, reference: ReferenceData)
        throws(StaffTableFormatError) -> [Int64]?
    {
        guard let criteria = StaffTableFilter(filter, reference: reference) else { return nil }
        try base.checkBlocks(ofProfessions: [criteria.profession])
        let limit = max(filter.limit, 0)
        let fromBase = criteria.firstRows(
            in: base, limit: limit, dropping: Set(overlay?.removedKeys ?? []))
        guard let overlay else { return fromBase.map { base.staffKey(at: $0) } }
        let fromOverlay = criteria.firstRows(in: overlay.table, limit: limit, dropping: [])
        // Merged by id; ids compared by their bytes, as SQLite orders them.
        var keys: [Int64] = []
        var (i, j) = (0, 0)
        while keys.count < limit, i < fromBase.count || j < fromOverlay.count {
            let takesBase =
                j == fromOverlay.count
                || (i < fromBase.count
                    && base.idBytes(of: fromBase[i]).lexicographicallyPrecedes(
                        overlay.table.idBytes(of: fromOverlay[j])))
            if takesBase {
                keys.append(base.staffKey(at: fromBase[i]))
                i += 1
            } else {
                keys.append(overlay.table.staffKey(at: fromOverlay[j]))
                j += 1
            }
        }
        return keys
    }
}
