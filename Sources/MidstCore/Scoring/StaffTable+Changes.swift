/// People on their way into a ``StaffTable``, in compact form, in the order added: from whole
/// records (``append(_:context:key:)``) or straight from an import's plain rows
/// (``append(plain:in:context:key:)``), so that an import can hand the snapshot its people
/// without reading them back.
///
/// People who have not consented, are not active or have a profession the reference does not
/// know are not added, so that they can never be matched.
public struct StaffTableRows: Sendable {
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
        columns.maxAssignments.append(UInt8(clamping: person.maxAssignments))
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
        columns.maxAssignments.append(UInt8(clamping: person.maxAssignments))
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

    /// Adds person `row` of `table` again with a new context (commitments and completed
    /// placements), for a write that changed only those: their record is not read again.
    public mutating func append(row: Int, of table: StaffTable, context: StaffContext) {
        guard context.isActive else { return }
        columns.idBytes += table.idBytes(of: row)
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(table.staffKeys[row])
        columns.profession.append(table.profession[row])
        columns.seniority.append(table.seniority[row])
        columns.modes.append(table.modes[row])
        let maximum = table.maxAssignments[row]
        columns.freeCapacity.append(UInt8(clamping: max(0, Int(maximum) - context.commitments)))
        columns.maxAssignments.append(maximum)
        columns.availableFrom.append(table.availableFrom[row])
        columns.availableTo.append(table.availableTo[row])
        columns.placements.append(table.placements[row])
        columns.employerKeys.append(table.employerKeys[row])
        let specialties = Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1])
        columns.specialtyCodes += table.specialtyCodes[specialties]
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        let ties = Int(table.tieStart[row])..<Int(table.tieStart[row + 1])
        columns.tieCountries += table.tieCountries[ties]
        columns.tieKinds += table.tieKinds[ties]
        columns.tieStart.append(Int32(columns.tieCountries.count))
        let languages = Int(table.languageStart[row])..<Int(table.languageStart[row + 1])
        columns.languageCodes += table.languageCodes[languages]
        columns.languageRanks += table.languageRanks[languages]
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
        return StaffTable(trusting: columns.storage(generation: 0), generation: 0)
    }
}

extension StaffTable {
    /// A table of nobody.
    public static func empty(generation: Int64) -> StaffTable {
        var columns = StaffTableColumns()
        columns.indexProfessions()
        return StaffTable(trusting: columns.storage(generation: generation), generation: generation)
    }

