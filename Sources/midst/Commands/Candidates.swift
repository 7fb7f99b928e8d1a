import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst candidates NEED`: the best eligible staff for one need, scored live.
struct Candidates: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates",
        abstract: "Rank the eligible staff for a need, scored live against the database.",
        discussion: """
            Lists the best consenting staff who pass every hard constraint, best first; equal \
            scores are ordered by staff id. People a recorded outcome keeps off the need (placed \
            on it, declined, withdrew, or did not answer lately, as of --as-of) are left out. --explain adds each component's points and reason. \
            `midst why NEED STAFF` explains one person in full, including why they are excluded.

            Everyone of the need's profession (and configured equivalents) is scored from a compact \
            snapshot of the staff kept beside the database (FILE-staff-snapshot, with \
            FILE-staff-overlay for the people changed since), kept current by Midst's writes and \
            rebuilt after a change made by another route.

              midst candidates N001
              midst candidates N001 --top 5 --explain
              midst candidates N001 --format json
            """)

    @Argument(help: "The need's id.") var needID: String
    @Option(parsing: .unconditional, help: "How many candidates to list (1 or more).") var top = 20
    @Flag(help: "Show each component's points and reason.") var explain = false
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be a whole number of 1 or more, e.g. --top 20.") }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let config = try scoring.load()
        let need = try database.existingNeed(id: needID)
        let followUp = try database.followUp(
            asOf: day.date(), rules: config.followUp, needID: need.id.rawValue)
        // Loaded on another thread while the need's part of the snapshot is checked. Started
        // only now: while a second thread runs, every first write to one of the program's pages
        // (opening the database makes hundreds) has to stop the other core too, which cost
        // more than the overlap saved.
        BundledReference.loadInBackground()
        let candidates = try database.candidates(
            for: need, top: top, config: config, explaining: explain, followUp: followUp)
        var columns = [
            "rank", "staff_id", "name", "score", "specialties", "countries", "languages",
        ]
        if explain { columns += ScoreComponent.allCases.map(\.rawValue) + ["reasons"] }
        let rows = candidates.map { candidate -> [Cell] in
            var row: [Cell] = [
                .integer(candidate.rank), .text(candidate.staff.id.rawValue),
                .text(candidate.staff.name ?? ""),
                .number(candidate.score, decimals: 2), .text(candidate.staff.specialtiesText),
                .text(candidate.staff.countriesText), .text(candidate.staff.languagesText),
            ]
            if let explanation = candidate.explanation {
                row += explanation.components.map { .number($0.contribution, decimals: 2) }
                row.append(
                    .text(
                        explanation.components.map { "\($0.component.rawValue): \($0.reason)" }
                            .joined(separator: " | ")))
            }
            return row
        }
        if format == .table {
            print(
                "\(need.id): \(need.partnership) — \(need.hostInstitution)\(need.site.map { ", \($0)" } ?? ""), \(need.countries.map(\.rawValue).joined(separator: "; "))"
                    + (need.partners.isEmpty
                        ? "" : " (UK partner: \(need.partners.joined(separator: "; ")))")
            )
            print(
                "\(need.professions.map(\.rawValue).joined(separator: " or "))\(need.specialties.isEmpty ? "" : " / " + need.specialties.map(\.rawValue).joined(separator: " or ")), \(need.slots) slot\(need.slots == 1 ? "" : "s"), \(need.mode.rawValue)\(need.minimumScore.map { ", min_score \($0)" } ?? "")\n"
            )
        }
        print(try RecordTable(columns: columns, rows: rows).rendered(as: format), terminator: "")
    }
}
