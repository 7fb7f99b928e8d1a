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
            and whether it is overdue. CSV and JSON also carry every other column of the need \
            as the needs file writes it (docs/FORMATS.md): site, skills_required, partners, \
            min_score, require_specialty, min_seniority, required_languages, \
            preferred_languages (COUNTRY:LANG:LEVEL for another country's site), description \
            and updated_at.

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
    @OptionGroup var output: ListOutputOptions
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
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
        // The terminal's table keeps to the columns a coordinator scans; CSV and JSON carry
        // every column of the need, in the needs file's syntax.
        let isWhole = output.format != .table
        let table = RecordTable(
            columns: [
                "id", "status", "overdue", "countries", "profession", "specialty", "skills",
                "partnership", "host_institution", "slots", "placed", "asked", "proposed",
                "open_slots", "priority", "start", "end", "mode",
            ] + (isWhole ? NeedColumns.more : []) + ["team", "team_languages"],
            rows: standings.map { standing in
                let need = standing.need
                let columns = NeedColumns(need)
                return [
                    .text(need.id.rawValue), .text(standing.state.rawValue),
                    .text(standing.isOverdue ? "yes" : ""),
                    .text(need.countries.map(\.rawValue).joined(separator: ";")),
                    .text(need.professions.map(\.rawValue).joined(separator: ";")),
                    .text(columns.specialties), .text(columns.skills),
                    .text(need.partnership), .text(need.hostInstitution), .integer(need.slots),
                    .integer(standing.placed), .integer(standing.asked),
                    .integer(standing.proposed), .integer(standing.openSlots),
                    .integer(need.priority), .date(need.dates.start), .date(need.dates.end),
                    .text(need.mode.rawValue),
                ] + (isWhole ? columns.moreCells : []) + [
                    .text(need.team?.rawValue ?? ""),
                    .text(Need.LanguageRequirement.importSyntax(need.teamLanguages)),
                ]
            })
        guard let format = output.format.text else {
            return try output.writeWorkbook(table, sheet: "Needs", database: self.database)
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
            --format json prints the same as one document: the need with every column of the \
            needs file (docs/FORMATS.md), where it stands, each UK partner and the organisation \
            it names, its team (members, their states, and who covers each team language), \
            where people stand with it, the latest run's shortlist, decisions and outcomes.

              midst needs show N001
              midst needs show N001 --as-of 2026-11-30
              midst needs show N001 --format json
            """)

    @Argument(help: ArgumentHelp("The need's id.", valueName: "id")) var id: String
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if format == .csv { throw ValidationError("A need is one record with lists: use --format table or json.") }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let need = try database.existingNeed(id: id)
        let asOf = try day.date()
        let followUp = try database.followUp(asOf: asOf, rules: scoring.load().followUp)
        let standings = try database.needStandings(followUp: followUp)
        guard let standing = standings.first(where: { $0.need.id == need.id })
        else { throw CommandFailure.unknownNeed(id: id) }
        let members = need.team.map { team in standings.filter { $0.need.team == team } } ?? []
        let coverage =
            try need.team.map {
                try database.teamCoverage(of: need.teamLanguages, team: $0, followUp: followUp)
            } ?? []
        let people = followUp.entries.filter { $0.needID == need.id }
        let latest = try database.run("latest")
        let lines = try latest.map { try database.shortlist(run: $0.id, needID: id) } ?? []
        let pairs = try latest.map { try database.assignments(run: $0.id, needID: id) } ?? []
        let proposed = Dictionary(
            pairs.map { ($0.staffID, $0.basis) }, uniquingKeysWith: { first, _ in first })
        let shortlist = RecordTable(
            columns: ["rank", "staff_id", "score", "proposed"],
            rows: lines.map {
                [.integer($0.rank), .text($0.staffID), .number($0.score, decimals: 2),
                 .text(Show.proposedMark(proposed[$0.staffID]))]
            })
        let decisions = Decisions.table(try database.decisions(needID: id))
        let outcomes = try database.outcomes(needID: id)
        let outcomeTable = RecordTable(
            columns: ["staff_id", "outcome", "date"],
            rows: outcomes.map { [.text($0.staffID), .text($0.outcome), .text($0.date)] })
        let standingTable = RecordTable(
            columns: ["staff_id", "stands"],
            rows: people.map { [.text($0.staffID.rawValue), .text($0.standing.sentence)] })
        if format == .json {
            let columns = NeedColumns(need)
            var record: [String: JSONValue] = [
                "id": .cell(.text(need.id.rawValue)), "partnership": .cell(.text(need.partnership)),
                "host_institution": .cell(.text(need.hostInstitution)),
                "countries": .cell(.text(need.countries.map(\.rawValue).joined(separator: ";"))),
                "professions": .cell(.text(need.professions.map(\.rawValue).joined(separator: ";"))),
                "specialties": .cell(.text(columns.specialties)), "skills": .cell(.text(columns.skills)),
                "start": need.dates.start.map { .cell(.text($0.description)) } ?? .cell(.null),
                "end": need.dates.end.map { .cell(.text($0.description)) } ?? .cell(.null),
                "mode": .cell(.text(need.mode.rawValue)), "slots": .cell(.integer(need.slots)),
                "priority": .cell(.integer(need.priority)),
                "stored_status": .cell(.text(need.status.rawValue)),
                "team": .cell(.text(need.team?.rawValue ?? "")),
                "team_languages": .cell(.text(Need.LanguageRequirement.importSyntax(need.teamLanguages))),
            ]
            for (column, cell) in zip(NeedColumns.more, columns.moreCells) { record[column] = .cell(cell) }
            let document = JSONValue.object([
                "need": .object(record),
                "as_of": .cell(.text(asOf.description)),
                "status": .cell(.text(standing.state.rawValue)),
                "overdue": .bool(standing.isOverdue),
                "open_slots": .cell(.integer(standing.openSlots)),
                "placed": .cell(.integer(standing.placed)), "asked": .cell(.integer(standing.asked)),
                "partners": .array(need.partners.map(Self.partnerJSON)),
                "team_members": .array(members.map { member in
                    .object([
                        "id": .cell(.text(member.need.id.rawValue)),
                        "status": .cell(.text(member.state.rawValue)),
                    ])
                }),
                "team_coverage": .array(coverage.map { language in
                    .object([
                        "language": .cell(.text(language.language.language.rawValue)),
                        "min_level": .cell(.text(language.language.minimumLevel.code)),
                        "covered_by": language.coveredBy.map { .cell(.text($0.rawValue)) } ?? .cell(.null),
                    ])
                }),
                "people": .rows(of: standingTable),
                "run": latest.map { .cell(.integer(Int($0.id))) } ?? .cell(.null),
                "shortlist": .rows(of: shortlist), "decisions": .rows(of: decisions),
                "outcomes": .rows(of: outcomeTable),
            ])
            print(try document.rendered())
            return
        }
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
            text += line(
                "team",
                "\(team): " + members.map { "\($0.need.id) (\($0.state.rawValue))" }.joined(separator: ", "))
            for (index, language) in coverage.enumerated() {
                let wanted = "\(language.language.language) at \(language.language.minimumLevel.code)"
                text += line(
                    index == 0 ? "team languages" : "",
                    language.coveredBy.map { "\(wanted): covered by \($0)" }
                        ?? "\(wanted): not covered by the latest run's proposal, asks or placements")
            }
        }
        print(text)
        print("Where people stand with it:")
        print(people.isEmpty ? "  nobody asked yet\n" : standingTable.aligned)
        if let latest {
            print("Shortlist in run \(latest.id)\(latest.asOf.map { " (as of \($0))" } ?? "") (\(lines.count) of top \(latest.topK)):")
            if lines.isEmpty {
                print("  nobody. " + (try NearestMisses.line(forNeed: id, in: database, run: latest)) + "\n")
            } else {
                print(shortlist.aligned)
            }
        } else {
            print("No run yet: `midst run` shortlists every open need.\n")
        }
        print("Decisions:")
        print(decisions.rows.isEmpty ? "  none\n" : decisions.aligned)
        print("Outcomes:")
        print(
            outcomes.isEmpty ? "  none" : outcomeTable.aligned,
            terminator: outcomes.isEmpty ? "\n" : "")
    }
}

extension NeedsShow {
    /// A partner as written, with the organisation it names (code, name, nation, whether it
    /// employs NHS staff), or why it names none.
    static func partnerJSON(_ written: String) -> JSONValue {
        let reference = BundledReference.data
        var object: [String: JSONValue] = ["written": .cell(.text(written))]
        switch reference.organisation(named: written) {
        case .found(let organisation):
            object["code"] = .cell(.text(organisation.code))
            object["name"] = .cell(.text(organisation.name))
            object["nation"] = .cell(.text(organisation.nation))
            object["employs_nhs_staff"] = .bool(organisation.employsNHSStaff || !organisation.members.isEmpty)
        case .ambiguous, .unknown:
            object["warning"] = .cell(.text(PartnerWarnings.message(for: written, reference) ?? ""))
        }
        return .object(object)
    }

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
