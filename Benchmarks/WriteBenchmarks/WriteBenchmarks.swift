import Benchmark
import Foundation
import MidstCore
import MidstStore

/// How many generated staff the database holds; the target is 1,000,000.
/// Set MIDST_BENCH_STAFF to try another size.
let staffCount = Int(ProcessInfo.processInfo.environment["MIDST_BENCH_STAFF"] ?? "") ?? 1_000_000

/// The moment the benchmark's imports take as now: after every generated record.
let now = Timestamp(parsing: "2026-12-01T00:00:00Z")!

/// The folder of the benchmark's database, removed when the process exits.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "midst-bench-write-\(UUID().uuidString)")

/// A database of `staffCount` generated staff (seed 1, as `midst generate`) with its staff
/// snapshot, made once per benchmark process in a folder of its own; and the first person's
/// fields, for the corrections.
let database: (database: MidstDatabase, person: [Substring]) = {
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: folder) }
    var generator = DataGenerator(reference: BundledReference.data, seed: 1)
    var text = DataGenerator.staffHeader
    for index in 1...staffCount { text += generator.staffLine(index: index) }
    let database = try! MidstDatabase.open(at: folder.appendingPathComponent("midst.sqlite").path)
    _ = try! database.importStaff(
        Array(text.utf8), options: ImportOptions(format: .csv, fileName: "staff.csv", now: now))
    let person = text.split(separator: "\n")[1].split(
        separator: ",", omittingEmptySubsequences: false)
    return (database, person)
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(120), maxIterations: 20)

    // Issue 23: a one-person write must not rewrite the staff snapshot (72 MB at 1M staff,
    // 0.3 s); it leaves an overlay beside it (docs/ARCHITECTURE.md, "Staff snapshot"). One HR
    // correction of one person, its capacity changed each time, so that every import writes.
    Benchmark(
        "import staff: one row corrected, 1M staff",
        configuration: .init(thresholds: [
            .wallClock: .init(relative: [.p50: 40]), .mallocCountTotal: .init(relative: [.p50: 20]),
        ])
    ) { benchmark in
        let (database, person) = database
        var corrections: [[UInt8]] = []
        for iteration in benchmark.scaledIterations {
            let row = [person[0], person[3], person[4], person[6]].joined(separator: ",")
            corrections.append(
                Array(
                    """
                    id,profession,specialties,seniority,consent,max_assignments
                    \(row),yes,\(2 + iteration % 2)

                    """.utf8))
        }
        var options = ImportOptions(format: .csv, fileName: "one.csv", now: now)
        options.appliesOlderRecords = true
        benchmark.startMeasurement()
        for correction in corrections {
            blackHole(try database.importStaff(correction, options: options))
        }
    }

    // Issue 23: the first query after a change made outside Midst (the sqlite3 shell) finds no
    // current snapshot and rebuilds it from the database, in parallel, from the columns read
    // once (target ≤ 0.5× sqlite3's `.import` of the same staff). Such a change leaves the
    // snapshot and its overlay of no use: they are removed before each rebuild, which is then
    // the rebuild that change causes, the file's write included.
    Benchmark(
        "first query after an outside change: the staff snapshot rebuilt, 1M staff",
        configuration: .init(
            maxIterations: 5,
            thresholds: [
                .wallClock: .init(relative: [.p50: 40]),
                .mallocCountTotal: .init(relative: [.p50: 20]),
            ])
    ) { benchmark in
        let (database, _) = database
        for suffix in ["-staff-snapshot", "-staff-overlay"] {
            try? FileManager.default.removeItem(atPath: database.path + suffix)
        }
        benchmark.startMeasurement()
        blackHole(try database.staffTable(reference: BundledReference.data))
    }
}
