import Foundation
import MidstTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small filesystem of its own (tmpfs), for a full disk or a read-only folder. Needs the
/// privilege to mount, which the CI machine has; elsewhere the tests that use it are skipped.
struct ScratchMount {
    let url: URL

    static let isAvailable: Bool = {
        guard getuid() == 0, let mount = try? ScratchMount(kilobytes: 64) else { return false }
        mount.unmount()
        return true
    }()

    init(kilobytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "midst-mount-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let status = try Self.shell(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path])
        guard status == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    func remountReadOnly() throws {
        #expect(try Self.shell(["mount", "-o", "remount,ro", url.path]) == 0)
    }

    func unmount() {
        _ = try? Self.shell(["umount", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    static func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("Damaged, missing and full databases", .serialized)
struct DamagedDatabaseTests {
    /// A sample database with two runs, closed and checkpointed, as bytes.
    static func sampleBytes() throws -> Data {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        return try Data(contentsOf: folder.url.appendingPathComponent("midst.sqlite"))
    }

    /// Every command refuses the file: a non-zero exit, a message naming it, no crash. An
    /// empty file is nothing yet: `import` may create the database in it, as in a new file.
    static func expectRefused(in folder: TemporaryFolder, _ what: String) throws {
        let importing = what == "empty" ? [] : [["import", "staff", sample("staff.csv")]]
        for arguments in [["runs"], ["run"], ["candidates", "N001"], ["check"]] + importing {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 2, "\(what): \(arguments) exited \(result.status)")
            #expect(result.stderr.contains("midst.sqlite"), "\(what): \(arguments): \(result.stderr)")
        }
    }

    static let readings = [["runs", "--format", "csv"], ["show", "latest", "--format", "csv"]]

    /// What the read-only commands print for the database in `folder`.
    static func outputs(in folder: TemporaryFolder) throws -> [String] {
        try readings.map { try MidstProcess.run($0, in: folder.url).stdout }
    }

    /// `check` finds the damage, or the damage was harmless (a free page): the commands print
    /// what they printed before. No command crashes on it either way.
    static func expectDetectedOrHarmless(in folder: TemporaryFolder, _ what: String, good: [String])
        throws -> Bool
    {
        let check = try MidstProcess.run(["check"], in: folder.url)
        #expect(check.status == 0 || check.status == 2, "\(what): check exited \(check.status)")
        if check.status == 0 {
            #expect(try outputs(in: folder) == good, "\(what): check passed but results changed")
        } else {
            #expect(check.stderr.contains("damaged"), "\(what): \(check.stderr)")
        }
        for arguments in [["runs"], ["show", "latest"], ["run"], ["candidates", "N001"]] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect((0...2).contains(result.status), "\(what): \(arguments) crashed (\(result.status))")
        }
        return check.status == 2
    }

    @Test("a truncated, empty or foreign file is refused by every command with a clear error")
    func refusedFiles() throws {
        let good = try Self.sampleBytes()
        let pageSize = 16384
        let damages: [(String, (Data) -> Data)] = [
            ("truncated to half", { $0.prefix($0.count / 2) }),
            ("truncated mid-page", { $0.prefix(3 * pageSize + 1000) }),
            ("header overwritten", { Data(repeating: 0x41, count: 100) + $0.dropFirst(100) }),
            ("not SQLite", { _ in Data("id,name\nS1,someone\n".utf8) }),
            ("empty", { _ in Data() }),
        ]
        for (what, damage) in damages {
            let folder = try TemporaryFolder()
            defer { folder.cleanUp() }
            try damage(good).write(to: folder.url.appendingPathComponent("midst.sqlite"))
            try Self.expectRefused(in: folder, what)
        }
    }

    @Test("a damaged page is found by check, and no command crashes on it")
    func damagedPages() throws {
        let good = try Self.sampleBytes()
        let pageSize = 16384
        let pages = good.count / pageSize
        var generator = SeededBytes(seed: 7)
        let goodFolder = try TemporaryFolder()
        defer { goodFolder.cleanUp() }
        try good.write(to: goodFolder.url.appendingPathComponent("midst.sqlite"))
        let goodOutputs = try Self.outputs(in: goodFolder)
        var detected = 0
        for page in 1..<pages {
            for noise in [false, true] {
                let folder = try TemporaryFolder()
                defer { folder.cleanUp() }
                var copy = good
                let start = page * pageSize
                let bytes = (0..<pageSize).map { _ in noise ? generator.next() : 0 }
                copy.replaceSubrange(start..<start + pageSize, with: Data(bytes))
                try copy.write(to: folder.url.appendingPathComponent("midst.sqlite"))
                if try Self.expectDetectedOrHarmless(
                    in: folder, "page \(page + 1) \(noise ? "noise" : "zeros")", good: goodOutputs)
                {
                    detected += 1
                }
            }
        }
        #expect(detected > pages, "most damaged pages are detected (\(detected) of \(2 * (pages - 1)))")
        print(
            "damaged pages: \(detected) of \(2 * (pages - 1)) detected by check; the others left every result unchanged"
        )
    }

    @Test("a folder where the database should be is a clear error")
    func folderInsteadOfFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try FileManager.default.createDirectory(
            atPath: folder.path("midst.sqlite"), withIntermediateDirectories: false)
        try Self.expectRefused(in: folder, "a folder")
    }

    @Test("a full disk fails the import with a clear error and keeps the last good state",
        .enabled(if: ScratchMount.isAvailable))
    func fullDisk() throws {
        let mount = try ScratchMount(kilobytes: 4096)
        defer { mount.unmount() }
        let data = try TemporaryFolder()
        defer { data.cleanUp() }
        let generated = try MidstProcess.run(
            ["generate", "--staff", "40000", "--needs", "10", "--seed", "3", "--out", "data"], in: data.url)
        #expect(generated.status == 0)
        let folder = TemporaryFolder(existing: mount.url)
        let needs = try MidstProcess.run(["import", "needs", sample("needs.csv")], in: folder.url)
        #expect(needs.status == 0, "\(needs.stderr)")
        let staff = try MidstProcess.run(["import", "staff", data.path("data/staff.csv")], in: folder.url)
        #expect(staff.status == 2, "\(staff.stdout)")
        #expect(staff.stderr.contains("disk is full"), "\(staff.stderr)")
        // Nothing half-written: the needs are there, no staff.
        let search = try MidstProcess.run(["search", "--profession", "doctor", "--format", "csv"], in: folder.url)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.split(separator: "\n").count == 1)
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 0 || run.stderr.contains("disk is full"), "\(run.stderr)")
    }

    @Test("a read-only folder: writing fails with a clear error",
        .enabled(if: ScratchMount.isAvailable))
    func readOnly() throws {
        let mount = try ScratchMount(kilobytes: 8192)
        defer { mount.unmount() }
        let folder = TemporaryFolder(existing: mount.url)
        for kind in ["staff", "needs"] {
            #expect(try MidstProcess.run(["import", kind, sample("\(kind).csv")], in: folder.url).status == 0)
        }
        #expect(try MidstProcess.run(["run", "--top", "3"], in: folder.url).status == 0)
        try mount.remountReadOnly()
        // On read-only media SQLite cannot create the WAL's index file, so even reading may fail;
        // either way, clearly.
        let runs = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        if runs.status == 0 {
            #expect(runs.stdout.split(separator: "\n").count == 2)
        } else {
            #expect(runs.status == 2)
            #expect(runs.stderr.contains("midst.sqlite"), "\(runs.stderr)")
        }
        let run = try MidstProcess.run(["run"], in: folder.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("midst.sqlite"), "\(run.stderr)")
    }
}

/// A tiny deterministic byte generator (SplitMix64), for reproducible damage.
struct SeededBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt8 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}
