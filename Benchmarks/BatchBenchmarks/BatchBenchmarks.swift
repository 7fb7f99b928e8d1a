import Benchmark
import Foundation
import MidstCore

/// A problem of the batch's shape: 10,000 needs of 1–3 slots, each with a shortlist of 20 of
/// 200,000 people, who have room for 1 or 2 needs; scores 0.01–100 (seed 42).
let problem: AssignmentProblem = {
    var random = SeededRandom(seed: 42)
    var edges: [AssignmentProblem.Edge] = []
    for need in 0..<10_000 {
        var people = Set<Int>()
        while people.count < 20 { people.insert(Int(random.next() % 200_000)) }
        for person in people.sorted() {
            edges.append(
                .init(need: need, person: person, weight: Double(1 + random.next() % 10_000) / 100))
        }
    }
    return AssignmentProblem(
        needCapacity: (0..<10_000).map { _ in 1 + Int(random.next() % 3) },
        personCapacity: (0..<200_000).map { _ in 1 + Int(random.next() % 2) }, edges: edges)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 0,
        maxDuration: .seconds(300), maxIterations: 3)

    Benchmark("Exact solver: 10,000 needs × 20 candidates") { benchmark in
        _ = problem
        benchmark.startMeasurement()
        blackHole(problem.optimal())
    }

    Benchmark("Baseline: greedy, same problem") { benchmark in
        _ = problem
        benchmark.startMeasurement()
        blackHole(problem.greedy())
    }
}
