import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst staff`: one person's record — what is held, their consent, their erasure.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Show everything held about one person, change their consent, or erase them.",
        discussion: """
            Staff records are personal data. These commands serve the person's rights under UK \
            GDPR: access (`show`), withdrawal of consent (`consent --withdraw`) and erasure \
            (`forget`). See "Your data" in the README.

              midst staff show S0288
              midst staff consent S0288 --withdraw --reason "asked by e-mail, 3 March"
              midst staff forget S0288 --yes
            """,
        subcommands: [StaffShow.self, StaffConsent.self, StaffForget.self])
}

/// `midst staff show ID`: the subject access view.
struct StaffShow: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Everything Midst holds about one person (the subject access view).",
        discussion: """
            The stored record (every column), the history of their consent, coordinators' \
            decisions about them, their outcomes, and their places on the latest run's \
            shortlists and proposal. Shown whatever their consent: it is their own data, for \
            answering a subject access request.

              midst staff show S0288
              midst staff show S0288 --format json > S0288-subject-access.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: ArgumentHelp("The person's staff id.", valueName: "id")) var id: String
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        guard
            let report = try database.subjectAccess(staffID: id)
        else { throw UnknownRecord(message: "no staff member with \(RecordID.named(id))") }
        switch format {
        case .table: print(Self.text(report, id: id), terminator: "")
        case .json: print(try Self.json(report).rendered())
        }
    }

    static func text(_ report: SubjectAccessReport, id: String) -> String {
        var text = "Everything Midst holds about \(Terminal.safe(id))\n\nRecord\n"
        let width = report.fields.map(\.name.count).max() ?? 0
        for field in report.fields {
            text += "  \(field.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(Terminal.safe(field.value ?? "—"))\n"
        }
        text += "\nConsent history\n"
        if report.consentHistory.isEmpty { text += "  no change recorded since import\n" }
        for change in report.consentHistory {
            text += "  \(change.changedAt)  \(change.hasConsented ? "given" : "withdrawn")  via \(Terminal.safe(change.source))\(change.reason.map { " — \(Terminal.safe($0))" } ?? "")\n"
        }
        text += "\nDecisions\n"
        if report.decisions.isEmpty { text += "  none\n" }
        for decision in report.decisions {
            text += "  \(Terminal.safe(decision.needID))  \(decision.kind.rawValue)  \(decision.decidedAt)\(decision.reason.map { " — \(Terminal.safe($0))" } ?? "")\n"
        }
        text += "\nOutcomes\n"
        if report.outcomes.isEmpty { text += "  none\n" }
        for outcome in report.outcomes {
            text += "  \(Terminal.safe(outcome.needID))  \(outcome.outcome)  \(outcome.date)\n"
        }
        if let run = report.latestRun {
            text += "\nLatest run (\(run))\n"
            if report.shortlistPlaces.isEmpty { text += "  on no shortlist\n" }
            for place in report.shortlistPlaces {
                text += "  \(Terminal.safe(place.needID))  rank \(place.rank)  score \(String(format: "%.2f", place.score))\(place.isProposed ? "  proposed" : "")\n"
            }
            text += "  listed in \(report.runsListedIn) recorded run\(report.runsListedIn == 1 ? "" : "s")\n"
        } else {
            text += "\nNo run recorded yet.\n"
        }
        return text
    }

    /// One object: the record's fields, the consent history, decisions, outcomes and places.
    static func json(_ report: SubjectAccessReport) -> JSONValue {
        func text(_ value: String?) -> JSONValue { .cell(value.map(Cell.text) ?? .null) }
        var record: [String: JSONValue] = [:]
        for field in report.fields { record[field.name] = text(field.value) }
        return .object([
            "record": .object(record),
            "consent_history": .array(
                report.consentHistory.map {
                    .object([
                        "changed_at": text($0.changedAt), "consent": .bool($0.hasConsented),
                        "reason": text($0.reason), "source": text($0.source),
                    ])
                }),
            "decisions": .array(
                report.decisions.map {
                    .object([
                        "need_id": text($0.needID), "decision": text($0.kind.rawValue),
                        "reason": text($0.reason), "decided_at": text($0.decidedAt),
                    ])
                }),
            "outcomes": .array(
                report.outcomes.map {
                    .object([
                        "need_id": text($0.needID), "outcome": text($0.outcome),
                        "date": text($0.date),
                    ])
                }),
            "latest_run": .cell(report.latestRun.map { .integer(Int($0)) } ?? .null),
            "shortlist_places": .array(
                report.shortlistPlaces.map {
                    .object([
                        "need_id": text($0.needID), "rank": .cell(.integer($0.rank)),
                        "score": .cell(.number($0.score, decimals: 2)),
                        "proposed": .bool($0.isProposed),
                    ])
                }),
            "runs_listed_in": .cell(.integer(report.runsListedIn)),
        ])
    }
}

/// `midst staff consent ID --withdraw|--give [--reason T]`.
struct StaffConsent: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Withdraw or give a person's consent to be matched, with the time and reason.",
        discussion: """
            Takes effect at the next query and run: a person who has withdrawn is never \
            matched, proposed or shown as a candidate. The change is kept in their consent \
            history (`midst staff show`), and no older spreadsheet can undo it: a re-imported \
            record dated before the change is refused, even with --force. Their past runs and \
            decisions stay until they are cleared (`midst decide NEED ID --clear`) or the person \
            is erased (`midst staff forget`).

              midst staff consent S0288 --withdraw --reason "asked by e-mail, 3 March"
              midst staff consent S0288 --give --reason "consent form signed again"
            """)

    @Argument(help: ArgumentHelp("The person's staff id.", valueName: "id")) var id: String
    @Flag(help: "Withdraw consent.") var withdraw = false
    @Flag(help: "Give consent.") var give = false
    @Option(help: "Why, kept with the change (no other personal data, please).") var reason: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard withdraw != give else {
            throw ValidationError("Say which: --withdraw or --give.")
        }
    }

    func run() throws {
        let database = try self.database.openExistingForWriting()
        let now = Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970))
        let changed = try database.changeConsent(staffID: id, to: give, reason: reason, at: now)
        let state = give ? "given" : "withdrawn"
        print(
            changed
                ? "Consent of \(Terminal.safe(id)) \(state) at \(now.iso); the next query and run take it into account."
                : "Consent of \(Terminal.safe(id)) was already \(state); nothing changed.")
    }
}

/// `midst staff forget ID --yes`: erasure.
struct StaffForget: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a person: their record, outcomes, decisions and places in past runs.",
        discussion: """
            Removes the person from every table that holds personal data, in one transaction. \
            Past runs keep their counts, with an anonymous placeholder, "(erased)", where the \
            person was. Deleted content is zeroed (SQLite's secure_delete); the staff snapshot \
            is replaced by one without the person, the old one zeroed once no process reads it; \
            the WAL is checkpointed and truncated; the files are searched for traces of the \
            record, and the database rebuilt with VACUUM if one is found. Their staff key is \
            never given to anyone else. Irreversible: pass --yes.

            Exits 0 once the deletion has committed. What a reader held up (a checkpoint, the \
            old snapshot) is said on stderr and finished by the next Midst command. Backups \
            Midst made before are listed: they still hold the person. Copies outside the \
            database (backups, exports, import files) are yours to delete; see "Your data" in \
            the README.

              midst staff forget S0288 --yes
            """)

    @Argument(help: ArgumentHelp("The person's staff id.", valueName: "id")) var id: String
    @Flag(help: "Confirm the erasure (it cannot be undone).") var yes = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExistingForWriting()
        guard yes else {
            throw CommandFailure.erasureNotConfirmed(id: id)
        }
        let report = try database.forgetStaff(id: id)
        let removed = report.rows.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(
            "Erased \(Terminal.safe(id)): \(removed)\(report.vacuumed ? "; the database was rebuilt (VACUUM) so that no older copy remains" : "")."
        )
        for left in report.unfinished {
            Terminal.note("warning: the erasure is committed; \(left)")
        }
        guard !report.earlierBackups.isEmpty else { return }
        print(
            "Backups Midst made before this erasure still hold \(Terminal.safe(id)); delete them, or keep them as safely as the database and erase again after any restore:"
        )
        for backup in report.earlierBackups { print("  \(Terminal.safe(backup))") }
    }
}
