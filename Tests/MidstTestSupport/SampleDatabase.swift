import Foundation
import MidstCore
import MidstStore

/// The package's SampleData folder.
package let sampleDataFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("SampleData")

/// The bytes of the file `name` under SampleData.
package func bytes(ofSample name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: sampleDataFolder.appendingPathComponent(name)))
}

/// Import options for `file`, as of one fixed moment.
package func options(_ file: String, format: ImportFormat = .csv) -> ImportOptions {
    ImportOptions(format: format, fileName: file, now: Timestamp(parsing: "2026-11-25T12:00:00Z")!)
}

/// The day the store tests run the sample as of, whatever the day they run on: every sample
/// need is still open on it (N001 runs from 2026-04-01 to 2026-09-30).
package let sampleDay = CalendarDate(iso: "2026-06-01")!

/// The whole sample data set imported into `midst.sqlite`, once per test process.
private let importedSample = PreparedFolder { folder in
    // Released before returning, so that the copies are of a closed database.
    let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
    _ = try database.importStaff(try bytes(ofSample: "staff.csv"), options: options("staff.csv"))
    _ = try database.importNeeds(try bytes(ofSample: "needs.csv"), options: options("needs.csv"))
    _ = try database.importOutcomes(
        try bytes(ofSample: "outcomes.csv"), options: options("outcomes.csv"))
}

/// A database in `folder` holding the whole sample data set: a copy of the one imported once per
/// test process (the database and its staff snapshot).
package func sampleDatabase(in folder: TemporaryFolder) throws -> MidstDatabase {
    try importedSample.copy(into: folder)
    return try MidstDatabase.open(at: folder.path("midst.sqlite"))
}

/// Scores the sample data's open needs as `midst run` does (``NightlyRun``'s scoring step), as
/// of ``sampleDay``; the run is not recorded.
package func completedRun(_ database: MidstDatabase, table: StaffTable? = nil, top: Int = 5)
    async throws -> CompletedRun
{
    try await NightlyRun(options: NightlyRun.Options(top: top, note: "test", asOf: sampleDay))
        .score(on: database, table: table, startedAt: Timestamp(secondsSince1970: 1_790_000_000))
        .run
}
