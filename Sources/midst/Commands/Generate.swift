import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst generate`: synthetic data at scale, for benchmarks and load tests.
struct Generate: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic staff and needs files in the import format.",
        discussion: """
            The records are valid, varied and reproducible from --seed: nationalities follow NHS \
            workforce shares, languages follow CLDR's shares for each country. Names are synthetic \
            and e-mail addresses use the reserved domain nhs.example.

              midst generate --staff 1000000 --needs 10000 --seed 7 --out /tmp/scale
              midst import staff /tmp/scale/staff.csv

            With --outcomes, it writes outcomes.csv instead, for the staff and needs already \
            imported: for each of --labelled-needs open needs, the people an old ranking (the \
            engine under --config, default the shipped weights) put on top, and a few from \
            further down, were asked; each accepted, declined or did not answer, and some \
            completed, by a latent utility under true weights (--true-weights, a configuration \
            file whose weights are the truth). Each row gives the rank and score the old ranking \
            showed the person at (shown_rank, shown_score). docs/TUNING.md describes the model. Outcomes are \
            dated their need's start, up to mid-2027; an import refuses dates after tomorrow, so \
            import them as of a later day.

              midst generate --outcomes --labelled-needs 2000 --seed 7 --out /tmp/scale
              MIDST_AS_OF=2027-12-31 midst import outcomes /tmp/scale/outcomes.csv
            """)

    @Option(help: "How many staff records to write.") var staff = 1000
    @Option(help: "How many needs to write.") var needs = 50
    @Option(help: "The random seed; the same seed gives the same files.") var seed: UInt64 = 1
    @Option(
        help: ArgumentHelp("The folder to write staff.csv and needs.csv into.", valueName: "dir"))
    var out: String
    @Flag(help: "Write outcomes.csv for the imported staff and needs instead.") var outcomes = false
    @Option(help: "With --outcomes: how many open needs get outcomes (the first by a seeded shuffle).")
    var labelledNeeds = 2000
    @Option(
        help: ArgumentHelp(
            "With --outcomes: a configuration whose weights are the true ones.", valueName: "file"))
    var trueWeights: String?
    @Flag(help: "Replace files of the same names already in the folder.") var force = false
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard staff >= 0, needs >= 0 else {
            throw ValidationError("--staff and --needs must not be negative.")
        }
    }

    /// The files this run writes into `--out`.
    private var files: [String] { outcomes ? ["outcomes.csv"] : ["staff.csv", "needs.csv"] }

    func run() throws {
        // An existing file is somebody's: replaced only when asked (issue 22).
        let existing = files.filter { FileManager.default.fileExists(atPath: "\(out)/\($0)") }
        if !force, !existing.isEmpty {
            throw ValidationError(
                "\(out) already holds \(existing.joined(separator: " and ")): pass --force to replace \(existing.count == 1 ? "it" : "them"), or choose another folder.")
        }
        for file in files { try self.database.refuseOverwriting("\(out)/\(file)", purpose: nil) }
        if outcomes { return try writeOutcomes() }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var generator = DataGenerator(reference: BundledReference.data, seed: seed)
        try write(path: "\(out)/staff.csv", header: DataGenerator.staffHeader, count: staff) {
            generator.staffLine(index: $0)
        }
        try write(path: "\(out)/needs.csv", header: DataGenerator.needHeader, count: needs) {
            generator.needLine(index: $0)
        }
        print(
            "Wrote \(staff) staff to \(out)/staff.csv and \(needs) needs to \(out)/needs.csv (seed \(seed))"
        )
    }

    /// `--outcomes`: the outcome log of the latent-utility model over the database's records.
    private func writeOutcomes() throws {
        let database = try self.database.openExisting()
        let reference = BundledReference.data
        var model = DataGenerator.OutcomeModel()
        if let trueWeights {
            model.trueWeights = try ConfigOptions(config: trueWeights).load().weights
        }
        let scorer = Scorer(reference: reference, config: try scoring.load())
        let table = try database.staffTable(reference: reference)
        let needs = try database.openNeeds()
        var random = SeededRandom(seed: seed)
        var chosen = needs
        chosen.shuffle(using: &random)
        chosen = chosen.prefix(labelledNeeds).sorted { $0.id < $1.id }
        let plans = chosen.map { NeedPlan(need: $0, scorer: scorer) }
        let log = model.outcomes(
            plans: plans, table: table, index: CandidateIndex(table: table), seed: seed)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var text = "need_id,staff_id,outcome,date,shown_rank,shown_score\n"
        for outcome in log {
            let shown = outcome.exposure.map {
                "\($0.rank),\($0.score.map { String(format: "%.4f", $0) } ?? "")"
            } ?? ","
            text +=
                "\(outcome.needID.rawValue),\(outcome.staffID.rawValue),\(outcome.kind.rawValue),\(outcome.date),\(shown)\n"
        }
        try OwnerOnlyFile.write(Array(text.utf8), to: "\(out)/outcomes.csv")
        let accepted = log.count { $0.kind == .accepted }
        print(
            "Wrote \(log.count) outcomes for \(plans.count) needs to \(out)/outcomes.csv (\(accepted) accepted, \(log.count { $0.kind == .completed }) completed; seed \(seed))"
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
