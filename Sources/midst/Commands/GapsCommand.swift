import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst gaps`: the needs a run leaves short, why, and where demand outruns supply.
struct GapsCommand: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Needs a run leaves unfilled or partly filled, why, and where demand outruns supply.",
        discussion: """
            For every need the run matched (status open, proposed or asked) with fewer people \
            proposed than open slots (slots less people placed), counts the matchable people of \
            its profession: how many pass every hard constraint (min_score included), and how \
            many fail one constraint and nothing else. The constraint most of them fail alone is \
            the single change that would open the most candidates. Counted now, with the run's \
            configuration, as of the run's date. Needs whose end date passed with slots open \
            are listed as expired.

            Teams: for each team with needs open, how many of its roles (needs) the run \
            proposes somebody for, and each team language as the run left it: covered (by whom, \
            on which need), repaired (covered at a loss, in objective points) or uncovered, \
            with the nearest fix: the best-scoring speaker kept off by one thing only, and what \
            putting them in costs.

            Then supply against demand: open needs grouped by country × specialty × required \
            language, against the matchable people with free capacity who hold the specialty, \
            have a tie to the country and speak the language. Groups where slots outnumber \
            people come first: whom recruiters should look for.

              midst gaps
              midst gaps 3 --format json
              midst gaps --part supply --format csv > supply.csv
              midst gaps --part teams --format csv > teams.csv
              midst gaps --part needs --format xlsx -o gaps.xlsx
            """)

    /// Which part to print.
    enum Part: String, ExpressibleByArgument, CaseIterable { case needs, teams, supply, both }

    @Argument(help: ArgumentHelp("A run id, or latest.", valueName: "run")) var runReference =
        "latest"
    @Option(help: "needs, teams, supply or both (all three; CSV and xlsx need one).")
    var part: Part = .both
    @OptionGroup var output: ListOutputOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if output.format == .csv || output.format == .xlsx, part == .both {
            throw ValidationError(
                "\(output.format == .csv ? "CSV" : "An xlsx sheet") holds one table: add --part needs, --part teams or --part supply.")
        }
    }

    func run() throws {
        let database = try self.database.openExisting()
        let record = try database.recordedRun(runReference)
        let gaps = try Gaps.of(run: record, in: database)
        let needs = Self.needsTable(gaps)
        let supply = Self.supplyTable(gaps.supply)
        guard let format = output.format.text else {
            let (table, sheet) =
                switch part {
                case .needs: (needs, "Gaps")
                case .teams: (Self.teamsTable(gaps), "Teams")
                case .supply, .both: (supply, "Supply")
                }
            return try output.writeWorkbook(table, sheet: sheet, database: self.database)
        }
        switch (format, part) {
        case (.json, .both):
            let document = JSONValue.object([
                "run": .cell(.integer(Int(record.id))), "needs": .rows(of: needs),
                "supply": .rows(of: supply), "teams": .rows(of: Self.teamsTable(gaps)),
                "expired": .rows(of: Self.expiredTable(gaps)),
            ])
            print(try document.rendered())
        case (_, .needs): print(try needs.rendered(as: format), terminator: "")
        case (_, .supply): print(try supply.rendered(as: format), terminator: "")
        case (_, .teams): print(try Self.teamsTable(gaps).rendered(as: format), terminator: "")
        case (_, .both):
            let unfilled = gaps.needs.filter { $0.proposed == 0 }.count
            print("Run \(record.id)\(record.asOf.map { " (as of \($0))" } ?? ""): \(gaps.needs.count) need\(gaps.needs.count == 1 ? "" : "s") with an open slot left (\(unfilled) with nobody proposed)\n")
            print(needs.aligned)
            if !gaps.teams.isEmpty {
                print("Teams:")
                for team in gaps.teams {
                    print("  team \(Terminal.safe(team.team.rawValue)): \(team.rolesProposed) of \(team.roles) roles proposed")
                    for language in team.languages {
                        print("    \(Terminal.safe(Self.sentence(language)))")
                    }
                }
                print("")
            }
            if !gaps.expired.isEmpty {
                print("Expired: \(gaps.expired.count) need\(gaps.expired.count == 1 ? " has" : "s have") passed \(gaps.expired.count == 1 ? "its" : "their") end date with slots open and \(gaps.expired.count == 1 ? "is" : "are") no longer matched (close them with `midst needs close ID`, or give them new dates):\n")
                print(Self.expiredTable(gaps).aligned)
            }
            let groups = gaps.supply.groups.filter { $0.shortfall > 0 }.count
            print("Supply against demand: \(groups) of \(gaps.supply.groups.count) country × specialty × language groups have more slots than suitable people\n")
            print(supply.aligned, terminator: "")
        }
    }

    static func needsTable(_ gaps: Gaps) -> RecordTable {
        RecordTable(
            columns: [
                "need_id", "status", "overdue", "priority", "country", "specialty", "slots",
                "placed", "open_slots", "proposed", "shortlisted", "pool", "eligible", "change",
                "opens", "why",
            ],
            rows: gaps.needs.map { gap in
                let best = gap.misses?.failingOnly.first
                return [
                    .text(gap.need.id.rawValue), .text(gap.state.rawValue),
                    .text(gap.isOverdue ? "yes" : ""), .integer(gap.need.priority),
                    .text(gap.need.country.rawValue),
                    .text(gap.need.mainSpecialty?.rawValue ?? ""),
                    .integer(gap.need.slots), .integer(gap.placed), .integer(gap.openSlots),
                    .integer(gap.proposed), .integer(gap.shortlisted),
                    gap.misses.map { .integer($0.pool) } ?? .null,
                    gap.misses.map { .integer($0.eligible) } ?? .null,
                    best.map { .text($0.constraint) } ?? .null, best.map { .integer($0.people) } ?? .null,
                    gap.misses.map { .text($0.why) } ?? .null,
                ]
            })
    }

    /// A team language as the run left it: "lg at B1 covered by S0034 on N102", "… repaired
    /// by …, loss 4.10", "… cannot be covered; nearest fix: …".
    static func sentence(_ language: TeamGap.Language) -> String {
        let wanted = "\(language.language.language) at \(language.language.minimumLevel.code)"
        let by = language.staffID.map { " by \($0)" } ?? ""
        let on = language.needID.map { " on \($0)" } ?? ""
        switch language.status {
        case .covered: return "\(wanted) covered\(by)\(on)"
        case .repaired:
            return "\(wanted) repaired\(by)\(on), loss \(String(format: "%.2f", language.loss))"
        case .uncovered:
            let fix =
                language.fix.map { "nearest fix: \($0.sentence)" }
                ?? "nobody of the team's professions who speaks it is one change away"
            return "\(wanted) cannot be covered; \(fix)"
        }
    }

    /// One row per team language (one per team when it names none): the team, its roles
    /// proposed of its roles, how the run left the language, and the nearest fix of one it
    /// could not cover.
    static func teamsTable(_ gaps: Gaps) -> RecordTable {
        RecordTable(
            columns: [
                "team", "needs", "roles", "roles_proposed", "language", "min_level", "status",
                "covered_by", "covered_on", "loss", "fix_staff_id", "fix_need_id", "fix_score",
                "fix_constraint", "fix_detail", "fix_cost",
            ],
            rows: gaps.teams.flatMap { team in
                let languages: [TeamGap.Language?] = team.languages.isEmpty ? [nil] : team.languages
                return languages.map { teamRow(team, $0) }
            })
    }

    /// A row of ``teamsTable(_:)``: the team, and one of its languages (nil: it names none).
    private static func teamRow(_ team: TeamGap, _ language: TeamGap.Language?) -> [Cell] {
        func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
        func points(_ value: Double?) -> Cell { value.map { .number($0, decimals: 2) } ?? .null }
        let fix = language?.fix
        let teamCells: [Cell] = [
            .text(team.team.rawValue), .text(team.needIDs.map(\.rawValue).joined(separator: ";")),
            .integer(team.roles), .integer(team.rolesProposed),
        ]
        let languageCells: [Cell] = [
            text(language?.language.language.rawValue), text(language?.language.minimumLevel.code),
            text(language?.status.rawValue), text(language?.staffID?.rawValue),
            text(language?.needID?.rawValue),
            // A language left uncovered was not repaired: it has no loss.
            language?.status == .uncovered ? .null : points(language?.loss),
        ]
        let fixCells: [Cell] = [
            text(fix?.staffID.rawValue), text(fix?.needID.rawValue), points(fix?.score),
            text(fix?.constraint), text(fix?.detail), points(fix?.cost),
        ]
        return teamCells + languageCells + fixCells
    }

    static func expiredTable(_ gaps: Gaps) -> RecordTable {
        RecordTable(
            columns: ["need_id", "status", "country", "specialty", "slots", "end"],
            rows: gaps.expired.map { need in
                [
                    .text(need.id.rawValue), .text(NeedState.expired.rawValue),
                    .text(need.country.rawValue), .text(need.mainSpecialty?.rawValue ?? ""),
                    .integer(need.slots), .text(need.dates.end?.description ?? ""),
                ]
            })
    }

    static func supplyTable(_ supply: SupplyAndDemand) -> RecordTable {
        RecordTable(
            columns: [
                "country", "specialty", "language", "min_level", "needs", "slots", "people",
                "shortfall",
            ],
            rows: supply.groups.map { group in
                [
                    .text(group.country.rawValue), .text(group.specialty.rawValue),
                    group.language.map { .text($0.rawValue) } ?? .null,
                    group.minimumLevel.map { .text($0.code) } ?? .null, .integer(group.needs),
                    .integer(group.slots), .integer(group.people), .integer(group.shortfall),
                ]
            })
    }
}

extension Gaps {
    /// The gaps of a recorded run: the needs open now, as the outcomes have them on the run's
    /// date, with the run's proposal and shortlist counts, scored with the run's configuration
    /// against the people matchable now.
    static func of(run record: RunRecord, in database: MidstDatabase) throws -> Gaps {
        let counts = try database.needCounts(run: record.id)
        let config = try database.scoringConfiguration(ofRun: record.id)
        let teams = try database.teamLanguageLines(run: record.id)
        return Gaps(
            needs: try database.openNeeds(),
            followUp: try database.followUp(asOf: record.asOf, rules: config.followUp),
            proposed: counts.proposed,
            shortlisted: counts.shortlisted,
            table: try database.staffTable(reference: BundledReference.data),
            scorer: Scorer(reference: BundledReference.data, config: config),
            teamLanguages: teams.languages, lowestProposed: teams.lowestProposed)
    }
}
