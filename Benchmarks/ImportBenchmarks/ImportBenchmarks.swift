import Benchmark
import Foundation
import MidstCore
import MidstStore

/// How many generated staff rows each import loads; the target is 1,000,000.
/// Set MIDST_BENCH_STAFF to try another size.
let staffCount = Int(ProcessInfo.processInfo.environment["MIDST_BENCH_STAFF"] ?? "") ?? 1_000_000

/// The generated staff CSV, written once per benchmark process (seed 1, as `midst generate`).
let staffCSV: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "midst-bench-\(staffCount)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("staff.csv")
    if !FileManager.default.fileExists(atPath: file.path) {
        var generator = DataGenerator(reference: BundledReference.data, seed: 1)
        var text = DataGenerator.staffHeader
        for index in 1...staffCount { text += generator.staffLine(index: index) }
        try! text.write(to: file, atomically: true, encoding: .utf8)
    }
    return file
}()

/// A database path in a fresh folder; the folder is removed by the caller.
func freshDatabasePath() -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "midst-bench-db-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (folder, folder.appendingPathComponent("midst.sqlite").path)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(900),
        maxIterations: 3
    )

    // What `midst import staff` does: read the file, parse, validate every field against the
    // reference data, write staff and lookup rows in one transaction, close. Rows already in
    // stored form take the plain path; the second benchmark decodes and fully validates every
    // row, as every row was before the plain path.
    for readsPlainRows in [true, false] {
        let name =
            readsPlainRows
            ? "Import \(staffCount) staff rows (midst)"
            : "Import \(staffCount) staff rows (midst, every row decoded)"
        // Checked against the baseline in Benchmarks/.benchmarkBaselines (BENCHMARKS.md,
        // "Thresholds"): a median 40% slower (this VM's slow spells), or a tenth more memory
        // (the target is 600 MB at 1M staff, the baseline about 440 MB), fails.
        Benchmark(
            name,
            configuration: .init(thresholds: [
                .wallClock: .init(relative: [.p50: 40]),
                .peakMemoryResident: .init(relative: [.p50: 10]),
            ])
        ) { benchmark in
            _ = staffCSV
            let (folder, path) = freshDatabasePath()
            defer { try? FileManager.default.removeItem(at: folder) }
            benchmark.startMeasurement()
            do {
                let bytes = try ImportFile.bytes(atPath: staffCSV.path)
                let database = try MidstDatabase.open(at: path)
                // After the generated records' dates (2026-11-01): records dated later than
                // tomorrow are refused (issue 22).
                var options = ImportOptions(
                    format: .csv, fileName: "staff.csv",
                    now: Timestamp(secondsSince1970: 1_800_000_000))
                options.readsPlainRows = readsPlainRows
                // As the CLI: the bytes, read for this import alone, are handed over.
                options.handsOverBytes = true
                let summary = try database.importStaff(bytes, options: options)
                precondition(summary.inserted == staffCount && summary.isBulkLoad)
                blackHole(summary)
            }
            benchmark.stopMeasurement()
        }
    }

    // The baseline the issue names: the plain sqlite3 shell loading the same CSV into one flat
    // table, no validation, no lookup tables, in the same run.
    Benchmark("Baseline: sqlite3 .import of the same \(staffCount) rows into one flat table") {
        benchmark in
        _ = staffCSV
        let (folder, path) = freshDatabasePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, ".import --csv \(staffCSV.path) staff"]
        benchmark.startMeasurement()
        try process.run()
        process.waitUntilExit()
        benchmark.stopMeasurement()
        precondition(process.terminationStatus == 0)
    }
}
