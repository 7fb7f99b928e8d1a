import Foundation
import GRDB
import MidstTestSupport
import Testing

@testable import MidstStore

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` at random moments of the commands that write: afterwards SQLite's integrity check
/// passes and the data is exactly as before the command or as after it, never in between.
///
/// The moments come from a fixed seed (`MIDST_KILL_SEED`), `MIDST_KILL_ITERATIONS` times per
/// command (4 by default, to keep CI to a few minutes; RELIABILITY.md gives longer runs).
@Suite("Killed at random moments", .serialized)
struct RandomKillTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["MIDST_KILL_ITERATIONS"].flatMap { Int($0) } ?? 4
    static let seed = environment["MIDST_KILL_SEED"].flatMap { UInt64($0) } ?? 20_261_127

    /// Columns that hold the wall clock, not data: left out of the comparison.
    static let clockColumns: Set<String> = [
        "started_at", "finished_at", "load_seconds", "score_seconds", "solve_seconds",
        "write_seconds", "imported_at",
    ]

    /// The integrity check's verdict and every table's rows (clock columns left out), read by a
    /// new connection, which first recovers whatever the killed process left (WAL, journal).
    static func state(of path: String) throws -> (integrity: String, tables: [String: [String]]) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            var tables: [String: [String]] = [:]
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            where table != "staff_generation" {
                let columns = try db.columns(in: table).map(\.name).filter { !clockColumns.contains($0) }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let order = (1...columns.count).map(String.init).joined(separator: ", ")
                tables[table] = try Row.fetchAll(
                    db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(order)"
                ).map { $0.description }
            }
            return (integrity, tables)
        }
    }

    /// A database of 20,000 generated people, 300 needs and one run, and a second staff file
    /// (30,000 people, most of them updates) for the import.
    static func prepared() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for arguments in [
            ["generate", "--staff", "20000", "--needs", "300", "--seed", "4", "--out", "data"],
            ["generate", "--staff", "30000", "--needs", "10", "--seed", "9", "--out", "data2"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
            ["run", "--note", "before"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            precondition(result.status == 0, result.stderr)
        }
        return folder
    }

    /// A copy of `base` at schema v11 (before this version's migration), holding its data.
    static func olderCopy(of base: String, at path: String) throws {
        let pool = try DatabasePool(path: path)
        try Migrations.migrator.migrate(pool, upTo: "v11-needs-v2")
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS base", arguments: [base])
            try db.inTransaction {
                for table in try String.fetchAll(
                    db,
                    sql: "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT IN ('grdb_migrations', 'sqlite_sequence', 'staff_generation')"
                ) {
                    let old = Set(try db.columns(in: table, in: "main").map(\.name))
                    let common = try db.columns(in: table, in: "base").map(\.name).filter(old.contains)
                    let list = common.map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\"\(table)\" (\(list)) SELECT \(list) FROM base.\"\(table)\"")
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE base")
        }
        try pool.close()
    }

    static func copy(_ from: String, to: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal", "-staff-snapshot", "-staff-overlay"] {
            try? FileManager.default.removeItem(atPath: to + suffix)
        }
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test(
        "import, run, staff forget and a migration, killed at random moments: intact, before or after (a migration: after, once the next command completes it)",
        arguments: ["import", "run", "forget", "migration"])
    func killedAtRandom(_ command: String) throws {
        let folder = try Self.prepared()
        defer { folder.cleanUp() }
        // The starting state, closed and checkpointed.
        #expect(try MidstProcess.run(["check"], in: folder.url).status == 0)
        let base = folder.path("base.sqlite")
        if command == "migration" {
            try Self.olderCopy(of: folder.path("midst.sqlite"), at: base)
        } else {
            try Self.copy(folder.path("midst.sqlite"), to: base)
        }
        let arguments: [String] =
            switch command {
            case "import": ["import", "staff", "data2/staff.csv", "--force"]
            case "run": ["run", "--note", "killed"]
            case "forget": ["staff", "forget", "S5", "--yes"]
            default: ["init"]
            }
        let before = try Self.state(of: base)
        #expect(before.integrity == "ok")
        // The state after the command completes, and how long it takes.
        let done = folder.path("done.sqlite")
        try Self.copy(base, to: done)
        let started = Date()
        let completed = try MidstProcess.run(arguments + ["--db", done], in: folder.url)
        let duration = Date().timeIntervalSince(started)
        #expect(completed.status == 0, "\(completed.stderr)")
        let after = try Self.state(of: done)
        #expect(after.tables != before.tables, "the command changes something")

        var generator = SeededBytes(seed: Self.seed ^ UInt64(command.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        var killedWhileRunning = 0
        for iteration in 0..<Self.iterations {
            let killed = folder.path("killed.sqlite")
            try Self.copy(base, to: killed)
            let fraction = Double(generator.next()) / 255
            let process = try MidstProcess.start(arguments + ["--db", killed], in: folder.url)
            Thread.sleep(forTimeInterval: duration * 1.1 * fraction)
            if process.isRunning {
                killedWhileRunning += 1
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            if command == "migration" {
                // Each migration is its own transaction: a killed one leaves an earlier schema,
                // whole, which the next command brings up to date.
                let next = try MidstProcess.run(["init", "--db", killed], in: folder.url)
                #expect(next.status == 0, "\(next.stderr)")
            }
            let state = try Self.state(of: killed)
            #expect(state.integrity == "ok", "\(command) #\(iteration)")
            #expect(
                state.tables == before.tables || state.tables == after.tables,
                "\(command) #\(iteration) killed at \(Int(fraction * 110))% left a state in between")
            // And Midst works on it.
            #expect(try MidstProcess.run(["runs", "--db", killed], in: folder.url).status == 0)
        }
        #expect(killedWhileRunning > 0 || Self.iterations < 3, "no kill landed while \(command) ran")
        print("\(command): \(Self.iterations) kills, \(killedWhileRunning) while running (\(String(format: "%.2f", duration)) s a run)")
    }
}
