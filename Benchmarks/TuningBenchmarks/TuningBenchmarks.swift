import Benchmark
import Foundation
import MidstCore
import MidstStore

/// An outcome log of 2,000 labelled needs over 200,000 generated staff (seed 4), made by the
/// latent-utility model of docs/TUNING.md, and its labelled set.
struct TuningWorkload: @unchecked Sendable {
    let needs: [Need]
    let outcomes: [Outcome]
    let asked: [Staff]
    let scorer: Scorer
    let set: LabelledSet

    static let shared: TuningWorkload = {
        let reference = BundledReference.data
        let staffCount =
            Int(ProcessInfo.processInfo.environment["MIDST_BENCH_TUNING_STAFF"] ?? "") ?? 200_000
        var generator = DataGenerator(reference: reference, seed: 4)
        let (staff, generated) = try! generator.records(staff: staffCount, needs: 2_300)
        let needs = Array(generated.filter { $0.status == .open }.prefix(2_000))
        let scorer = Scorer(reference: reference)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        let outcomes = DataGenerator.OutcomeModel().outcomes(
            plans: needs.map { NeedPlan(need: $0, scorer: scorer) }, table: table,
            index: CandidateIndex(table: table), seed: 4)
        let askedIDs = Set(outcomes.map(\.staffID))
        let asked = staff.filter { askedIDs.contains($0.id) }
        let set = LabelledSet(needs: needs, outcomes: outcomes, staff: asked, scorer: scorer)
        return TuningWorkload(needs: needs, outcomes: outcomes, asked: asked, scorer: scorer, set: set)
    }()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(60),
        maxIterations: 20
    )

    // What the tuner does thousands of times: rank 2,000 needs' judged people under one weight
    // vector (a dot product per pair, a sort per need) and compute NDCG@10, MRR, P, R and AP.
    Benchmark(
        "Evaluate one weight vector over 2,000 labelled needs",
        configuration: .init(thresholds: [.wallClock: .init(relative: [.p50: 40])])
    ) { benchmark in
        let workload = TuningWorkload.shared
        let weights = ScoringConfig().weights
        benchmark.startMeasurement()
        blackHole(workload.set.metrics(weights: weights, k: 10))
    }

    // Baseline for the ratio: the same evaluation by rescoring, i.e. building the labelled set
    // (a plan per need, every judged pair scored) for each weight vector.
    Benchmark(
        "Baseline: evaluate by rescoring every labelled pair",
        configuration: .init(maxIterations: 3)
    ) { benchmark in
        let workload = TuningWorkload.shared
        benchmark.startMeasurement()
        let set = LabelledSet(
            needs: workload.needs, outcomes: workload.outcomes, staff: workload.asked,
            scorer: workload.scorer)
        blackHole(set.metrics(weights: ScoringConfig().weights, k: 10))
    }

    // `midst tune` without loading: 5-fold coordinate ascent with 2 restarts per fit, repeated
    // 3 times (the default), plus the final fit on every need; the fits run on every core.
    Benchmark(
        "Tune: 5-fold cross-validated coordinate ascent, 2,000 labelled needs",
        configuration: .init(
            maxDuration: .seconds(120), maxIterations: 2,
            thresholds: [.wallClock: .init(relative: [.p50: 40])])
    ) { benchmark in
        let workload = TuningWorkload.shared
        benchmark.startMeasurement()
        blackHole(
            try WeightTuner(metric: WeightTuner.Metric("ndcg@10")!)
                .tune(workload.set, defaults: ScoringConfig().weights))
    }
}
