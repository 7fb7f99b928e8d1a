/// People on their way into a ``StaffTable``, in compact form, in the order added: from whole
/// records (``append(_:context:key:)``) or straight from an import's plain rows
/// (``append(plain:in:context:key:)``), so that an import can hand the snapshot its people
/// without reading them back.
///
/// People who have not consented, are not active or have a profession the reference does not
/// know are not added, so that they can never be matched.
public struct StaffTableRows {
    let reference: ReferenceData
    var columns = StaffTableColumns()
    /// Employers repeat (a few hundred trusts for a million people): normalising each name
    /// once, not once a person, halved the rebuild of a 1M-staff snapshot (BENCHMARKS.md).
    private var employerKeys: [String: UInt64] = [:]

    public init(reference: ReferenceData) { self.reference = reference }

    /// How many people have been added.
    public var count: Int { columns.staffKeys.count }

    /// Adds a person from their record.
    public mutating func append(_ person: Staff, context: StaffContext, key: Int64) {
        guard person.hasConsented, context.isActive,
            let professionNumber = reference.number(of: person.profession)
        else { return }
        columns.idBytes += person.id.rawValue.utf8
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(key)
        columns.profession.append(UInt16(professionNumber))
        columns.seniority.append(UInt8(person.seniority.rawValue))
        columns.modes.append(person.modes.rawValue)
        columns.freeCapacity.append(
            UInt8(clamping: max(0, person.maxAssignments - context.commitments)))
        columns.availableFrom.append(
            person.availability.start.map { Int32($0.dayNumber) } ?? Int32.min)
        columns.availableTo.append(person.availability.end.map { Int32($0.dayNumber) } ?? Int32.max)
        columns.placements.append(UInt16(clamping: person.pastPlacements))
        columns.employerKeys.append(employerKey(person.employer))
        for code in person.specialties {
            if let number = reference.number(of: code) {
                columns.specialtyCodes.append(UInt16(number))
            }
        }
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        for tie in person.countryTies {
            guard let number = reference.number(of: tie.country) else { continue }
            columns.tieCountries.append(UInt16(number))
            columns.tieKinds.append(UInt8(tie.kind.order))
        }
        columns.tieStart.append(Int32(columns.tieCountries.count))
        for skill in person.languages {
            guard let number = reference.number(of: skill.language) else { continue }
            columns.languageCodes.append(UInt16(number))
            columns.languageRanks.append(UInt8(skill.level.rawValue))
        }
        columns.languageStart.append(Int32(columns.languageCodes.count))
        appendCompleted(context)
    }

    /// Adds a person from a plain import row (``PlainStaffValidator``), whose texts are spans of
    /// `file`: the same row ``append(_:context:key:)`` makes of the record as stored.
    public mutating func append(
        plain person: PlainStaff, in file: UnsafeBufferPointer<UInt8>, context: StaffContext,
        key: Int64
    ) {
        guard person.hasConsented, context.isActive else { return }
        func bytes(_ span: TextSpan) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: file[Int(span.start)..<Int(span.start) + Int(span.count)])
        }
        func day(_ span: TextSpan) -> Int32? {
            span.isEmpty ? nil : CalendarDate(isoBytes: bytes(span)).map { Int32($0.dayNumber) }
        }
        columns.idBytes += bytes(person.id)
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(key)
        columns.profession.append(person.professionNumber)
        columns.seniority.append(UInt8(person.seniority.rawValue))
        columns.modes.append(person.modes.rawValue)
        columns.freeCapacity.append(
            UInt8(clamping: max(0, Int(person.maxAssignments) - context.commitments)))
        columns.availableFrom.append(day(person.availableFrom) ?? Int32.min)
        columns.availableTo.append(day(person.availableTo) ?? Int32.max)
        columns.placements.append(UInt16(clamping: person.placements))
        columns.employerKeys.append(
            employerKey(
                person.employer.isEmpty
                    ? nil : String(decoding: bytes(person.employer), as: UTF8.self)))
        for index in 0..<Int(person.specialtyCount) {
            columns.specialtyCodes.append(person.specialtyNumbers[index])
        }
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        for index in 0..<Int(person.tieCount) {
            columns.tieCountries.append(person.tieCountries[index])
            columns.tieKinds.append(person.tieKinds[index])
        }
        columns.tieStart.append(Int32(columns.tieCountries.count))
        for index in 0..<Int(person.languageCount) {
            columns.languageCodes.append(person.languageNumbers[index])
            columns.languageRanks.append(person.languageLevels[index])
        }
        columns.languageStart.append(Int32(columns.languageCodes.count))
        appendCompleted(context)
    }

    private mutating func appendCompleted(_ context: StaffContext) {
        for country in context.completedCountries.sorted() {
            if let number = reference.number(of: country) {
                columns.completedCountries.append(UInt16(number))
            }
        }
        columns.completedStart.append(Int32(columns.completedCountries.count))
    }

    private mutating func employerKey(_ employer: String?) -> UInt64 {
        guard let employer else { return OrganisationKey.key(nil, reference) }
        if let key = employerKeys[employer] { return key }
        let key = OrganisationKey.key(employer, reference)
        employerKeys[employer] = key
        return key
    }

    /// The rows as a table of their own, in the order added (ranks not yet set).
    func unorderedTable() -> StaffTable {
        var columns = columns
        columns.idRank = [Int32](repeating: 0, count: count)
        columns.indexProfessions()
        let storage = StaffTableStorage(copying: columns.encoded(generation: 0))
        // The layout was just written by `encoded`, so opening it cannot fail.
        return try! StaffTable(storage: storage, expectedGeneration: 0)
    }
}

