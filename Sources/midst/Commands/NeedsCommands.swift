import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst needs`: the partnerships' needs.
struct NeedsCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "needs",
        abstract: "List the needs, or show one with its shortlist, proposal, decisions and outcomes.",
        subcommands: [NeedsList.self, NeedsShow.self])
}

/// `midst needs list`.
struct NeedsList: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the needs, by id.",
        discussion: """
              midst needs list
              midst needs list --status open --country UG
              midst needs list --format csv > needs.csv
            """)

    @Option(help: "Only needs with this status: open, filled or closed.") var status: String?
    @Option(help: "Only needs in this country (ISO code or name), first or other countries.")
    var country: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let status, NeedStatus(rawValue: status) == nil {
            throw ValidationError("--status must be open, filled or closed.")
        }
        if let country, BundledReference.data.country(country) == nil {
            throw ValidationError("--country: unknown country '\(country)' (see `midst reference countries`).")
        }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let needs = try database.needs(
                status: status.flatMap(NeedStatus.init(rawValue:)),
                country: country.flatMap { BundledReference.data.country($0) })
        let table = RecordTable(
            columns: [
                "id", "status", "countries", "profession", "specialty", "partnership", "host_institution",
                "slots", "priority", "start", "end", "mode",
            ],
            rows: needs.map { need in
                [
                    .text(need.id.rawValue), .text(need.status.rawValue),
                    .text(need.countries.map(\.rawValue).joined(separator: ";")),
                    .text(need.professions.map(\.rawValue).joined(separator: ";")),
                    .text(need.specialties.map(\.rawValue).joined(separator: ";")),
                    .text(need.partnership), .text(need.hostInstitution), .integer(need.slots),
                    .integer(need.priority), .text(need.dates.start?.description ?? ""),
                    .text(need.dates.end?.description ?? ""), .text(need.mode.rawValue),
                ]
            })
        print(try table.rendered(as: format), terminator: "")
        if format == .table { Terminal.note("\(needs.count) need\(needs.count == 1 ? "" : "s")") }
    }
}

/// `midst needs show ID`.
struct NeedsShow: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One need: its fields, its shortlist and proposal in the latest run, decisions and outcomes.",
        discussion: """
              midst needs show N001
            """)

    @Argument(help: ArgumentHelp("The need's id.", valueName: "id")) var id: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let database = try self.database.openExisting()
        guard let need = try database.need(id: id)
        else { throw CommandFailure.unknownNeed(id: id) }
        func line(_ label: String, _ value: String) -> String {
            "  \(label.padding(toLength: 20, withPad: " ", startingAt: 0))\(Terminal.safe(value))\n"
        }
        var text = "Need \(Terminal.safe(need.id.rawValue)) (\(need.status.rawValue))\n"
        text += line("partnership", need.partnership)
        text += line("host institution", need.hostInstitution + (need.site.map { ", \($0)" } ?? ""))
        text += line("countries", need.countries.map(\.rawValue).joined(separator: ", "))
        text += line("profession", need.professions.map(\.rawValue).joined(separator: ", "))
        text += line("specialty", need.specialties.map(\.rawValue).joined(separator: ", "))
        text += line("minimum seniority", "\(need.minimumSeniority.rawValue)")
        text += line("languages", (need.requiredLanguages.map { "\($0.language) (required)" }
            + need.preferredLanguages.map { "\($0.language) (preferred)" }).joined(separator: ", "))
        text += line("dates", "\(need.dates.start?.description ?? "…") to \(need.dates.end?.description ?? "…")")
        text += line("mode", need.mode.rawValue)
        text += line("slots, priority", "\(need.slots), \(need.priority)")
        if !need.partners.isEmpty { text += line("UK partners", need.partners.joined(separator: "; ")) }
        print(text)
        let latest = try database.run("latest")
        if let latest {
            let lines = try database.shortlist(run: latest.id, needID: id)
            let pairs = try database.assignments(run: latest.id, needID: id)
            let proposed = Set(pairs.map(\.staffID))
            print("Shortlist in run \(latest.id) (\(lines.count) of top \(latest.topK)):")
            if lines.isEmpty {
                print("  nobody. " + (try NearestMisses.line(forNeed: id, in: database, run: latest)) + "\n")
            } else {
                print(
                    RecordTable(
                        columns: ["rank", "staff_id", "score", "proposed"],
                        rows: lines.map {
                            [.integer($0.rank), .text($0.staffID), .number($0.score, decimals: 2),
                             .text(proposed.contains($0.staffID) ? "yes" : "")]
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
