import ArgumentParser
import Foundation
import MidstCore
import MidstStore

/// `midst run`: the nightly match batch.
struct Run: AsyncParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the nightly batch: shortlist every open need and propose who to ask.",
        discussion: """
            Scores every open need (status open, with open slots, its end date not passed) \
            against every consenting person with free capacity, keeps each need's top K with the \
            score and its components, and proposes an assignment: the pairs from the shortlists \
            that maximise the total score (times each need's priority multiplier, \
            1 + priorityStep × (priority − 3), with the configuration's priorityStep, default \
            0.1) without giving a need more people than its open slots or a person more needs \
            than their free capacity. The proposal is advice: people are asked, not allocated.

            The batch builds on the outcomes recorded (`midst outcome`, `midst import \
            outcomes`): people placed on a need (accepted, completed) take its slots; people who \
            declined or withdrew are never proposed for it again, and those who did not answer \
            not for followUp.noResponseDays (60); a person asked and not yet answered stays in \
            the need's proposal for followUp.askedHoldDays (14), counting against their \
            capacity, so the proposal does not churn. Needs whose end date has passed are \
            expired and not matched (a warning names them). --as-of replays a night: outcomes \
            dated after it are not known. docs/SCORING.md, "Outcomes and the nightly loop", \
            gives the rules.

            Coordinators' decisions apply: pinned pairs are proposed (after asks awaited, \
            counting against both capacities), excluded pairs never appear (see `midst decide`).

            The run is recorded whole, in one transaction, or not at all; a failed run is \
            recorded as failed and the previous completed run stays the latest. The database \
            must exist (`midst init` or `midst import` create it). One batch runs at a time on a \
            database: a second fails at once naming the running one (exit 2), or waits for it \
            with --wait. A run with no open needs or nobody matchable still completes, with a \
            warning on stderr and in the summary.

              midst run
              midst run --top 10 --solver greedy --note "after the May import"
              midst run --report report.html
              midst run --as-of 2026-11-30
              midst runs
              midst show latest --need N001
            """)

    @Option(parsing: .unconditional, help: "How many candidates to keep per need (1 or more).")
    var top = 20
    @Option(help: "optimal (exact, the default) or greedy (highest score first, the baseline).")
    var solver: Batch.Solver = .optimal
    @Option(help: "A note recorded with the run.") var note: String?
    @Flag(help: "If another batch is running on this database, wait for it instead of failing.")
    var wait = false
    @Option(help: "Also write the run's report to this HTML file (see `midst report`).")
    var report: String?
    @Flag(help: "Replace a file at --report's path that is not a report Midst wrote.")
    var force = false
    @OptionGroup var reportPage: ReportOptions
    @OptionGroup var day: AsOfOptions
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be a whole number of 1 or more, e.g. --top 20.") }
        if report == nil, reportPage.pseudonymise || reportPage.candidates != ReportOptions.defaultCandidates {
            throw ValidationError("--pseudonymise and --candidates shape the report: add --report FILE.")
        }
    }

    func run() async throws {
        let config = try scoring.load()
        if let report { try self.database.refuseOverwriting(report, purpose: .report, force: force) }
        let database = try database.openExistingForWriting()
        let options = NightlyRun.Options(
            top: top, solver: solver, note: note, config: config, waits: wait,
            asOf: try day.date())
        let showsProgress = Terminal.stderrIsTerminal
        let outcome = try await NightlyRun(options: options).run(on: database) { event in
            Self.report(event, showsProgress: showsProgress)
        }
        print(
            Summary(
                record: outcome.record,
                proposedByBasis: try database.proposedPairCounts(run: outcome.record.id),
                teams: try database.teamLanguages(run: outcome.record.id)
            ).text)
        if let report {
            try reportPage.write(
                run: outcome.record, from: database, keySource: self.database.pseudonymKeySource,
                table: outcome.table, to: report)
        }
    }

    /// Shows what the run is doing on stderr: progress only on a terminal, warnings always.
    private static func report(_ event: NightlyRun.Event, showsProgress: Bool) {
        func progress(_ text: @autoclosure () -> String) {
            if showsProgress { Terminal.progress(text()) }
        }
        switch event {
        case .waitingForLock(let holder):
            Terminal.note("waiting for the batch already running (\(holder))…")
        case .loading: progress("run: loading staff and needs…")
        case .scoring(let done, let total, let people):
            progress(
                "run: scoring \(people) people for \(total) needs: \(done * 100 / max(total, 1))% (\(done) of \(total))"
            )
        case .solving: progress("run: proposing an assignment…")
        case .scored, .written: progress("")
        case .warning(let warning): Terminal.note("warning: " + text(of: warning))
        case .writing: progress("run: writing results (the proposal is solved meanwhile)…")
        }
    }

    /// A warning in words, after `warning: `.
    static func text(of warning: NightlyRun.Warning) -> String {
        switch warning {
        case .noOpenNeeds:
            "there are no open needs with slots to fill; the run records empty shortlists (import needs, or check their status)"
        case .nobodyMatchable:
            "nobody is matchable: no consenting, active staff (import staff, or check consent)"
        case .nobodyShortlisted(let needs, let people):
            "\(needs) needs were scored against \(people) matchable people and nobody was shortlisted for any: check the configuration (`midst config check`) and the needs' constraints (`midst gaps`)"
        case .setAside(let aside):
            "\(aside.kind == .pin ? "the pin" : "the ask") of \(aside.staffID) to \(aside.needID) is not in the proposal: \(aside.because)"
        case .expired(let needIDs):
            "\(needIDs.count) open \(needIDs.count == 1 ? "need has" : "needs have") passed \(needIDs.count == 1 ? "its" : "their") end date and \(needIDs.count == 1 ? "was" : "were") not matched (expired): \(listed(needIDs)); close them with `midst needs close ID`, or give them new dates"
        }
    }

    /// Up to ten ids, then how many more.
    private static func listed(_ ids: [String]) -> String {
        ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? " and \(ids.count - 10) more" : "")
    }
}

