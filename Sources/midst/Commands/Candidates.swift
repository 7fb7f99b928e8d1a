import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst candidates NEED`: the best eligible staff for one need, scored live.
struct Candidates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the eligible staff for a need, scored live against the database.",
        discussion: """
            Lists the best consenting staff who pass every hard constraint, best first; equal \
            scores are ordered by staff id. --explain adds each component's points and reason. \
            `midst why NEED STAFF` explains one person in full, including why they are excluded.

              midst candidates N001
              midst candidates N001 --top 5 --explain
              midst candidates N001 --format json
            """)

    @Argument(help: "The need's id.") var needID: String
    @Option(help: "How many candidates to list.") var top = 20
    @Flag(help: "Show each component's points and reason.") var explain = false
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1.") }
    }

    func run() throws {
        let database = try Terminal.exitOnError(code: .databaseProblem) {
            try MidstDatabase.openExisting(at: self.database.path)
        }
        let config = try scoring.load()
        let scorer = Scorer(reference: BundledReference.data, config: config)
        guard let need = try Terminal.exitOnError(code: .databaseProblem, { try database.need(id: needID) }) else {
            throw Terminal.fail("no need with id '\(needID)'", code: .invalidData)
        }
        let professions = [need.profession]
            + config.professionEquivalences.filter { $0.contains(need.profession.rawValue) }
            .flatMap { $0 }.filter { $0 != need.profession.rawValue }.map(SpecialtyCode.init(rawValue:))
        let ranked = try Terminal.exitOnError(code: .databaseProblem) {
            try scorer.topCandidates(for: need, top: top) { specialties in
                try database.candidatePool(for: need, professions: professions, specialties: specialties)
            }
        }
        var columns = ["rank", "staff_id", "name", "score", "specialties", "countries", "languages"]
        if explain { columns += ScoreComponent.allCases.map(\.rawValue) + ["reasons"] }
        let rows = ranked.map { candidate -> [Cell] in
            var row: [Cell] = [
                .integer(candidate.rank), .text(candidate.staff.id.rawValue), .text(candidate.staff.name ?? ""),
                .number(candidate.score, decimals: 2), .text(candidate.staff.specialtiesText),
                .text(candidate.staff.countriesText), .text(candidate.staff.languagesText),
            ]
            if explain {
                let explanation = scorer.explain(candidate.staff, for: need, context: candidate.context)
                row += explanation.components.map { .number($0.contribution, decimals: 2) }
                row.append(.text(explanation.components.map { "\($0.component.rawValue): \($0.reason)" }.joined(separator: " | ")))
            }
            return row
        }
        if format == .table {
            print("\(need.id): \(need.partnership) — \(need.hostInstitution), \(need.country)")
            print("\(need.profession)\(need.specialty.map { " / \($0)" } ?? ""), \(need.slots) slot\(need.slots == 1 ? "" : "s"), \(need.mode.rawValue)\n")
        }
        print(RecordTable(columns: columns, rows: rows).rendered(as: format), terminator: "")
    }
}
