import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst generate`: synthetic data at scale, for benchmarks and load tests.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic staff and needs files in the import format.",
        discussion: """
            The records are valid, varied and reproducible from --seed: nationalities follow NHS \
            workforce shares, languages follow CLDR's shares for each country. Names are synthetic \
            and e-mail addresses use the reserved domain nhs.example.

              midst generate --staff 1000000 --needs 10000 --seed 7 --out /tmp/scale
              midst import staff /tmp/scale/staff.csv
            """)

    @Option(help: "How many staff records to write.") var staff = 1000
    @Option(help: "How many needs to write.") var needs = 50
    @Option(help: "The random seed; the same seed gives the same files.") var seed: UInt64 = 1
    @Option(
        help: ArgumentHelp("The folder to write staff.csv and needs.csv into.", valueName: "dir"))
    var out: String

    func validate() throws {
        guard staff >= 0, needs >= 0 else {
            throw ValidationError("--staff and --needs must not be negative.")
        }
    }

    func run() throws {
        try Terminal.exitOnError(code: .databaseProblem) {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var generator = DataGenerator(reference: BundledReference.data, seed: seed)
            try write(path: "\(out)/staff.csv", header: DataGenerator.staffHeader, count: staff) {
                generator.staffLine(index: $0)
            }
            try write(path: "\(out)/needs.csv", header: DataGenerator.needHeader, count: needs) {
                generator.needLine(index: $0)
            }
        }
        print(
            "Wrote \(staff) staff to \(out)/staff.csv and \(needs) needs to \(out)/needs.csv (seed \(seed))"
        )
    }

    private func write(path: String, header: String, count: Int, line: (Int) -> String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var buffer = header
        let showsProgress = Terminal.stderrIsTerminal && count >= 100_000
        for index in 1...max(count, 1) where count > 0 {
            buffer += line(index)
            if buffer.utf8.count >= 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
                if showsProgress {
                    Terminal.progress("generating \(path): \(index * 100 / count)%")
                }
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        if showsProgress { Terminal.note("") }
    }
}