extension StaffTable {
    /// A table of nobody.
    public static func empty(generation: Int64) -> StaffTable {
        var columns = StaffTableColumns()
        columns.indexProfessions()
        return try! StaffTable(
            storage: StaffTableStorage(copying: columns.encoded(generation: generation)),
            expectedGeneration: generation)
    }

    /// This table with the people of `keys` and of `rows` taken out and `rows` put in: what a
    /// write that changed those people makes of the snapshot, without reading anyone else again.
    /// The result is the table ``init(staff:contexts:keys:reference:generation:)`` builds from
    /// the same people (SnapshotMaintenanceTests).
    ///
    /// Rows stay ordered for blocking (``clusterKey(ofRow:unitedKingdom:)``, then staff key)
    /// and ranked by id, by merging this table's order with the new rows' sorted order.
    ///
    /// - Complexity: O(n + m log m) for n people kept and m added.
    public func replacing(_ keys: Set<Int64>, with rows: StaffTableRows, generation: Int64)
        -> StaffTable
    {
        if keys.isEmpty, rows.count == 0 { return restamped(generation: generation) }
        let added = rows.unorderedTable()
        let unitedKingdom = rows.reference.number(of: CountryCode(rawValue: "GB")).map(UInt16.init)
        var removed = keys
        removed.formUnion(added.staffKeys)
        // Rows kept from this table are already in order; the added ones are sorted.
        let addedOrder = (0..<added.count).map {
            (key: added.clusterKey(ofRow: $0, unitedKingdom: unitedKingdom),
             staffKey: added.staffKeys[$0], row: $0)
        }.sorted { ($0.key, $0.staffKey) < ($1.key, $1.staffKey) }
        var columns = StaffTableColumns()
        var newRowOfKept = [Int32](repeating: -1, count: count)
        var newRowOfAdded = [Int32](repeating: -1, count: added.count)
        var next = addedOrder.makeIterator()
        var pending = next.next()
        func emitAdded(through bound: (UInt64, Int64)?) {
            while let candidate = pending,
                bound.map({ (candidate.key, candidate.staffKey) < $0 }) ?? true
            {
                newRowOfAdded[candidate.row] = Int32(columns.staffKeys.count)
                columns.appendRow(candidate.row, of: added)
                pending = next.next()
            }
        }
        for row in 0..<count where removed.isEmpty || !removed.contains(staffKeys[row]) {
            emitAdded(through: (clusterKey(ofRow: row, unitedKingdom: unitedKingdom), staffKeys[row]))
            newRowOfKept[row] = Int32(columns.staffKeys.count)
            columns.appendRow(row, of: self)
        }
        emitAdded(through: nil)
        columns.idRank = [Int32](repeating: 0, count: columns.staffKeys.count)
        var rank: Int32 = 0
        // Kept people in their id order, merged with the added ones sorted by id.
        var keptByRank = [Int32](repeating: -1, count: count)
        for row in 0..<count where newRowOfKept[row] >= 0 { keptByRank[Int(idRank[row])] = Int32(row) }
        var addedByID = Array(0..<Int32(added.count))
        if !zip(addedByID, addedByID.dropFirst()).allSatisfy({ !added.precedesByID($1, $0) }) {
            addedByID.sort { added.precedesByID($0, $1) }
        }
        var nextAdded = 0
        for kept in keptByRank where kept >= 0 {
            while nextAdded < addedByID.count,
                added.idBytes(of: Int(addedByID[nextAdded])).lexicographicallyPrecedes(
                    idBytes(of: Int(kept)))
            {
                columns.idRank[Int(newRowOfAdded[Int(addedByID[nextAdded])])] = rank
                rank += 1
                nextAdded += 1
            }
            columns.idRank[Int(newRowOfKept[Int(kept)])] = rank
            rank += 1
        }
        for row in addedByID[nextAdded...] {
            columns.idRank[Int(newRowOfAdded[Int(row)])] = rank
            rank += 1
        }
        columns.indexProfessions()
        let storage = StaffTableStorage(copying: columns.encoded(generation: generation))
        // The layout was just written by `encoded`, so opening it cannot fail.
        return try! StaffTable(storage: storage, expectedGeneration: generation)
    }

