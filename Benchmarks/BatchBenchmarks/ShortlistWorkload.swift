import Foundation
import MidstCore
import MidstStore

/// The batch's scoring phase at a tenth of the target scale: 100,000 generated staff and 1,000
/// needs (seed 1), as `midst run` scores them. `MIDST_BENCH_BATCH_STAFF` and
/// `MIDST_BENCH_BATCH_NEEDS` change the size.
struct ShortlistWorkload: Sendable {
    let table: StaffTable
    let plans: [NeedPlan]
    /// Every (need, person) pair: what a search without any blocking examines.
    var allPairs: Int { table.count * plans.count }

    static let shared: ShortlistWorkload = {
        let environment = ProcessInfo.processInfo.environment
        let staffCount = Int(environment["MIDST_BENCH_BATCH_STAFF"] ?? "") ?? 100_000
        let needCount = Int(environment["MIDST_BENCH_BATCH_NEEDS"] ?? "") ?? 1_000
        let reference = BundledReference.data
        var generator = DataGenerator(reference: reference, seed: 1)
        let (staff, generated) = try! generator.records(staff: staffCount, needs: needCount)
        let needs = generated.filter { $0.status == .open && $0.slots > 0 }
        let scorer = Scorer(reference: reference)
        return ShortlistWorkload(
            table: StaffTable(
                staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference),
            plans: needs.map { NeedPlan(need: $0, scorer: scorer) })
    }()

    /// The naive search: every need against every person, no blocking of any kind, on all
    /// cores (chunks of needs in a task group, as the batch does).
    func naiveShortlists(top: Int) async -> [[(row: Int32, score: Double)]] {
        let everyone = 0..<Int32(table.count)
        let chunkSize = max(1, plans.count / 64)
        return await withTaskGroup(of: (Int, [[(row: Int32, score: Double)]]).self) { group in
            for start in stride(from: 0, to: plans.count, by: chunkSize) {
                let chunk = start..<min(start + chunkSize, plans.count)
                group.addTask {
                    (
                        start,
                        chunk.map { plans[$0].topCandidates(among: everyone, in: table, top: top) }
                    )
                }
            }
            var lists = [[(row: Int32, score: Double)]](repeating: [], count: plans.count)
            for await (start, found) in group {
                for (offset, list) in found.enumerated() { lists[start + offset] = list }
            }
            return lists
        }
    }
}
