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
    package func replacing(_ keys: Set<Int64>, with rows: StaffTableRows, generation: Int64)
        -> StaffTable
    {
        if keys.isEmpty, rows.count == 0 { return restamped(generation: generation) }
        return replacing(
            keys, with: rows.unorderedTable(), reference: rows.reference, generation: generation)
    }

    /// This table with the people of `keys` and of `added` taken out and those of `added` put
    /// in (a ``StaffOverlay`` applied): as ``replacing(_:with:generation:)``, from the rows of
    /// another table, in whatever order they are there.
    ///
    /// - Complexity: O(n + m log m) for n people kept and m added.
    package func replacing(
        _ keys: Set<Int64>, with added: StaffTable, reference: ReferenceData, generation: Int64
    ) -> StaffTable {
        if keys.isEmpty, added.count == 0 { return restamped(generation: generation) }
        let unitedKingdom = reference.number(of: CountryCode(rawValue: "GB")).map(UInt16.init)
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
        let (addedOrder, addedKeys) = added.orderForBlocking(unitedKingdom: unitedKingdom)

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
            if count > 0 {
                // The first row of this table ordered after the new one (rows are sorted).
                let wanted = (addedKeys[addedRow], added.staffKeys[addedRow])
                var low = copied
                var high = count
                while low < high {
                    let middle = (low + high) / 2
                    let key = clusterKey(ofRow: middle, unitedKingdom: unitedKingdom)
                    if (key, staffKeys[middle]) < wanted {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                keep(upTo: low)
            }
            newRowOfAdded[addedRow] = Int32(order.count)
            order.append(-1 - Int32(addedRow))
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
    func orderForBlocking(unitedKingdom: UInt16?) -> (rows: [Int], clusterKeys: [UInt64]) {
        let keys = (0..<count).map { clusterKey(ofRow: $0, unitedKingdom: unitedKingdom) }
        let keysRise = zip(staffKeys, staffKeys.dropFirst()).allSatisfy { $0 < $1 }
        if keysRise, count < 1 << 28, keys.allSatisfy({ $0 < 1 << 36 }) {
            let rows = keys.enumerated().map { $1 << 28 | UInt64($0) }.sorted().map {
                Int($0 & (1 << 28 - 1))
            }
            return (rows, keys)
        }
        return ((0..<count).sorted { (keys[$0], staffKeys[$0]) < (keys[$1], staffKeys[$1]) }, keys)
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
        let copy = StaffTableStorage(count: storage.count) { memory in
            memory.copyMemory(from: storage.base, byteCount: storage.count)
            memory.storeBytes(of: generation, toByteOffset: 16, as: Int64.self)
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
}