/// The one-screen summary of a run.
struct Summary {
    var record: RunRecord
    /// How many of the run's proposed pairs each basis gives, for how many are to ask and how
    /// many awaited.
    var proposedByBasis: [Batch.Proposal.Pair.Basis: Int]
    /// How the proposal covers each team language.
    var teams: [RunTeamLine] = []

    /// How many team languages the summary names one by one; `midst gaps --part teams` lists
    /// them all.
    static let teamLinesShown = 10

    /// The teams' lines: how many languages each way, the repairs' loss, then one line per team
    /// language not covered without a repair, those that cannot be covered first and then the
    /// costliest repairs, at most ``teamLinesShown`` of them.
    private var teamLines: String {
        guard !teams.isEmpty else { return "" }
        func format(_ value: Double) -> String { String(format: "%.2f", value) }
        let repaired = teams.filter { $0.status == .repaired }
        let uncovered = teams.count { $0.status == .uncovered }
        var text = "\n  team languages      \(teams.count): \(teams.count - repaired.count - uncovered) covered, \(repaired.count) repaired (loss \(format(repaired.reduce(0) { $0 + $1.loss }))), \(uncovered) cannot be covered"
        if let objective = record.proposalObjective {
            text += "\n  proposal objective  \(format(objective)) (optimal \(format(record.optimalObjective)) without team constraints)"
        }
        let named = teams.filter { $0.status != .covered }.sorted {
            ($0.status == .uncovered ? 0 : 1, -$0.loss, $0.team, $0.language)
                < ($1.status == .uncovered ? 0 : 1, -$1.loss, $1.team, $1.language)
        }
        for line in named.prefix(Self.teamLinesShown) {
            let what = "team \(line.team): \(line.language) at \(line.level)"
            text +=
                line.status == .repaired
                ? "\n  repaired            \(what) by \(line.staffID ?? "someone") on \(line.needID ?? "a need"), loss \(format(line.loss))"
                : "\n  cannot be covered   \(what) (`midst gaps` names the nearest fix)"
        }
        if named.count > Self.teamLinesShown {
            text += "\n  … and \(named.count - Self.teamLinesShown) more team languages repaired or not covered: `midst gaps --part teams` lists them all"
        }
        return text
    }

    /// "46 (41 to ask, 1 of them pinned; 5 asked and awaited)"; the count alone when all are
    /// to ask and none pinned.
    private var proposedBreakdown: String {
        let asked = proposedByBasis[.asked, default: 0]
        let pinned = proposedByBasis[.pinned, default: 0]
        guard asked + pinned > 0 else { return "\(record.assigned)" }
        var toAsk = "\(record.assigned - asked) to ask"
        if pinned > 0 { toAsk += ", \(pinned) of them pinned" }
        return "\(record.assigned) (\(toAsk)\(asked > 0 ? "; \(asked) asked and awaited" : ""))"
    }

    var text: String {
        let seconds =
            record.loadSeconds + record.scoreSeconds + record.solveSeconds + record.writeSeconds
        func format(_ value: Double) -> String { String(format: "%.2f", value) }
        var warnings = ""
        if record.needs == 0 { warnings += "\n  warning             no open needs: nothing was shortlisted" }
        if record.eligibleStaff == 0 {
            warnings += "\n  warning             nobody matchable: no consenting, active staff"
        }
        if record.needs > 0, record.eligibleStaff > 0, record.edges == 0 {
            warnings += "\n  warning             nobody shortlisted for any need"
        }
        return """
            Run \(record.id) \(record.status) at \(record.finishedAt ?? record.startedAt)\(record.note.map { " — \($0)" } ?? "")\(record.asOf.map { "\n  as of               \($0)" } ?? "")
              needs scored        \(record.needs)
              people matchable    \(record.eligibleStaff)
              pairs examined      \(record.pairsExamined)
              shortlist edges     \(record.edges) (top \(record.topK) per need)
              proposed pairs      \(proposedBreakdown), total score \(format(record.totalScore))
              objective           optimal \(format(record.optimalObjective)), greedy \(format(record.greedyObjective)) (\(record.solver) used)\(teamLines)
              time                \(format(seconds)) s (load \(format(record.loadSeconds)), score \(format(record.scoreSeconds)), solve \(format(record.solveSeconds)), write \(format(record.writeSeconds)))
              configuration       \(record.configHash)\(warnings)
            See `midst show \(record.id)` for the shortlists and the proposal.
            """
    }
}

extension Batch.Solver: ExpressibleByArgument {}
