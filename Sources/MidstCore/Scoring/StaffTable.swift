/// Every matchable person (consenting and active) in a compact struct-of-arrays form: small
/// integer codes, day numbers, and offsets into flat columns for the multi-valued fields.
///
/// Person `i`'s specialties are `specialtyCodes[specialtyStart[i] ..< specialtyStart[i + 1]]`,
/// primary first; likewise for ties, languages and completed placements. Codes are positions in
/// ``ReferenceData``'s tables.
///
/// The columns live in one block of memory in the snapshot format (``StaffTable+Layout``), so a
/// snapshot file mapped into memory is used as it is, without copying or creating an object per
/// person (Benchmarks/scripts/query-latency.sh), and the scoring loop reads the columns without
/// bounds checks (ScoringBenchmarks). Every offset is checked once, when the block is opened.
public struct StaffTable: @unchecked Sendable {
    // @unchecked: the columns point into `storage`, which is immutable and kept alive by it.
    let storage: StaffTableStorage
    /// The staff generation of the database the table was built from.
    public let generation: Int64
    let idBytes: UnsafeBufferPointer<UInt8>
    let idStart: UnsafeBufferPointer<Int32>
    /// Each person's position when all are ordered by id: the deterministic tie-break.
    let idRank: UnsafeBufferPointer<Int32>
    /// Each person's staff key (the database's rowid), by which changes name them.
    let staffKeys: UnsafeBufferPointer<Int64>
    let profession: UnsafeBufferPointer<UInt16>
    let seniority: UnsafeBufferPointer<UInt8>
    let modes: UnsafeBufferPointer<UInt8>
    /// `max_assignments` minus current commitments, floored at 0.
    let freeCapacity: UnsafeBufferPointer<UInt8>
    /// The most commitments the person takes (`max_assignments`), so that a change of their
    /// commitments alone is made without their record.
    let maxAssignments: UnsafeBufferPointer<UInt8>
    let availableFrom: UnsafeBufferPointer<Int32>
    let availableTo: UnsafeBufferPointer<Int32>
    let placements: UnsafeBufferPointer<UInt16>
    /// Each person's ``OrganisationKey`` of their employer; 0 for none.
    let employerKeys: UnsafeBufferPointer<UInt64>
    let specialtyStart: UnsafeBufferPointer<Int32>
    let specialtyCodes: UnsafeBufferPointer<UInt16>
    let tieStart: UnsafeBufferPointer<Int32>
    let tieCountries: UnsafeBufferPointer<UInt16>
    let tieKinds: UnsafeBufferPointer<UInt8>
    let languageStart: UnsafeBufferPointer<Int32>
    let languageCodes: UnsafeBufferPointer<UInt16>
    let languageRanks: UnsafeBufferPointer<UInt8>
    let completedStart: UnsafeBufferPointer<Int32>
    let completedCountries: UnsafeBufferPointer<UInt16>
    /// The people of profession code `p` are `professionRows[professionStart[p] ..< professionStart[p + 1]]`.
    let professionStart: UnsafeBufferPointer<Int32>
    let professionRows: UnsafeBufferPointer<Int32>

    /// How many people the table holds.
    public var count: Int { idRank.count }

    /// The id of person `row`.
    public func id(at row: Int) -> RecordID {
        RecordID(
            rawValue: String(
                decoding: UnsafeBufferPointer(
                    rebasing: idBytes[Int(idStart[row])..<Int(idStart[row + 1])]),
                as: UTF8.self))
    }

    /// The rows of the given people (those not in the table are left out), found by binary
    /// search over the id order. Ids are ASCII, so string order is byte order.
    ///
    /// - Complexity: O(n) once to invert the ranks, then O(log n) per id.
    public func rows(of people: [RecordID]) -> [RecordID: Int32] {
        guard !people.isEmpty else { return [:] }
        var rowByRank = [Int32](repeating: 0, count: count)
        for row in 0..<count { rowByRank[Int(idRank[row])] = Int32(row) }
        var found: [RecordID: Int32] = [:]
        for person in people {
            let wanted = Array(person.rawValue.utf8)
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                let row = Int(rowByRank[middle])
                let bytes = idBytes[Int(idStart[row])..<Int(idStart[row + 1])]
                if bytes.lexicographicallyPrecedes(wanted) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            if low < count {
                let row = Int(rowByRank[low])
                if idBytes[Int(idStart[row])..<Int(idStart[row + 1])].elementsEqual(wanted) {
                    found[person] = Int32(row)
                }
            }
        }
        return found
    }

    /// Every id, in table order (creates a string per person).
    public var ids: [RecordID] { (0..<count).map(id(at:)) }

    /// The snapshot bytes of the table, to be written to a file and opened again with
    /// ``init(storage:expectedGeneration:)``.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.base, count: storage.count)
    }

    /// The people of the given professions, in table order: the candidate block for a need.
    public func rows(ofProfessions professions: [UInt16]) -> [Int32] {
        if professions.count == 1 { return Array(block(ofProfession: professions[0])) }
        return professions.flatMap(block(ofProfession:)).sorted()
    }

    /// The people of one profession, in table order, read in place (no copy: the batch scans a
    /// block per need, ScoringBenchmarks).
    public func block(ofProfession code: UInt16) -> UnsafeBufferPointer<Int32> {
        guard Int(code) + 1 < professionStart.count else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(
            rebasing: professionRows[
                Int(professionStart[Int(code)])..<Int(professionStart[Int(code) + 1])])
    }

    /// Builds the table from records and their contexts; people who have not consented or are
    /// not active are left out, so that they can never be matched. `keys` are the people's
    /// staff keys (by default their positions), which a later ``replacing(_:with:generation:)``
    /// names them by.
    ///
    /// - Complexity: O(n log n) for the order and the id ranks, O(n) otherwise.
    public init(
        staff: [Staff], contexts: [StaffContext], keys: [Int64]? = nil, reference: ReferenceData,
        generation: Int64 = 0
    ) {
        precondition(staff.count == contexts.count && (keys?.count ?? staff.count) == staff.count)
        var rows = StaffTableRows(reference: reference)
        for position in staff.indices {
            rows.append(
                staff[position], context: contexts[position],
                key: keys?[position] ?? Int64(position))
        }
        self = rows.table(generation: generation)
    }
}

/// Owns the memory a ``StaffTable``'s columns point into: a copy of its own, or a file mapped by
/// the store, released by the closure given.
public final class StaffTableStorage: @unchecked Sendable {
    // @unchecked: the memory is never written after creation.
    let base: UnsafeRawPointer
    let count: Int
    private let release: @Sendable () -> Void

    /// Memory at `base` of `count` bytes, 8-byte aligned, handed back with `release`.
    public init(base: UnsafeRawPointer, count: Int, release: @escaping @Sendable () -> Void) {
        precondition(Int(bitPattern: base) % 8 == 0, "snapshot memory must be 8-byte aligned")
        self.base = base
        self.count = count
        self.release = release
    }

    /// An aligned copy of `bytes`.
    public convenience init(copying bytes: [UInt8]) {
        self.init(count: bytes.count) { memory in
            bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    /// Aligned memory of its own, `count` bytes, written once by `write`.
    convenience init(count: Int, writing write: (UnsafeMutableRawPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        write(memory)
        nonisolated(unsafe) let owned = memory
        self.init(base: UnsafeRawPointer(memory), count: count) { owned.deallocate() }
    }

    deinit { release() }
}
