import Foundation

/// Runs the built `midst` executable, as a user would, and captures what it prints.
struct MidstProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `midst` binary built beside this test bundle.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("midst")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        fatalError(
            "the midst executable was not built next to the tests (\(CommandLine.arguments[0]))")
    }()

    /// The package root, so that tests can name `SampleData/…` as the README does.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `midst arguments…` in `directory` with `environment` added to this process's.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:])
        throws -> Result
    {
        let process = prepared(arguments, in: directory, environment: environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension MidstProcess {
    /// The day the tests' commands work as of (`MIDST_AS_OF`), whatever the day they run on: on
    /// it every sample need is still open (N001 runs from 2026-04-01 to 2026-09-30). Tests of
    /// expiry name their own day.
    static let asOf = "2026-06-01"

    /// A process for `midst arguments…` in `directory`, with this process's environment (less
    /// `MIDST_DB`) and `environment` added.
    private static func prepared(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment["MIDST_DB"] = nil
        // Tables are cut to COLUMNS when it is set: the tests read whole lines unless they ask.
        fullEnvironment["COLUMNS"] = nil
        // Every test works as of one fixed day, whatever the day it runs on.
        fullEnvironment["MIDST_AS_OF"] = MidstProcess.asOf
        fullEnvironment.merge(environment) { $1 }
        process.environment = fullEnvironment
        return process
    }

    /// Starts `midst arguments…` in `directory` without waiting for it; its output is dropped.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = prepared(arguments, in: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts `midst arguments…` in `directory` without waiting for it; its standard output is
    /// dropped and its standard error written to the new file `errors`, to read while it runs.
    static func start(_ arguments: [String], in directory: URL, errorsTo errors: URL) throws
        -> Process
    {
        let process = prepared(arguments, in: directory)
        process.standardOutput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errors.path])
        }
        let errorFile = try FileHandle(forWritingTo: errors)
        defer { try? errorFile.close() }
        process.standardError = errorFile
        try process.run()
        return process
    }
}

/// The absolute path of a file under SampleData.
func sample(_ name: String) -> String {
    MidstProcess.packageRoot.appendingPathComponent("SampleData/\(name)").path
}
