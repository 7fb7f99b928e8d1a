import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst show RUN`: a run's shortlists and proposal.
struct Show: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a run's shortlists and proposed assignment.",
        discussion: """
            RUN is a run id from `midst runs`, or `latest` (the newest completed run). Each \
            shortlist line has the rank, the person, the score and the raw value of every \
            component; proposed pairs are marked: `yes` to ask, `asked` when the person was \
            asked and the run keeps them while their answer is awaited. A pinned pair proposed \
            off the shortlist follows its need's shortlist, with no rank, marked pinned.

              midst show latest
              midst show 3 --need N001
              midst show latest --format csv > shortlists.csv
            """)

    @Argument(help: ArgumentHelp("A run id, or latest.", valueName: "run")) var runReference =
        "latest"
    @Option(help: "Only this need.") var need: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let record = try database.recordedRun(runReference)
        let lines = try database.shortlist(run: record.id, needID: need)
        let pairs = try database.assignments(run: record.id, needID: need)
        let proposed = Dictionary(
            pairs.map { ("\($0.needID)\u{1}\($0.staffID)", $0.basis) }, uniquingKeysWith: { first, _ in first })
        let listed = Set(lines.map { "\($0.needID)\u{1}\($0.staffID)" })
        var rows = lines.map { line -> [Cell] in
            [
                .text(line.needID), .integer(line.rank), .text(line.staffID),
                .number(line.score, decimals: 2),
                .text(Self.proposedMark(proposed["\(line.needID)\u{1}\(line.staffID)"])),
            ] + ScoreComponent.allCases.map { .number(line.components[$0], decimals: 3) }
        }
        // A pinned pair is proposed even off the shortlist: shown too, so that the proposed
        // pairs here are the run's (`midst runs`, the run's summary).
        for pair in pairs where !listed.contains("\(pair.needID)\u{1}\(pair.staffID)") {
            rows.append(
                [.text(pair.needID), .null, .text(pair.staffID), .number(pair.score, decimals: 2), .text("pinned")]
                    + ScoreComponent.allCases.map { _ in .null })
        }
        rows.sort { ($0[0].plain, $0[1].sortRank) < ($1[0].plain, $1[1].sortRank) }
        if format == .table {
            print(
                Summary(
                    record: record,
                    proposedByBasis: Dictionary(grouping: pairs, by: \.basis).mapValues(\.count),
                    teams: try database.teamLanguages(run: record.id)
                ).text + "\n")
            let decisions = try database.decisions(needID: need)
            if !decisions.isEmpty {
                print(
                    "Coordinators' decisions in force now (pins are always proposed, exclusions never listed):"
                )
                print(Decisions.table(decisions).aligned)
            }
        }
        let columns =
            ["need_id", "rank", "staff_id", "score", "proposed"]
            + ScoreComponent.allCases.map(\.rawValue)
        print(try RecordTable(columns: columns, rows: rows).rendered(as: format), terminator: "")
        if let need, lines.isEmpty, format == .table {
            print(try NearestMisses.line(forNeed: need, in: database, run: record))
        }
    }
}

extension Show {
    /// How a shortlist line's proposal is marked: `yes` (to ask), `asked` (awaited) or empty.
    static func proposedMark(_ basis: Batch.Proposal.Pair.Basis?) -> String {
        switch basis {
        case nil: ""
        case .asked: "asked"
        case .chosen, .pinned: "yes"
        }
    }
}

extension NearestMisses {
    /// Why need `id` has nobody, now, as one line: its nearest misses with the configuration of
    /// `run` (as `midst gaps` counts them), or that it is unknown or not open.
    static func line(forNeed id: String, in database: MidstDatabase, run: RunRecord) throws -> String {
        guard let need = try database.need(id: id) else { return "No need with \(RecordID.named(id))." }
        guard need.status == .open else {
            return "\(Terminal.safe(id)) is \(need.status.rawValue): only open needs are shortlisted."
        }
        let table = try database.staffTable(reference: BundledReference.data)
        let config = try database.scoringConfiguration(ofRun: run.id)
        let plan = NeedPlan(need: need, scorer: Scorer(reference: BundledReference.data, config: config))
        return "Why nobody, now (run \(run.id)'s configuration): "
            + NearestMisses(plan: plan, table: table).summary + "."
    }
}