    /// This table with the people of `keys` and of `rows` taken out and `rows` put in: what a
    /// write that changed those people makes of the snapshot, without reading anyone else again.
    /// The result is the table ``init(staff:contexts:keys:reference:generation:)`` builds from
    /// the same people (StaffTableChangesTests).
    ///
    /// Rows stay ordered for blocking (``clusterKey(ofRow:unitedKingdom:)``, then staff key)
    /// and ranked by id: the kept rows are copied in runs, column by column, with the new rows
    /// put where their order places them, and the ranks are merged.
    ///
    /// - Complexity: O(n + m log m) for n people kept and m added.
    public func replacing(_ keys: Set<Int64>, with rows: StaffTableRows, generation: Int64)
        -> StaffTable
    {
        if keys.isEmpty, rows.count == 0 { return restamped(generation: generation) }
        let added = rows.unorderedTable()
        let unitedKingdom = rows.reference.number(of: CountryCode(rawValue: "GB")).map(UInt16.init)
        var removed = keys
        // (Nothing to take out of an empty table: no need to hash every added key.)
        if count > 0 { removed.formUnion(added.staffKeys) }
        var isRemoved = [Bool](repeating: false, count: count)
        if removed.count <= 16 {
            // A few people (a consent change, a correction): a scan beats hashing every key.
            let few = Array(removed)
            if !few.isEmpty {
                for row in 0..<count where few.contains(staffKeys[row]) { isRemoved[row] = true }
            }
        } else {
            for row in 0..<count where removed.contains(staffKeys[row]) { isRemoved[row] = true }
        }
        let addedOrder = added.orderForBlocking(unitedKingdom: unitedKingdom)

        // Where each row of the result comes from: row r of this table (r >= 0), or row
        // -1 - r of the added ones; and where each kept or added row goes.
        var order: [Int32] = []
        order.reserveCapacity(count + added.count)
        var newRowOfKept = [Int32](repeating: -1, count: count)
        var newRowOfAdded = [Int32](repeating: -1, count: added.count)
        var copied = 0
        func keep(upTo end: Int) {
            for row in copied..<max(copied, end) where !isRemoved[row] {
                newRowOfKept[row] = Int32(order.count)
                order.append(Int32(row))
            }
            copied = max(copied, end)
        }
        for addedRow in addedOrder {
            guard count > 0 else {
                newRowOfAdded[addedRow] = Int32(order.count)
                order.append(-1 - Int32(addedRow))
                continue
            }
            let entry = (
                key: added.clusterKey(ofRow: addedRow, unitedKingdom: unitedKingdom),
                staffKey: added.staffKeys[addedRow], row: addedRow
            )
            // The first row of this table ordered after the new one (rows are sorted).
            var low = copied
            var high = count
            while low < high {
                let middle = (low + high) / 2
                let key = clusterKey(ofRow: middle, unitedKingdom: unitedKingdom)
                if (key, staffKeys[middle]) < (entry.key, entry.staffKey) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            keep(upTo: low)
            newRowOfAdded[entry.row] = Int32(order.count)
            order.append(-1 - Int32(entry.row))
        }
        keep(upTo: count)
        var columns = StaffTableColumns(gathering: order, from: self, added)

        // Ranks: the kept people in their id order merged with the added ones sorted by id.
        columns.idRank = [Int32](repeating: 0, count: columns.staffKeys.count)
        var keptByRank = [Int32](repeating: -1, count: count)
        for row in 0..<count where newRowOfKept[row] >= 0 {
            keptByRank[Int(idRank[row])] = Int32(row)
        }
        let addedByID = added.rowsByID()
        var nextAdded = 0
        var rank: Int32 = 0
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
        // The layout was just written, so opening it cannot fail.
        return StaffTable(trusting: columns.storage(generation: generation), generation: generation)
    }

    /// The staff key of person `row`.
    public func staffKey(at row: Int) -> Int64 { staffKeys[row] }

    /// The rows of the people with these staff keys (those not in the table are left out).
    public func rows(ofKeys keys: Set<Int64>) -> [Int] {
        keys.isEmpty ? [] : (0..<count).filter { keys.contains(staffKeys[$0]) }
    }

    /// The rows in the order for blocking: by cluster key, then staff key. When the staff keys
    /// rise with the rows (an import's new people), both fit in one number per row, which
    /// sorts several times faster than pairs compared field by field.
    func orderForBlocking(unitedKingdom: UInt16?) -> [Int] {
        let keys = (0..<count).map { clusterKey(ofRow: $0, unitedKingdom: unitedKingdom) }
        let keysRise = zip(staffKeys, staffKeys.dropFirst()).allSatisfy { $0 < $1 }
        if keysRise, count < 1 << 28, keys.allSatisfy({ $0 < 1 << 36 }) {
            return keys.enumerated().map { $1 << 28 | UInt64($0) }.sorted().map {
                Int($0 & (1 << 28 - 1))
            }
        }
        return (0..<count).sorted { (keys[$0], staffKeys[$0]) < (keys[$1], staffKeys[$1]) }
    }

    /// The rows in id order. Sorted by each id's first eight bytes as one number (ids are
    /// ASCII without NUL, so zero-padding keeps byte order), comparing whole ids only on a tie:
    /// a million ids sort in a fraction of the time whole-id comparisons take.
    func rowsByID() -> [Int32] {
        var keyed = (0..<count).map { row -> (prefix: UInt64, row: Int32) in
            var prefix: UInt64 = 0
            let bytes = idBytes(of: row)
            for index in 0..<8 {
                prefix = prefix << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
            }
            return (prefix, Int32(row))
        }
        keyed.sort {
            $0.prefix != $1.prefix
                ? $0.prefix < $1.prefix
                : idBytes(of: Int($0.row)).lexicographicallyPrecedes(idBytes(of: Int($1.row)))
        }
        return keyed.map(\.row)
    }

    /// The same people at another generation (the checksum does not cover the generation).
    func restamped(generation: Int64) -> StaffTable {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: storage.count, alignment: 16)
        memory.copyMemory(from: storage.base, byteCount: storage.count)
        memory.storeBytes(of: generation, toByteOffset: 16, as: Int64.self)
        nonisolated(unsafe) let owned = memory
        let copy = StaffTableStorage(base: UnsafeRawPointer(memory), count: storage.count) {
            owned.deallocate()
        }
        return StaffTable(trusting: copy, generation: generation)
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
        // 12 bits a field (the reference holds a few hundred of each), so that the key and a
        // row number fit in 64 bits (orderForBlocking); larger codes still order, more slowly.
        guard profession[row] < 1 << 12, country < 1 << 12, specialty < 1 << 12 else {
            return UInt64(profession[row]) << 40 | country << 20 | specialty | 1 << 63
        }
        return UInt64(profession[row]) << 24 | country << 12 | specialty
    }

    /// Person `row`'s id as bytes.
    func idBytes(of row: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: idBytes[Int(idStart[row])..<Int(idStart[row + 1])])
    }
}

