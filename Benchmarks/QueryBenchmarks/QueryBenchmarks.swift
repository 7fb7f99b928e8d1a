import Benchmark
import Foundation

/// Issue 23's query targets: `midst candidates` and `midst why` at most twice the process floor
/// (`midst runs`), also for the first `candidates` after a one-person write, and `midst search`
/// no slower than the same filter in the `sqlite3` shell. Whole processes of the release `midst`
/// (as `Benchmarks/scripts/query-latency.sh` and BENCHMARKS.md time them with hyperfine), each
/// beside its baseline in the same benchmark run. What a query costs beyond the floor (the
/// reference data, opening and checking the staff snapshot, ranking) is what the targets are
/// about, and it only shows in a whole process.
///
/// 1,000,000 generated staff and 10,000 needs (seed 42), after a run, as of 2025-12-01: the
/// issue's scale. `MIDST_BENCH_QUERY_STAFF` and `MIDST_BENCH_QUERY_NEEDS` change the size;
/// `MIDST_BENCH_MIDST` names the binary, by default the main package's `.build/release/midst`
/// (build it first: `swift build -c release --product midst`); `MIDST_BENCH_SQLITE3` the
/// `sqlite3` shell, by default `/usr/bin/sqlite3`.
let environment = ProcessInfo.processInfo.environment
let staffCount = Int(environment["MIDST_BENCH_QUERY_STAFF"] ?? "") ?? 1_000_000
let needCount = Int(environment["MIDST_BENCH_QUERY_NEEDS"] ?? "") ?? 10_000
let midstPath =
    environment["MIDST_BENCH_MIDST"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/release/midst").path
let sqlitePath = environment["MIDST_BENCH_SQLITE3"] ?? "/usr/bin/sqlite3"

/// The filter `midst search --profession nurse --language sw:B2` runs, as plain SQL
/// (`MidstDatabase.searchStaff`; B2 is level rank 4).
let searchSQL = """
    SELECT s.* FROM staff s WHERE s.consent = 1 AND s.active = 1 AND s.profession = 'nurse' \
    AND s.staff_key IN (SELECT staff_key FROM staff_language WHERE language = 'sw' \
    AND level_rank >= 4) ORDER BY s.id LIMIT 50
    """

/// Runs `executable arguments` with `MIDST_AS_OF=2025-12-01` and returns its standard output;
/// stops the benchmark when the command fails.
@discardableResult
func run(_ executable: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var variables = environment
    variables["MIDST_AS_OF"] = "2025-12-01"
    process.environment = variables
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        fatalError("cannot start \(executable): \(error)")
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    precondition(
        process.terminationStatus == 0,
        "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)"
    )
    return text
}

/// Runs `midst arguments` on the workload's database in `folder`.
@discardableResult
func midst(_ arguments: [String], in folder: URL) -> String {
    run(midstPath, arguments + ["--db", folder.appendingPathComponent("midst.sqlite").path])
}

/// A folder holding the generated data and a database after one run (which leaves the staff
/// snapshot current), made afresh once per benchmark process; and the best candidate for N2,
/// whom `why` explains.
let workload: (folder: URL, shortlisted: String) = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "midst-bench-query-\(staffCount)x\(needCount)")
    try? FileManager.default.removeItem(at: folder)
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let data = folder.appendingPathComponent("data")
    midst(
        [
            "generate", "--staff", "\(staffCount)", "--needs", "\(needCount)", "--seed", "42",
            "--out", data.path,
        ], in: folder)
    midst(["import", "staff", data.appendingPathComponent("staff.csv").path], in: folder)
    midst(["import", "needs", data.appendingPathComponent("needs.csv").path], in: folder)
    midst(["run", "--note", "benchmark"], in: folder)
    let best = midst(["candidates", "N2", "--top", "1", "--format", "csv"], in: folder)
    let row = best.split(separator: "\n").dropFirst().first ?? ""
    let id = row.split(separator: ",").dropFirst().first.map(String.init)
    return (folder, id ?? { fatalError("nobody is shortlisted for N2") }())
}()

/// Whether the last write withdrew S1's consent; benchmarks run one iteration at a time.
nonisolated(unsafe) var consentWithdrawn = false

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .milliseconds, warmupIterations: 2,
        maxDuration: .seconds(60), maxIterations: 20)
    let threshold = Benchmark.Configuration(thresholds: [
        .wallClock: .init(relative: [.p50: 25])
    ])

    Benchmark("Floor: midst runs") { benchmark in
        let folder = workload.folder
        benchmark.startMeasurement()
        midst(["runs"], in: folder)
        benchmark.stopMeasurement()
    }

    Benchmark("midst candidates N2", configuration: threshold) { benchmark in
        let folder = workload.folder
        benchmark.startMeasurement()
        midst(["candidates", "N2"], in: folder)
        benchmark.stopMeasurement()
    }

    Benchmark("midst why N2, the best candidate", configuration: threshold) { benchmark in
        let (folder, person) = workload
        benchmark.startMeasurement()
        midst(["why", "N2", person], in: folder)
        benchmark.stopMeasurement()
    }

    // Each iteration withdraws or gives back one person's consent (not measured), which
    // leaves an overlay beside the snapshot; the query measured is the first after it.
    Benchmark("midst candidates N2, first after a one-person write", configuration: threshold) {
        benchmark in
        let folder = workload.folder
        consentWithdrawn.toggle()
        midst(["staff", "consent", "S1", consentWithdrawn ? "--withdraw" : "--give"], in: folder)
        benchmark.startMeasurement()
        midst(["candidates", "N2"], in: folder)
        benchmark.stopMeasurement()
    }

    Benchmark("midst search --profession nurse --language sw:B2", configuration: threshold) {
        benchmark in
        let folder = workload.folder
        benchmark.startMeasurement()
        midst(["search", "--profession", "nurse", "--language", "sw:B2"], in: folder)
        benchmark.stopMeasurement()
    }

    Benchmark("Baseline: the same filter in the sqlite3 shell") { benchmark in
        let database = workload.folder.appendingPathComponent("midst.sqlite").path
        benchmark.startMeasurement()
        run(sqlitePath, [database, searchSQL])
        benchmark.stopMeasurement()
    }
}
