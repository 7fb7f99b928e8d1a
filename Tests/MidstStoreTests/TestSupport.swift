import Foundation
import MidstCore

@testable import MidstStore

/// A fresh folder under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "midst-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The package's SampleData folder.
let sampleDataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("SampleData")

func bytes(ofSample name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: sampleDataFolder.appendingPathComponent(name)))
}

func options(_ file: String, format: ImportFormat = .csv) -> ImportOptions {
    ImportOptions(format: format, fileName: file, now: Timestamp(parsing: "2026-11-25T12:00:00Z")!)
}

/// The day the store tests run the sample as of, whatever the day they run on: every sample
/// need is still open on it (N001 runs from 2026-04-01 to 2026-09-30).
let sampleDay = CalendarDate(iso: "2026-06-01")!

/// A database holding the whole sample data set.
func sampleDatabase(in folder: TemporaryFolder) throws -> MidstDatabase {
    let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
    _ = try database.importStaff(try bytes(ofSample: "staff.csv"), options: options("staff.csv"))
    _ = try database.importNeeds(try bytes(ofSample: "needs.csv"), options: options("needs.csv"))
    _ = try database.importOutcomes(
        try bytes(ofSample: "outcomes.csv"), options: options("outcomes.csv"))
    return database
}
