import Benchmark
import Foundation

/// Issue 23's report target at a tenth of its scale: `midst report` of a generated run against
/// the baseline the issue names, the export of the same run's shortlists to CSV, both whole
/// processes of the release `midst` (as `Benchmarks/scripts/report.sh` times them with hyperfine
/// at full scale), in the same benchmark run. The report's data and page are `package` API, out
/// of this package's reach; the whole command is what the target is about anyway.
///
/// 100,000 generated staff and 1,000 needs (seed 1), two runs recorded (top 20, then top 10, so
/// that the page compares them) as of 2025-12-01, when every generated need is open.
/// `MIDST_BENCH_REPORT_STAFF` and `MIDST_BENCH_REPORT_NEEDS` change the size; `MIDST_BENCH_MIDST`
/// names the binary, by default the main package's `.build/release/midst` (build it first:
/// `swift build -c release --product midst`).
let environment = ProcessInfo.processInfo.environment
let staffCount = Int(environment["MIDST_BENCH_REPORT_STAFF"] ?? "") ?? 100_000
let needCount = Int(environment["MIDST_BENCH_REPORT_NEEDS"] ?? "") ?? 1_000
let midstPath =
    environment["MIDST_BENCH_MIDST"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/release/midst").path

/// Runs `midst arguments` on the workload's database in `folder`, as of 2025-12-01, its output
/// discarded; stops the benchmark when the command fails.
func midst(_ arguments: [String], in folder: URL) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: midstPath)
    process.arguments = arguments + ["--db", folder.appendingPathComponent("midst.sqlite").path]
    var variables = environment
    variables["MIDST_AS_OF"] = "2025-12-01"
    process.environment = variables
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        fatalError("cannot start \(midstPath) (MIDST_BENCH_MIDST): \(error)")
    }
    process.waitUntilExit()
    precondition(
        process.terminationStatus == 0,
        "midst \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
}

/// A folder holding the generated data and a database with its two runs, made afresh once per
/// benchmark process (the `midst` under test may be another than last time's).
let workload: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "midst-bench-report-\(staffCount)x\(needCount)")
    try? FileManager.default.removeItem(at: folder)
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let data = folder.appendingPathComponent("data")
    midst(
        [
            "generate", "--staff", "\(staffCount)", "--needs", "\(needCount)", "--seed", "1",
            "--out", data.path,
        ], in: folder)
    midst(["import", "staff", data.appendingPathComponent("staff.csv").path], in: folder)
    midst(["import", "needs", data.appendingPathComponent("needs.csv").path], in: folder)
    midst(["run", "--note", "benchmark: first"], in: folder)
    midst(["run", "--top", "10", "--note", "benchmark: second"], in: folder)
    return folder
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(300), maxIterations: 5)

    Benchmark(
        "Report, \(staffCount) staff × \(needCount) needs: midst report latest",
        configuration: .init(thresholds: [.wallClock: .init(relative: [.p50: 25])])
    ) { benchmark in
        let folder = workload
        benchmark.startMeasurement()
        midst(
            ["report", "latest", "--out", folder.appendingPathComponent("report.html").path],
            in: folder)
        benchmark.stopMeasurement()
    }

    Benchmark("Baseline: midst export of the same run's shortlists (CSV)") { benchmark in
        let folder = workload
        benchmark.startMeasurement()
        midst(
            [
                "export", "latest", "--what", "shortlist", "--format", "csv", "--out",
                folder.appendingPathComponent("shortlist.csv").path, "--force",
            ], in: folder)
        benchmark.stopMeasurement()
    }
}
