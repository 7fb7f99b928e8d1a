import Foundation
import GRDB
import GRDBSQLite
import MidstCore

extension MidstDatabase {
    /// Every matchable person, as `db`'s transaction sees them, in compact form: the staff
    /// snapshot rebuilt from the database, as after a change made outside Midst.
    ///
    /// The columns the table needs are read once, by position, straight from SQLite's buffers
    /// (``StaffColumnsScan``), each distinct code text coded once. The staff are read in as
    /// many ranges of staff keys as there are cores, each range but the first on a reader
    /// connection of its own, whose transaction must be at `db`'s generation (else that range
    /// is read again in `db`), so that the table is the one a single pass in `db` would make
    /// (StaffRebuildTests). `parts` ranges when given; by default one a core, or one when the
    /// keys span fewer than 50,000.
    func rebuiltStaff(
        _ db: Database, generation: Int64, reference: ReferenceData, parts: Int? = nil
    ) throws -> StaffTable {
        let contexts = try Self.staffContexts(db, of: nil)
        let (ranges, keys) = try Self.staffKeyRanges(db, parts: parts)
        // Room for everyone in the first range's rows, which the others join.
        let room = [keys] + Array(repeating: keys / ranges.count + 1, count: ranges.count - 1)
        let parts = RebuiltParts(count: ranges.count)
        let group = DispatchGroup()
        for (index, range) in ranges.enumerated().dropFirst() {
            DispatchQueue.global().async(group: group) { [pool] in
                parts[index] = try? pool.read { other -> StaffTableRows? in
                    guard try Self.staffGeneration(other) == generation else { return nil }
                    return try StaffColumnsScan.rows(
                        keys: range, contexts: contexts, reference: reference, room: room[index],
                        other)
                }
            }
        }
        var rows = try StaffColumnsScan.rows(
            keys: ranges[0], contexts: contexts, reference: reference, room: room[0], db)
        group.wait()
        for index in ranges.indices.dropFirst() {
            let part =
                try parts[index]
                ?? StaffColumnsScan.rows(
                    keys: ranges[index], contexts: contexts, reference: reference,
                    room: room[index], db)
            rows.append(contentsOf: part)
        }
        return rows.table(generation: generation)
    }

    /// The staff keys in `parts` ranges of about equal width, and how many keys they span.
    private static func staffKeyRanges(_ db: Database, parts: Int?) throws -> (
        [ClosedRange<Int64>], keys: Int
    ) {
        let row = try Row.fetchOne(db, sql: "SELECT min(staff_key), max(staff_key) FROM staff")
        let everyone = [Int64.min...Int64.max]
        guard let low = row?[0] as Int64?, let high = row?[1] as Int64?,
            case let (span, overflow) = high.subtractingReportingOverflow(low), !overflow,
            span < 1 << 40
        else { return (everyone, 0) }
        // Keys far apart (set by hand) reserve no more than 4M people's room.
        let keys = min(Int(span) + 1, 1 << 22)
        let count = Int64(
            min(parts ?? (keys > 50_000 ? ProcessInfo.processInfo.activeProcessorCount : 1), 8))
        guard count > 1 else { return (everyone, keys) }
        let width = span / count + 1
        let ranges = (0..<count).map { part in
            let start = part == 0 ? Int64.min : low + part * width
            let end = part == count - 1 ? Int64.max : low + (part + 1) * width - 1
            return start...end
        }
        return (ranges, keys)
    }
}

/// The rows of each range but the first, as the threads that read them leave them.
private final class RebuiltParts: @unchecked Sendable {
    // @unchecked: each thread writes its own element, read once the group is waited for.
    private let rows: UnsafeMutableBufferPointer<StaffTableRows?>

    init(count: Int) {
        rows = .allocate(capacity: count)
        rows.initialize(repeating: nil)
    }

    deinit {
        rows.deinitialize()
        rows.deallocate()
    }

    subscript(index: Int) -> StaffTableRows? {
        get { rows[index] }
        set { rows[index] = newValue }
    }
}
