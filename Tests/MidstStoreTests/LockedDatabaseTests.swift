import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("A database locked by another process")
struct LockedDatabaseTests {
    @Test(
        "a write waits the documented 10 s, then fails naming the holder, changing nothing; reads go on"
    )
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
                #expect(
                    message.contains(
                        "locked by another process's write (another Midst command, or a transaction left open in the sqlite3 shell or another tool) for over 10 s"
                    ),
                    "\(message)")
                #expect(message.contains(database.path))
            }
            let waited = Date().timeIntervalSince(started)
            #expect(waited >= LockHolder.busyTimeout, "gave up early")
            #expect(waited < 30, "no hang")
            // Readers are never blocked by a writer in WAL mode.
            #expect(try database.staff(id: "S0288")?.hasConsented == true)
            try db.execute(sql: "ROLLBACK")
        }
        try other.close()
        #expect(
            try database.changeConsent(
                staffID: "S0288", to: false, reason: nil, at: Timestamp(secondsSince1970: 0)))
    }

    @Test("the holder is a bulk import while a rollback journal is there")
    func bulkImportHolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        try #require(FileManager.default.createFile(atPath: path + "-journal", contents: Data()))
        #expect(LockHolder.current(ofDatabaseAt: path) == .bulkImport)
        #expect(
            LockHolder.bulkImport.waitingMessage(path: path)
                == "\(path): waiting up to 5 minutes for another process's import (a bulk load, which holds the database alone) to finish…"
        )
    }

    @Test("the holder is a batch run, named by its lock file, while another holds the batch lock")
    func batchRunHolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        #expect(LockHolder.current(ofDatabaseAt: path) == .writer)
        let lockPath = BatchLock.path(forDatabaseAt: path)
        try "pid 1, started 2026-12-05T20:00:00Z".write(
            toFile: lockPath, atomically: true, encoding: .utf8)
        // Another open file description holds it, as another process would.
        let descriptor = open(lockPath, O_RDONLY)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX) == 0)
        #expect(
            LockHolder.current(ofDatabaseAt: path)
                == .batchRun(holder: "pid 1, started 2026-12-05T20:00:00Z"))
        #expect(
            StoreError.locked(path: path, holder: LockHolder.current(ofDatabaseAt: path)).message
                == "\(path): locked by a batch run (pid 1, started 2026-12-05T20:00:00Z) for over 10 s; nothing was changed; try again when it has finished"
        )
        flock(descriptor, LOCK_UN)
        #expect(LockHolder.current(ofDatabaseAt: path) == .writer)
    }

    @Test("this process's own batch lock is not another holder")
    func ownBatchLock() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("midst.sqlite")
        let lock = try BatchLock.acquire(forDatabaseAt: path, waits: false)
        #expect(LockHolder.current(ofDatabaseAt: path) == .writer)
        withExtendedLifetime(lock) {}
    }
}
