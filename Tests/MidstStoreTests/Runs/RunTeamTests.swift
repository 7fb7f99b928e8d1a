import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("A run's team languages")
struct RunTeamTests {
    @Test("a run records each team language with the run; erasing the person who covers it keeps the line without them")
    func recordedAndErased() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        // N001 and N002 (Fort Portal, Uganda) made one team that wants Luganda at A1, which
        // several sample people speak; Venda, which nobody speaks, cannot be covered.
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE need SET team = ?, team_languages = ? WHERE id IN (?, ?)",
                arguments: ["FP-1", "lg:A1;ve:B1", "N001", "N002"])
        }
        let run = try await completedRun(database)
        let runID = try database.recordRun(run)
        let lines = try database.teamLanguages(run: runID)
        #expect(lines.map(\.language) == ["lg", "ve"])
        #expect(lines.map(\.status).last == .uncovered)
        let covering = try #require(lines.first)
        try #require(covering.status != .uncovered)
        let staffID = try #require(covering.staffID)
        #expect(["N001", "N002"].contains(covering.needID ?? ""))
        _ = try database.forgetStaff(id: staffID)
        let after = try #require(try database.teamLanguages(run: runID).first)
        #expect(after.status == covering.status)
        #expect(after.staffID == nil)
    }
}
