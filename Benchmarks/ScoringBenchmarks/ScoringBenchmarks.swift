import Benchmark
import Foundation
import MidstCore
import MidstStore

/// Staff and needs generated once (seed 3), validated into model values.
struct Workload: @unchecked Sendable {
    let staff: [Staff]
    let needs: [Need]
    let table: StaffTable
    let plans: [NeedPlan]
    /// The candidate pairs: for each need, the people of its profession.
    let pairs: Int

    static let shared: Workload = {
        let reference = BundledReference.data
        let staffCount =
            Int(ProcessInfo.processInfo.environment["MIDST_BENCH_SCORING_STAFF"] ?? "") ?? 200_000
        var generator = DataGenerator(reference: reference, seed: 3)
        let (staff, needs) = try! generator.records(staff: staffCount, needs: 100)
        let scorer = Scorer(reference: reference)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        let plans = needs.map { NeedPlan(need: $0, scorer: scorer) }
        let pairs = plans.reduce(0) { $0 + table.rows(ofProfessions: $1.professionCodes).count }
        return Workload(staff: staff, needs: needs, table: table, plans: plans, pairs: pairs)
    }()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(60),
        maxIterations: 10
    )

    // The batch's inner loop: every (need, person of the need's profession) pair is checked
    // against the hard constraints and, if eligible, scored. One thread.
    // Guarded: a rise of 40% in wall clock, a fall of 40% in throughput, or any
    // allocation in the scoring loop fails `benchmark baseline check` (BENCHMARKS.md).
    Benchmark(
        "Compact scorer: all candidate pairs of 100 needs (one core)",
        configuration: .init(thresholds: [
            .wallClock: .init(relative: [.p50: 40]),
            .throughput: .init(relative: [.p50: 40]),
            .mallocCountTotal: .init(absolute: [.p50: 1_000]),
        ])
    ) { benchmark in
        let workload = Workload.shared
        benchmark.startMeasurement()
        var checksum = 0.0
        for plan in workload.plans {
            for row in workload.table.rows(ofProfessions: plan.professionCodes) {
                let index = Int(row)
                if plan.isEligible(index, in: workload.table) {
                    checksum += plan.score(index, in: workload.table)
                }
            }
        }
        benchmark.stopMeasurement()
        blackHole(checksum)
        print("pairs: \(workload.pairs)")
    }

    // Baseline in the same run: the hard-constraint checks alone over the same pairs, the
    // floor any scorer pays to visit them; the difference is the cost of the formula.
    Benchmark("Baseline: eligibility checks only, same pairs (one core)") { benchmark in
        let workload = Workload.shared
        benchmark.startMeasurement()
        var eligible = 0
        for plan in workload.plans {
            for row in workload.table.rows(ofProfessions: plan.professionCodes)
            where plan.isEligible(Int(row), in: workload.table) {
                eligible += 1
            }
        }
        benchmark.stopMeasurement()
        blackHole(eligible)
    }
}