extension StaffTableColumns {
    /// The columns of the rows `order` names, each row `r` of `kept` (`r >= 0`) or row `-1 - r`
    /// of `added`: every column but the id rank and the profession index. Each column is
    /// written once, at its final size, copying runs of consecutive rows whole (a change of a
    /// few people copies each column in a few pieces).
    init(gathering order: [Int32], from kept: StaffTable, _ added: StaffTable) {
        /// `count` consecutive rows from row `first` of kept or added, written from `to`.
        struct Run {
            var first: Int
            var count: Int
            var isKept: Bool
            var to: Int
        }
        var runs: [Run] = []
        for (index, source) in order.enumerated() {
            let (row, isKept) = source >= 0 ? (Int(source), true) : (Int(-1 - source), false)
            if let last = runs.last, last.isKept == isKept, last.first + last.count == row {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Run(first: row, count: 1, isKept: isKept, to: index))
            }
        }
        // Rows moved one by one (a whole import placed in order) are copied one by one.
        let isScattered = runs.count > order.count / 4
        func column<T>(_ path: KeyPath<StaffTable, UnsafeBufferPointer<T>>) -> [T] {
            let (mine, theirs) = (kept[keyPath: path], added[keyPath: path])
            return [T](unsafeUninitializedCapacity: order.count) { buffer, initialized in
                if isScattered {
                    for (index, source) in order.enumerated() {
                        (buffer.baseAddress! + index).initialize(
                            to: source >= 0 ? mine[Int(source)] : theirs[Int(-1 - source)])
                    }
                    initialized = order.count
                    return
                }
                for run in runs {
                    let source = run.isKept ? mine : theirs
                    if run.count == 1 {
                        (buffer.baseAddress! + run.to).initialize(to: source[run.first])
                    } else {
                        (buffer.baseAddress! + run.to).initialize(
                            from: source.baseAddress! + run.first, count: run.count)
                    }
                }
                initialized = order.count
            }
        }
        /// A multi-valued column: its offsets, shifted run by run, and its items.
        func list<T>(
            _ startsPath: KeyPath<StaffTable, UnsafeBufferPointer<Int32>>,
            _ itemsPath: KeyPath<StaffTable, UnsafeBufferPointer<T>>
        ) -> (starts: [Int32], items: [T]) {
            let (myStarts, theirStarts) = (kept[keyPath: startsPath], added[keyPath: startsPath])
            var starts = [Int32](repeating: 0, count: order.count + 1)
            for run in runs where !isScattered {
                let from = run.isKept ? myStarts : theirStarts
                let shift = starts[run.to] - from[run.first]
                for offset in 1...run.count {
                    starts[run.to + offset] = from[run.first + offset] + shift
                }
            }
            if isScattered {
                for (index, source) in order.enumerated() {
                    let (from, row) =
                        source >= 0 ? (myStarts, Int(source)) : (theirStarts, Int(-1 - source))
                    starts[index + 1] = starts[index] + from[row + 1] - from[row]
                }
            }
            let total = Int(starts[order.count])
            let (mine, theirs) = (kept[keyPath: itemsPath], added[keyPath: itemsPath])
            let items = [T](unsafeUninitializedCapacity: total) { buffer, initialized in
                if isScattered {
                    var next = buffer.baseAddress!
                    for source in order {
                        let (from, items, row) =
                            source >= 0
                            ? (myStarts, mine, Int(source))
                            : (theirStarts, theirs, Int(-1 - source))
                        for item in Int(from[row])..<Int(from[row + 1]) {
                            next.initialize(to: items[item])
                            next += 1
                        }
                    }
                    initialized = total
                    return
                }
                for run in runs {
                    let (from, source) = run.isKept ? (myStarts, mine) : (theirStarts, theirs)
                    let first = Int(from[run.first])
                    let count = Int(from[run.first + run.count]) - first
                    let target = buffer.baseAddress! + Int(starts[run.to])
                    if count <= 8 {
                        for item in 0..<count {
                            (target + item).initialize(to: source[first + item])
                        }
                    } else {
                        target.initialize(from: source.baseAddress! + first, count: count)
                    }
                }
                initialized = total
            }
            return (starts, items)
        }
        self.init()
        (idStart, idBytes) = list(\StaffTable.idStart, \.idBytes)
        staffKeys = column(\.staffKeys)
        profession = column(\.profession)
        seniority = column(\.seniority)
        modes = column(\.modes)
        freeCapacity = column(\.freeCapacity)
        maxAssignments = column(\.maxAssignments)
        availableFrom = column(\.availableFrom)
        availableTo = column(\.availableTo)
        placements = column(\.placements)
        employerKeys = column(\.employerKeys)
        (specialtyStart, specialtyCodes) = list(\StaffTable.specialtyStart, \.specialtyCodes)
        (tieStart, tieCountries) = list(\StaffTable.tieStart, \.tieCountries)
        tieKinds = list(\StaffTable.tieStart, \.tieKinds).items
        (languageStart, languageCodes) = list(\StaffTable.languageStart, \.languageCodes)
        languageRanks = list(\StaffTable.languageStart, \.languageRanks).items
        (completedStart, completedCountries) = list(
            \StaffTable.completedStart, \.completedCountries)
    }
}
