import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst staff`: one person's record — what is held, their consent, their erasure.
struct StaffCommands: ParsableCommand {
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
struct StaffShow: ParsableCommand {
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
            let report = try Terminal.exitOnError(
                code: .databaseProblem, { try database.subjectAccess(staffID: id) })
        else { throw Terminal.fail("no staff member with id '\(id)'", code: .invalidData) }
        switch format {
        case .table: print(Self.text(report, id: id), terminator: "")
        case .json: print(Self.json(report))
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

    static func json(_ report: SubjectAccessReport) -> String {
        var record: [String: Any] = [:]
        for field in report.fields { record[field.name] = field.value ?? NSNull() }
        let object: [String: Any] = [
            "record": record,
            "consent_history": report.consentHistory.map {
                [
                    "changed_at": $0.changedAt, "consent": $0.hasConsented,
                    "reason": $0.reason ?? NSNull(), "source": $0.source,
                ] as [String: Any]
            },
            "decisions": report.decisions.map {
                [
                    "need_id": $0.needID, "decision": $0.kind.rawValue,
                    "reason": $0.reason ?? NSNull(), "decided_at": $0.decidedAt,
                ] as [String: Any]
            },
            "outcomes": report.outcomes.map {
                ["need_id": $0.needID, "outcome": $0.outcome, "date": $0.date]
            },
            "latest_run": report.latestRun.map { $0 as Any } ?? NSNull(),
            "shortlist_places": report.shortlistPlaces.map {
                [
                    "need_id": $0.needID, "rank": $0.rank, "score": $0.score,
                    "proposed": $0.isProposed,
                ] as [String: Any]
            },
            "runs_listed_in": report.runsListedIn,
        ]
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}

/// `midst staff consent ID --withdraw|--give [--reason T]`.
struct StaffConsent: ParsableCommand {
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
        let changed = try Terminal.change {
            try database.changeConsent(staffID: id, to: give, reason: reason, at: now)
        }
        let state = give ? "given" : "withdrawn"
        print(
            changed
                ? "Consent of \(Terminal.safe(id)) \(state) at \(now.iso); the next query and run take it into account."
                : "Consent of \(Terminal.safe(id)) was already \(state); nothing changed.")
    }
}

/// `midst staff forget ID --yes`: erasure.
struct StaffForget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a person: their record, outcomes, decisions and places in past runs.",
        discussion: """
            Removes the person from every table that holds personal data, in one transaction. \
            Past runs keep their counts, with an anonymous placeholder, "(erased)", where the \
            person was. Deleted content is zeroed (SQLite's secure_delete), the WAL is \
            checkpointed and truncated, the staff snapshot is overwritten and removed, and the \
            files are then searched for the person's e-mail and name (rebuilding the database \
            with VACUUM if an older copy is found). Their staff key is never given to anyone \
            else. Irreversible: pass --yes. Copies outside the database (backups, exports, \
            import files) are yours to delete; see "Your data" in the README.

              midst staff forget S0288 --yes
            """)

    @Argument(help: ArgumentHelp("The person's staff id.", valueName: "id")) var id: String
    @Flag(help: "Confirm the erasure (it cannot be undone).") var yes = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExistingForWriting()
        guard yes else {
            throw Terminal.fail(
                "erasing \(Terminal.safe(id)) cannot be undone; run again with --yes to confirm",
                code: .usage)
        }
        let report = try Terminal.change { try database.forgetStaff(id: id) }
        let removed = report.rows.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(
            "Erased \(Terminal.safe(id)): \(removed)\(report.vacuumed ? "; the database was rebuilt (VACUUM) to remove an older copy" : "")."
        )
    }
}
