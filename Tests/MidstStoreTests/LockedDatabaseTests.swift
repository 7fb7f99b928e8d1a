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

    @Test("a write that waited longer than 10 s for a bulk import still waits 10 s for the writer after it")
    func writerAfterALongBulkImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let journal = database.path + "-journal"
        let other = try DatabaseQueue(path: database.path)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        // Another connection holds the write lock: for 11 s with a rollback journal beside the
        // database (a bulk import, as far as a waiting command can tell), then for 2 s without.
        DispatchQueue.global().async {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                FileManager.default.createFile(atPath: journal, contents: Data())
                locked.signal()
                sleep(11)
                try? FileManager.default.removeItem(atPath: journal)
                sleep(2)
                try db.execute(sql: "ROLLBACK")
            }
            released.signal()
        }
        locked.wait()
        let started = Date()
        #expect(
            try database.changeConsent(
                staffID: "S0288", to: false, reason: nil, at: Timestamp(secondsSince1970: 0)))
        #expect(Date().timeIntervalSince(started) >= 12, "went through a held lock")
        released.wait()
        try other.close()
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

    @Test("a batch starting while a waiting command looks at the batch lock still takes it")
    func batchLockAfterAProbe() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let lockPath = BatchLock.path(forDatabaseAt: folder.path("midst.sqlite"))
        try "".write(toFile: lockPath, atomically: true, encoding: .utf8)
        let batch = open(lockPath, O_RDWR)
        let probe = open(lockPath, O_RDONLY)
        defer {
            close(batch)
            close(probe)
        }
        // A look at who holds it: shared, on another open file description, given back at once.
        try #require(flock(probe, LOCK_SH | LOCK_NB) == 0)
        var attempts = 0
        let taken = BatchLock.retrying {
            attempts += 1
            if attempts == 2 { flock(probe, LOCK_UN) }
            return flock(batch, LOCK_EX | LOCK_NB) == 0
        }
        #expect(taken)
        #expect(attempts == 2)
        // Held for longer than the tries, it is another batch's: refused.
        flock(batch, LOCK_UN)
        try #require(flock(probe, LOCK_SH | LOCK_NB) == 0)
        attempts = 0
        let refused = !BatchLock.retrying {
            attempts += 1
            return flock(batch, LOCK_EX | LOCK_NB) == 0
        }
        #expect(refused)
        #expect(attempts == 5)
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

    @Test("each holder gets its own patience from when it is first seen, within an overall bound")
    func patienceHolderByHolder() {
        let start = Date(timeIntervalSince1970: 0)
        /// Whether a wait goes on at each of these sightings, in order.
        func answers(_ sightings: [(LockHolder, TimeInterval)]) -> [Bool] {
            var wait = LockWait(startingAt: start)
            return sightings.map { wait.goesOn(holder: $0.0, at: start.addingTimeInterval($0.1)) }
        }
        #expect(answers([(.writer, 9.9), (.writer, 10.1)]) == [true, false])
        // A long bulk load, then its last steps (or another writer) after it: the writer's 10 s
        // count from when it is first seen, not from the start of the wait.
        #expect(
            answers([
                (.bulkImport, 1), (.bulkImport, 200), (.writer, 201), (.writer, 210.9),
                (.writer, 211.1),
            ]) == [true, true, true, true, false])
        // The bulk load's own patience still runs out.
        #expect(answers([(.bulkImport, 299), (.bulkImport, 301)]) == [true, false])

        var wait = LockWait(startingAt: start)
        #expect(wait.isNew(.bulkImport))
        _ = wait.goesOn(holder: .bulkImport, at: start)
        #expect(!wait.isNew(.bulkImport))
        #expect(wait.isNew(.writer))

        // Holders that take turns forever do not keep a command waiting forever.
        let turns = (0..<10_000).map { turn in
            (turn.isMultiple(of: 2) ? LockHolder.writer : .batchRun(holder: "pid 1"), 5.0 * Double(turn))
        }
        let waited = 5.0 * Double(answers(turns).prefix(while: { $0 }).count)
        #expect(waited >= LockWait.longest)
        #expect(waited < LockWait.longest + 5)
    }
}
