import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst export RUN --what shortlist|assignments|contacts --format csv|jsonl|xlsx --out FILE`.
struct Export: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's shortlists, proposed assignments or people to contact to CSV, JSON Lines or Excel.",
        discussion: """
            The shortlist file has need_id, staff_id, rank, score and the raw value of each \
            component; the assignments file has need_id, staff_id, score and basis (chosen, \
            pinned, or asked: an ask awaiting an answer). Neither holds a name, e-mail or \
            country tie.

            The contacts file is the report's ask list for a mail merge: for each proposed pair \
            of a consenting person, the need (id and in words), the person's id, name and \
            e-mail, the score, whether to ask them today or their answer is awaited (and since \
            when), and the score's reasons in words. It names people: --pseudonymise refuses it. With --pseudonymise, staff ids are replaced by stable \
            keyed pseudonyms (P-…), the same in every export made with the same key, so that files \
            can be shared outside the organisation. The key is never kept in the database: it is \
            MIDST_PSEUDONYM_KEY (hex) when set, else the file MIDST_PSEUDONYM_KEY_FILE, else \
            DB-pseudonym.key beside the database, created owner-only on first use. Replace the \
            key to rotate it: later exports then share no pseudonym with earlier ones. The file \
            is written whole or not at all, readable by its owner only.

            With --format xlsx the file is an Excel workbook of one sheet: the header row \
            frozen, scores as numbers, asked_on as a date, columns as wide as their contents.

              midst export latest --what shortlist --format csv --out shortlists.csv
              midst export 3 --what assignments --format jsonl --out proposal.jsonl --pseudonymise
              midst export latest --what contacts --out asks.csv
              midst export latest --what contacts --format xlsx --out asks.xlsx
            """)

    enum What: String, ExpressibleByArgument, CaseIterable {
        case shortlist, assignments, contacts

        /// The file's columns.
        var columns: [String] {
            switch self {
            case .shortlist:
                ["need_id", "staff_id", "rank", "score"] + ScoreComponent.allCases.map(\.rawValue)
            case .assignments: ["need_id", "staff_id", "score", "basis"]
            case .contacts:
                [
                    "need_id", "need", "staff_id", "name", "email", "score", "action", "asked_on",
                    "reasons",
                ]
            }
        }
    }
    enum FileFormat: String, ExpressibleByArgument, CaseIterable { case csv, jsonl, xlsx }

    @Argument(help: ArgumentHelp("A run id, or latest.", valueName: "run")) var runReference =
        "latest"
    @Option(help: "shortlist, assignments or contacts.") var what: What
    @Option(help: "csv, jsonl or xlsx (an Excel workbook).") var format: FileFormat = .csv
    @Option(help: ArgumentHelp("The file to write.", valueName: "path")) var out: String
    @Flag(help: "Replace staff ids with stable keyed pseudonyms.") var pseudonymise = false
    @Flag(help: "Replace a file at --out that is not an export of the same kind Midst wrote.")
    var force = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if what == .contacts, pseudonymise {
            throw ValidationError(
                "--what contacts names people and their e-mail addresses: it cannot be pseudonymised. Export assignments --pseudonymise to share the proposal.")
        }
    }

    func run() throws {
        try self.database.refuseOverwriting(out, purpose: .table(columns: what.columns), force: force)
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
        let columns = what.columns
        let rows: [[Cell]]
        switch what {
        case .shortlist:
            rows = try database.shortlist(run: record.id).map { line in
                let value = line.components
                return [
                    .text(line.needID), .text(staff(line.staffID)), .integer(line.rank),
                    .number(line.score, decimals: 6),
                ] + ScoreComponent.allCases.map { .number(value[$0], decimals: 6) }
            }
        case .assignments:
            rows = try database.assignments(run: record.id).map {
                [
                    .text($0.needID), .text(staff($0.staffID)), .number($0.score, decimals: 6),
                    .text($0.basis.rawValue),
                ]
            }
        case .contacts:
            let config = try database.scoringConfiguration(ofRun: record.id)
            let lines = try database.askList(
                run: record, table: try database.staffTable(reference: BundledReference.data),
                scorer: Scorer(reference: BundledReference.data, config: config),
                followUp: try database.followUp(asOf: record.asOf, rules: config.followUp))
            rows = lines.map { line in
                [
                    .text(line.needID), .text(line.needTitle), .text(line.staffID),
                    .text(line.name ?? ""), .text(line.email ?? ""),
                    .number(line.score, decimals: 2), .text(line.isToAsk ? "ask" : "awaiting"),
                    .date(line.askedOn),
                    .text(line.reasons.joined(separator: "; ")),
                ]
            }
        }
        let table = RecordTable(columns: columns, rows: rows)
        let bytes: [UInt8] =
            switch format {
            case .csv: Array(table.csv.utf8)
            case .jsonl: Array(try table.jsonLines().utf8)
            case .xlsx: try table.workbook(sheet: what.rawValue.capitalized)
            }
        try OwnerOnlyFile.write(bytes, to: out)
        Terminal.note(
            "\(rows.count) \(what == .shortlist ? "shortlist lines" : what == .contacts ? "people to contact" : "proposed pairs") of run \(record.id) written to \(out)\(pseudonymise ? " (pseudonymised)" : "")"
        )
    }
}