    /// The same people at another generation (the checksum does not cover the generation).
    func restamped(generation: Int64) -> StaffTable {
        var bytes = Array(self.bytes)
        withUnsafeBytes(of: generation) { bytes.replaceSubrange(16..<24, with: $0) }
        return try! StaffTable(
            storage: StaffTableStorage(copying: bytes), expectedGeneration: generation)
    }

    /// The order that makes blocking pay (BatchBenchmarks): by profession, then the country of
    /// the first tie outside the United Kingdom (else of the first tie), then the primary
    /// specialty. The batch's posting lists (``CandidateIndex``) then read the table mostly in
    /// sequence rather than at random. Partnership countries are abroad: a tie elsewhere than
    /// the UK says more.
    func clusterKey(ofRow row: Int, unitedKingdom: UInt16?) -> UInt64 {
        let ties = Int(tieStart[row])..<Int(tieStart[row + 1])
        let tie = ties.first { tieCountries[$0] != unitedKingdom } ?? ties.first
        let country = tie.map { UInt64(tieCountries[$0]) + 1 } ?? 0
        let specialties = Int(specialtyStart[row])..<Int(specialtyStart[row + 1])
        let specialty = specialties.first.map { UInt64(specialtyCodes[$0]) + 1 } ?? 0
        return UInt64(profession[row]) << 40 | country << 20 | specialty
    }

    /// Person `row`'s id as bytes.
    func idBytes(of row: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: idBytes[Int(idStart[row])..<Int(idStart[row + 1])])
    }

    /// Whether row `a`'s id comes before row `b`'s (ids are ASCII: byte order is string order).
    func precedesByID(_ a: Int32, _ b: Int32) -> Bool {
        idBytes(of: Int(a)).lexicographicallyPrecedes(idBytes(of: Int(b)))
    }
}

extension StaffTableColumns {
    /// Appends person `row` of `table`, every column but the id rank and the profession index.
    mutating func appendRow(_ row: Int, of table: StaffTable) {
        idBytes += table.idBytes(of: row)
        idStart.append(Int32(idBytes.count))
        staffKeys.append(table.staffKeys[row])
        profession.append(table.profession[row])
        seniority.append(table.seniority[row])
        modes.append(table.modes[row])
        freeCapacity.append(table.freeCapacity[row])
        availableFrom.append(table.availableFrom[row])
        availableTo.append(table.availableTo[row])
        placements.append(table.placements[row])
        employerKeys.append(table.employerKeys[row])
        let specialties = Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1])
        specialtyCodes += table.specialtyCodes[specialties]
        specialtyStart.append(Int32(specialtyCodes.count))
        let ties = Int(table.tieStart[row])..<Int(table.tieStart[row + 1])
        tieCountries += table.tieCountries[ties]
        tieKinds += table.tieKinds[ties]
        tieStart.append(Int32(tieCountries.count))
        let languages = Int(table.languageStart[row])..<Int(table.languageStart[row + 1])
        languageCodes += table.languageCodes[languages]
        languageRanks += table.languageRanks[languages]
        languageStart.append(Int32(languageCodes.count))
        let completed = Int(table.completedStart[row])..<Int(table.completedStart[row + 1])
        completedCountries += table.completedCountries[completed]
        completedStart.append(Int32(completedCountries.count))
    }
}
