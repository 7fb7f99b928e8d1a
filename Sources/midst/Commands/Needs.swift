import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst needs`: the partnerships' needs.
struct Needs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "needs",
        abstract: "List the needs, show one, close or reopen one.",
        discussion: """
            Every need stands in one of six states, the same words in every command, the \
            report and JSON (docs/SCORING.md, "One vocabulary for needs"): open (open slots, \
            nobody asked or proposed), proposed (the latest run proposes somebody), asked \
            (somebody was asked and has not answered), filled (as many people accepted as \
            slots), expired (its end date has passed with slots open), closed (closed by a \
            coordinator). A need is also overdue when its start has passed with slots open.
            """,
        subcommands: [NeedsList.self, NeedsShow.self, NeedsClose.self, NeedsReopen.self])
}

/// The states `--status` accepts: one or more of ``NeedState``, comma-separated.
struct NeedStateFilter: ExpressibleByArgument {
    var states: Set<NeedState>

    init?(argument: String) {
        let names = argument.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let states = names.compactMap(NeedState.init(rawValue:))
        guard !states.isEmpty, states.count == names.count else { return nil }
        self.states = Set(states)
    }

    static var allValueStrings: [String] { NeedState.allCases.map(\.rawValue) }
}

/// `midst needs list`.
struct NeedsList: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the needs with where each stands, by id.",
        discussion: """
            Each need's status is its state on the day (--as-of, default today): open, \
            proposed, asked, filled, expired or closed; with the people placed on it (accepted \
            or completed), asked and awaited, and proposed by the latest run, its open slots, \
            and whether it is overdue.

              midst needs list
              midst needs list --status open,proposed,asked --country UG
              midst needs list --status expired
              midst needs list --team GULU-1
              midst needs list --format csv > needs.csv
              midst needs list --format xlsx -o needs.xlsx
            """)

    @Option(
        help: ArgumentHelp(
            "Only needs in these states, comma-separated: open, proposed, asked, filled, expired, closed.",
            valueName: "states"))
    var status: NeedStateFilter?
    @Option(help: "Only needs in this country (ISO code or name), first or other countries.")
    var country: String?
    @Option(help: "Only the needs of this team (the needs file's team column).") var team: String?
    @Option(
        help:
            "table, json, csv or xlsx (an Excel workbook: a frozen header row, numbers and dates typed; with --out or redirected)."
    )
    var format: ListFormat = .table
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Where --format xlsx writes the workbook (a file Midst did not write is not replaced).",
            valueName: "path"))
    var out: String?
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        try WorkbookOutput.validate(format: format, out: out)
        if let country, BundledReference.data.country(country) == nil {
            throw ValidationError("--country: unknown country \(country.quotedForMessage()) (see `midst reference countries`).")
        }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let followUp = try database.followUp(asOf: day.date(), rules: scoring.load().followUp)
        let standings = try database.needStandings(
            followUp: followUp, country: country.flatMap { BundledReference.data.country($0) }
        ).filter { standing in
            (status?.states.contains(standing.state) ?? true)
                && (team == nil || standing.need.team?.rawValue == team)
        }
        let table = RecordTable(
            columns: [
                "id", "status", "overdue", "countries", "profession", "specialty", "partnership",
                "host_institution", "slots", "placed", "asked", "proposed", "open_slots",
                "priority", "start", "end", "mode", "team", "team_languages",
            ],
            rows: standings.map { standing in
                let need = standing.need
                return [
                    .text(need.id.rawValue), .text(standing.state.rawValue),
                    .text(standing.isOverdue ? "yes" : ""),
                    .text(need.countries.map(\.rawValue).joined(separator: ";")),
                    .text(need.professions.map(\.rawValue).joined(separator: ";")),
                    .text(need.specialties.map(\.rawValue).joined(separator: ";")),
                    .text(need.partnership), .text(need.hostInstitution), .integer(need.slots),
                    .integer(standing.placed), .integer(standing.asked),
                    .integer(standing.proposed), .integer(standing.openSlots),
                    .integer(need.priority), .date(need.dates.start), .date(need.dates.end),
                    .text(need.mode.rawValue),
                    .text(need.team?.rawValue ?? ""),
                    .text(Need.LanguageRequirement.importSyntax(need.teamLanguages)),
                ]
            })
        guard let format = format.text else {
            return try WorkbookOutput.write(table, sheet: "Needs", to: out, database: self.database)
        }
        print(try table.rendered(as: format), terminator: "")
        if format == .table {
            Terminal.note("\(standings.count) need\(standings.count == 1 ? "" : "s") as of \(try day.date())")
        }
    }
}

/// `midst needs show ID`.
struct NeedsShow: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One need: where it stands, its fields, who is placed and asked, its shortlist and proposal in the latest run, decisions and outcomes.",
        discussion: """
              midst needs show N001
              midst needs show N001 --as-of 2026-11-30
            """)

    @Argument(help: ArgumentHelp("The need's id.", valueName: "id")) var id: String
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        let need = try database.existingNeed(id: id)
        let asOf = try day.date()
        let followUp = try database.followUp(asOf: asOf, rules: scoring.load().followUp)
        guard let standing = try database.needStandings(followUp: followUp).first(where: { $0.need.id == need.id })
        else { throw CommandFailure.unknownNeed(id: id) }
        func line(_ label: String, _ value: String) -> String {
            "  \(label.padding(toLength: 20, withPad: " ", startingAt: 0))\(Terminal.safe(value))\n"
        }
        var text = "Need \(Terminal.safe(need.id.rawValue)) (\(standing.state.rawValue)\(standing.isOverdue ? ", overdue" : "") as of \(asOf))\n"
        if let reason = standing.statusReason {
            text += line("status reason", "\(reason)\(standing.statusChangedAt.map { " (\($0))" } ?? "")")
        }
        text += line("partnership", need.partnership)
        text += line("host institution", need.hostInstitution + (need.site.map { ", \($0)" } ?? ""))
        text += line("countries", need.countries.map(\.rawValue).joined(separator: ", "))
        text += line("profession", need.professions.map(\.rawValue).joined(separator: ", "))
        let skills = need.specialties.filter { BundledReference.data.specialty($0.rawValue)?.isSkill == true }
        text += line(
            "specialty", need.specialties.filter { !skills.contains($0) }.map(\.rawValue).joined(separator: ", "))
        if !skills.isEmpty {
            let rule = need.skillsRequired == .all
                ? " (skills_required all: each one, as well as a related specialty)"
                : " (skills_required any: any specialty or skill will do)"
            text += line("skills", skills.map(\.rawValue).joined(separator: ", ") + rule)
        }
        text += line("minimum seniority", "\(need.minimumSeniority.rawValue)")
        text += line("min_score", need.minimumScore.map { "\($0)" } ?? "none")
        text += line("languages", (need.requiredLanguages.map { "\($0.language) (required)" }
            + need.preferredLanguages.map {
                "\($0.language) (preferred, site\($0.country.map { " in \($0.rawValue)" } ?? ""))"
            }).joined(separator: ", "))
        text += line("dates", "\(need.dates.start?.description ?? "…") to \(need.dates.end?.description ?? "…")")
        text += line("mode", need.mode.rawValue)
        text += line("slots, priority", "\(need.slots), \(need.priority)")
        text += line(
            "open slots",
            "\(standing.openSlots) (\(standing.placed) placed, \(standing.asked) asked and awaited)")
        if !need.partners.isEmpty {
            text += line("UK partners", need.partners.map(Self.partner).joined(separator: "; "))
        }
        if let team = need.team {
            let members = try database.needStandings(followUp: followUp).filter { $0.need.team == team }
            text += line(
                "team",
                "\(team): " + members.map { "\($0.need.id) (\($0.state.rawValue))" }.joined(separator: ", "))
            let coverage = try database.teamCoverage(
                of: need.teamLanguages, team: team, followUp: followUp)
            for (index, language) in coverage.enumerated() {
                let wanted = "\(language.language.language) at \(language.language.minimumLevel.code)"
                text += line(
                    index == 0 ? "team languages" : "",
                    language.coveredBy.map { "\(wanted): covered by \($0)" }
                        ?? "\(wanted): not covered by the latest run's proposal, asks or placements")
            }
        }
        print(text)
        let standings = followUp.entries.filter { $0.needID == need.id }
        print("Where people stand with it:")
        print(
            standings.isEmpty
                ? "  nobody asked yet\n"
                : RecordTable(
                    columns: ["staff_id", "stands"],
                    rows: standings.map { [.text($0.staffID.rawValue), .text($0.standing.sentence)] }
                ).aligned)
        if let latest = try database.run("latest") {
            let lines = try database.shortlist(run: latest.id, needID: id)
            let pairs = try database.assignments(run: latest.id, needID: id)
            let proposed = Dictionary(
                pairs.map { ($0.staffID, $0.basis) }, uniquingKeysWith: { first, _ in first })
            print("Shortlist in run \(latest.id)\(latest.asOf.map { " (as of \($0))" } ?? "") (\(lines.count) of top \(latest.topK)):")
            if lines.isEmpty {
                print("  nobody. " + (try NearestMisses.line(forNeed: id, in: database, run: latest)) + "\n")
            } else {
                print(
                    RecordTable(
                        columns: ["rank", "staff_id", "score", "proposed"],
                        rows: lines.map {
                            [.integer($0.rank), .text($0.staffID), .number($0.score, decimals: 2),
                             .text(Show.proposedMark(proposed[$0.staffID]))]
                        }
                    ).aligned)
            }
        } else {
            print("No run yet: `midst run` shortlists every open need.\n")
        }
        let decisions = try database.decisions(needID: id)
        print("Decisions:")
        print(decisions.isEmpty ? "  none\n" : Decisions.table(decisions).aligned)
        let outcomes = try database.outcomes(needID: id)
        print("Outcomes:")
        print(
            outcomes.isEmpty
                ? "  none"
                : RecordTable(
                    columns: ["staff_id", "outcome", "date"],
                    rows: outcomes.map { [.text($0.staffID), .text($0.outcome), .text($0.date)] }
                ).aligned, terminator: outcomes.isEmpty ? "\n" : "")
    }
}

extension NeedsShow {
    /// A partner as written, with the organisation it names, or why it names none.
    static func partner(_ written: String) -> String {
        let reference = BundledReference.data
        switch reference.organisation(named: written) {
        case .found(let organisation):
            let found = organisation.name == written || organisation.code == written.uppercased()
                ? "" : ": \(organisation.name)"
            let staff = organisation.employsNHSStaff || !organisation.members.isEmpty
                ? "" : ", employs no NHS staff: nobody earns the partnership points"
            return "\(written) (\(organisation.code)\(found)\(staff))"
        case .ambiguous, .unknown:
            return "\(written) (\(PartnerWarnings.message(for: written, reference) ?? ""))"
        }
    }
}

/// `midst needs close ID` and `midst needs reopen ID`: one need's status, its other columns kept.
protocol NeedStatusCommand: ParsableCommand, DatabaseCommand {
    var id: String { get }
    var reason: String? { get }
    static var newStatus: Need.Status { get }
}

extension NeedStatusCommand {
    func run() throws {
        guard let needID = RecordID(validating: id) else {
            throw ValidationError("Ids are 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'.")
        }
        let database = try self.database.openExistingForWriting()
        try database.changeStatus(
            NeedStatusChange(needID: needID, status: Self.newStatus, reason: reason),
            now: Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970)))
        print("Need \(needID) is \(Self.newStatus == .closed ? "closed" : "open again")\(reason.map { ": \(Terminal.safe($0))" } ?? "")")
    }
}

/// `midst needs close ID [--reason TEXT]`.
struct NeedsClose: NeedStatusCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a need: the batch no longer matches it. Its other columns are kept.",
        discussion: """
            For many needs at once, import a needs file with only the columns id and status \
            (and reason): docs/FORMATS.md, "Closing and reopening needs".

              midst needs close N001 --reason "filled by the partner's own staff"
            """)
    static var newStatus: Need.Status { .closed }

    @Argument(help: ArgumentHelp("The need's id.", valueName: "id")) var id: String
    @Option(help: "Why, kept with the need and shown by `midst needs show`.") var reason: String?
    @OptionGroup var database: DatabaseOptions
}

/// `midst needs reopen ID [--reason TEXT]`.
struct NeedsReopen: NeedStatusCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a closed (or filled) need: the next run matches it again.",
        discussion: """
              midst needs reopen N001 --reason "second visit planned"
            """)
    static var newStatus: Need.Status { .open }

    @Argument(help: ArgumentHelp("The need's id.", valueName: "id")) var id: String
    @Option(help: "Why, kept with the need and shown by `midst needs show`.") var reason: String?
    @OptionGroup var database: DatabaseOptions
}
