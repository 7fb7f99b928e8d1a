import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("A database locked by another process")
struct LockedDatabaseTests {
    @Test("a write waits out the busy timeout, then fails clearly, changing nothing; reads go on")
    func lockedByAnotherWriter() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let other = try DatabaseQueue(path: database.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let started = Date()
            do {
                try database.changeConsent(
                    staffID: "S0288", to: false, reason: nil, at: Timestamp(secondsSince1970: 0))
                Issue.record("the write went through a held lock")
            } catch {
                let message = StoreError.message(for: error, path: database.path)
                #expect(message.contains("locked by another process"), "\(message)")
                #expect(message.contains(database.path))
            }
            #expect(Date().timeIntervalSince(started) < 30, "no hang")
            // Readers are never blocked by a writer in WAL mode.
            #expect(try database.staff(id: "S0288")?.hasConsented == true)
            try db.execute(sql: "ROLLBACK")
        }
        try other.close()
        #expect(try database.changeConsent(
            staffID: "S0288", to: false, reason: nil, at: Timestamp(secondsSince1970: 0)))
    }
}
