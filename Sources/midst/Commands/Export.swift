import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst export RUN --what shortlist|assignments --format csv|jsonl --out FILE`.
struct Export: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a run's shortlists or proposed assignments to CSV or JSON Lines.",
        discussion: """
            The shortlist file has need_id, staff_id, rank, score and the raw value of each \
            component; the assignments file has need_id, staff_id and score. No name, e-mail or \
            country tie is ever exported. With --pseudonymise, staff ids are replaced by stable \
            keyed pseudonyms (P-…), the same in every export made with the same key, so that files \
            can be shared outside the organisation. The key is never kept in the database: it is \
            MIDST_PSEUDONYM_KEY (hex) when set, else the file MIDST_PSEUDONYM_KEY_FILE, else \
            DB-pseudonym.key beside the database, created owner-only on first use. Replace the \
            key to rotate it: later exports then share no pseudonym with earlier ones. The file \
            is written whole or not at all, readable by its owner only.

              midst export latest --what shortlist --format csv --out shortlists.csv
              midst export 3 --what assignments --format jsonl --out proposal.jsonl --pseudonymise
            """)

    enum What: String, ExpressibleByArgument, CaseIterable { case shortlist, assignments }
    enum FileFormat: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Argument(help: ArgumentHelp("A run id, or latest.", valueName: "run")) var runReference =
        "latest"
    @Option(help: "shortlist or assignments.") var what: What
    @Option(help: "csv or jsonl.") var format: FileFormat = .csv
    @Option(help: ArgumentHelp("The file to write.", valueName: "path")) var out: String
    @Flag(help: "Replace staff ids with stable keyed pseudonyms.") var pseudonymise = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        // Pseudonymising may move an older Midst's key out of the database, which writes.
        let database =
            try pseudonymise ? self.database.openExistingForWriting() : self.database.openExisting()
        let record = try database.recordedRun(runReference)
        let pseudonymiser =
            try pseudonymise
            ? Pseudonymiser(key: database.pseudonymKey(self.database.pseudonymKeySource)) : nil
        // Erased people stay "(erased)": a pseudonym of the placeholder would look like a person.
        func staff(_ id: String) -> String {
            id == MidstDatabase.erasedPlaceholder ? id : pseudonymiser?.pseudonym(for: id) ?? id
        }
        let columns: [String]
        let rows: [[Cell]]
        switch what {
        case .shortlist:
            columns =
                ["need_id", "staff_id", "rank", "score"] + ScoreComponent.allCases.map(\.rawValue)
            rows = try database.shortlist(run: record.id).map { line in
                let value = line.components
                return [
                    .text(line.needID), .text(staff(line.staffID)), .integer(line.rank),
                    .number(line.score, decimals: 6),
                ] + ScoreComponent.allCases.map { .number(value[$0], decimals: 6) }
            }
        case .assignments:
            columns = ["need_id", "staff_id", "score"]
            rows = try database.assignments(run: record.id).map {
                [.text($0.needID), .text(staff($0.staffID)), .number($0.score, decimals: 6)]
            }
        }
        let text =
            format == .csv
            ? RecordTable(columns: columns, rows: rows).csv
            : try RecordTable(columns: columns, rows: rows).jsonLines()
        try OwnerOnlyFile.write(Array(text.utf8), to: out)
        Terminal.note(
            "\(rows.count) \(what == .shortlist ? "shortlist lines" : "proposed pairs") of run \(record.id) written to \(out)\(pseudonymise ? " (pseudonymised)" : "")"
        )
    }
}
