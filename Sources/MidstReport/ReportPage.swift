import MidstCore
import MidstStore
import Plot

/// The report of one run as one self-contained HTML page: no network access, no script, no
/// external font or image; the fill and score charts are inline SVG with their figures in a
/// table, and each country's needs are collapsed (`<details>`) so that a page of 10,000 needs
/// stays usable.
public struct ReportPage: Sendable {
    public var report: RunReport

    /// Rows shown in the gaps and changes tables before the rest is left to the commands.
    static let gapRows = 50
    /// Needs left short shown with their nearest misses (each counts its professions' people).
    static let explainedGaps = 25
    static let changeRows = 1_000
    static let chartRows = 20

    public init(report: RunReport) { self.report = report }

    typealias Body = Node<HTML.BodyContext>

    /// The whole page.
    public func html() -> String {
        let run = report.run
        let title = "Midst: run \(run.id) of the nightly match batch"
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [Markup.text(title)]),
                .style(ReportStyle.css)),
            .body(
                .header(
                    .h1(Markup.text(title)),
                    .p(
                        .class("lead"),
                        Markup.text(
                            "Run \(run.status) \(run.finishedAt ?? run.startedAt). \(report.count(.filled)) of \(report.needs.count) needs filled, \(report.count(.partly)) partly, \(report.count(.unfilled)) unfilled."
                        )),
                    .p(
                        .class("note"),
                        Markup.text(
                            "Written \(report.options.generatedAt.iso) by `midst report`. Midst proposes; coordinators decide. "
                                + (report.options.pseudonymiser == nil
                                    ? "This copy names staff: it is personal data; share it only with those who need it."
                                    : "Staff ids are keyed pseudonyms and no names are shown; the reasons still mention country ties and languages, so this copy is pseudonymised, not anonymous."
                                ))),
                    .nav(
                        .attribute(named: "aria-label", value: "Contents"),
                        .ul(
                            .li(.a(.href("#summary"), .text("Summary"))),
                            .li(.a(.href("#fill"), .text("Needs filled"))),
                            .li(.a(.href("#scores"), .text("Scores"))),
                            .li(.a(.href("#gaps"), .text("Gaps"))),
                            .li(.a(.href("#changes"), .text("Since the previous run"))),
                            .li(.a(.href("#needs"), .text("Every need")))))),
                .main(
                    summary(), fill(), scores(), gaps(), changes(), needs()),
                .footer(
                    .p(.class("note"), Markup.text("Midst run \(run.id), configuration \(run.configHash).")))))
        return page.render()
    }

    // MARK: Sections

    private func summary() -> Body {
        let run = report.run
        let gain =
            run.greedyObjective > 0
            ? " (\(Markup.number(100 * (run.optimalObjective - run.greedyObjective) / run.greedyObjective, decimals: 2))% above greedy)"
            : ""
        let seconds = run.loadSeconds + run.scoreSeconds + run.solveSeconds + run.writeSeconds
        let rows: [(String, String)] = [
            ("Run", "\(run.id), \(run.status)" + (run.note.map { ": \($0)" } ?? "")),
            ("Started", run.startedAt),
            ("Finished", run.finishedAt ?? "—"),
            ("Configuration", "\(run.configHash), \(run.solver) solver, top \(run.topK) per need"),
            ("Needs scored", "\(run.needs)"),
            ("People matchable", "\(run.eligibleStaff)"),
            ("Pairs examined", "\(run.pairsExamined)"),
            ("Shortlist edges", "\(run.edges)"),
            ("Proposed pairs", "\(run.assigned), total score \(Markup.number(run.totalScore, decimals: 2))"),
            ("Objective", "optimal \(Markup.number(run.optimalObjective, decimals: 2)), greedy \(Markup.number(run.greedyObjective, decimals: 2))\(gain)"),
            ("Time", "\(Markup.number(seconds, decimals: 2)) s: load \(Markup.number(run.loadSeconds, decimals: 2)), score \(Markup.number(run.scoreSeconds, decimals: 2)), solve \(Markup.number(run.solveSeconds, decimals: 2)), write \(Markup.number(run.writeSeconds, decimals: 2))"),
        ]
        return .section(
            .id("summary"),
            .h2("Summary"),
            .table(
                .caption(Markup.text("The run")),
                .tbody(
                    .forEach(rows) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), Markup.text(row.0)), .td(Markup.text(row.1)))
                    })))
    }

    private func fill() -> Body {
        func rows(_ key: (RunReport.NeedSection) -> String) -> [Charts.FillRow] {
            var byKey: [String: Charts.FillRow] = [:]
            for section in report.needs {
                var row = byKey[key(section)] ?? Charts.FillRow(label: key(section), filled: 0, partly: 0, unfilled: 0)
                switch section.fill {
                case .filled: row.filled += 1
                case .partly: row.partly += 1
                case .unfilled: row.unfilled += 1
                }
                byKey[key(section)] = row
            }
            return byKey.values.sorted { ($1.total, $0.label) < ($0.total, $1.label) }
        }
        func part(_ heading: String, _ id: String, _ rows: [Charts.FillRow]) -> Body {
            let shown = Array(rows.prefix(Self.chartRows))
            return .group(
                .h3(.id(id), Markup.text("By \(heading)")),
                .element(named: "figure", nodes: [
                    Charts.fill(shown, label: "Needs filled, partly filled and unfilled by \(heading)\(rows.count > shown.count ? ", the \(shown.count) with most needs" : "")"),
                    .element(named: "figcaption", nodes: [
                        .class("note"),
                        Markup.text("Filled (green), partly filled (orange) and unfilled (vermilion) needs by \(heading)\(rows.count > shown.count ? ": the \(shown.count) with most needs of \(rows.count); the table has them all" : "").")]),
                ]),
                ReportTable(
                    caption: "Needs by \(heading)", columns: [heading.capitalized, "needs#", "filled#", "partly filled#", "unfilled#"],
                    rows: rows.map { [.text($0.label), .number("\($0.total)"), .number("\($0.filled)"), .number("\($0.partly)"), .number("\($0.unfilled)")] }
                ).node())
        }
        return .section(
            .id("fill"),
            .h2("Needs filled"),
            .p(Markup.text("A need is filled when the proposal gives it as many people as it has slots, partly filled when it gives it fewer, and unfilled when it gives it nobody. \(report.count(.filled)) filled, \(report.count(.partly)) partly filled, \(report.count(.unfilled)) unfilled.")),
            part("country", "fill-country", rows(\.countryName)),
            part("specialty", "fill-specialty", rows(\.specialtyName)))
    }

    private func scores() -> Body {
        let bins = ScoreBins(shortlisted: report.shortlistScores, proposed: report.proposedScores).bins
        return .section(
            .id("scores"),
            .h2("Score distribution"),
            .p(Markup.text("Scores run from 0 to 100. Light bars: every shortlisted score (\(report.shortlistScores.count)); dark bars: the proposed ones (\(report.proposedScores.count)).")),
            .element(named: "figure", nodes: [
                Charts.histogram(bins, label: "Shortlisted and proposed scores in bins of 5 points"),
            ]),
            .details(
                .summary("The figures"),
                ReportTable(
                    caption: "Scores by bin", columns: ["score", "shortlisted#", "proposed#"],
                    rows: bins.map { [.text("\(Markup.number($0.lower, decimals: 0))–\(Markup.number($0.upper, decimals: 0))"), .number("\($0.shortlisted)"), .number("\($0.proposed)")] }
                ).node()))
    }

    private func gaps() -> Body {
        let gaps = report.gaps
        let short = Array(gaps.needs.prefix(Self.explainedGaps))
        let shortfall = gaps.supply.groups.filter { $0.shortfall > 0 }
        return .section(
            .id("gaps"),
            .h2("Gaps"),
            .p(Markup.text("\(gaps.needs.count) open need\(gaps.needs.count == 1 ? "" : "s") with a slot left, most urgent first. For each, among the matchable people of its profession: how many pass every hard constraint, and the single change that would open the most candidates (the constraint most of them fail and nothing else), counted now with the run's configuration.\(gaps.needs.count > short.count ? " The first \(short.count) are shown; `midst gaps` lists them all." : "")")),
            ReportTable(
                caption: "Needs left short", columns: ["Need", "Status", "Priority#", "Open slots#", "Proposed#", "Eligible#", "Why"],
                rows: short.map { gap in
                    let why = gap.misses?.why ?? ""
                    return [
                        .content(.a(.href("#need-\(Self.anchor(gap.need.id.rawValue))"), Markup.text(gap.need.id.rawValue))),
                        .text(gap.state.rawValue), .number("\(gap.need.priority)"), .number("\(gap.openSlots)"),
                        .number("\(gap.proposed)"), .number(gap.misses.map { "\($0.eligible)" } ?? ""), .text(why),
                    ]
                }
            ).node(),
            .h3("Supply against demand"),
            .p(Markup.text("Open needs grouped by country, specialty and first required language, against the matchable people with free capacity who hold the specialty, have a tie to the country and speak the language: where slots outnumber them, whom recruiters should look for. \(shortfall.count) of \(gaps.supply.groups.count) groups fall short\(shortfall.count > Self.gapRows ? "; the first \(Self.gapRows) are shown" : "").")),
            ReportTable(
                caption: "Groups where slots outnumber suitable people",
                columns: ["Country", "Specialty", "Language", "Needs#", "Slots#", "People#", "Short by#"],
                rows: shortfall.prefix(Self.gapRows).map { group in
                    [
                        .text(BundledReference.data.info(for: group.country)?.name ?? group.country.rawValue),
                        .text(BundledReference.data.specialty(group.specialty.rawValue)?.name ?? group.specialty.rawValue),
                        .text(group.language.map { "\(BundledReference.data.info(for: $0)?.name ?? $0.rawValue) (\(group.minimumLevel?.code ?? ""))" } ?? "none required"),
                        .number("\(group.needs)"), .number("\(group.slots)"), .number("\(group.people)"), .number("\(group.shortfall)"),
                    ]
                }
            ).node())
    }

    private func changes() -> Body {
        guard let previous = report.previousRunID else {
            return .section(.id("changes"), .h2("Since the previous run"), .p("This is the first completed run: there is nothing to compare it with."))
        }
        let counts = ["entered", "left", "moved", "proposed", "withdrawn"].map { report.changeCounts[$0] ?? 0 }
        let total = counts.reduce(0, +)
        let shown = report.changes
        func score(_ value: Double?) -> ReportTable.Cell { .number(value.map { Markup.number($0, decimals: 2) } ?? "") }
        return .section(
            .id("changes"),
            .h2(Markup.text("Since run \(previous)")),
            .p(Markup.text("\(report.needsChanged) need\(report.needsChanged == 1 ? "" : "s") changed (run \(previous) scored \(report.previousRunNeeds) needs, run \(report.run.id) scored \(report.run.needs)): \(counts[0]) people entered shortlists, \(counts[1]) left, \(counts[2]) scores moved, \(counts[3]) pairs newly proposed and \(counts[4]) no longer proposed. `midst diff \(previous) \(report.run.id)` says why each person left.")),
            .details(
                .summary(Markup.text("Every change\(total > shown.count ? " (the first \(shown.count) of \(total))" : "")")),
                ReportTable(
                    caption: "Changes since run \(previous)", columns: ["Need", "Change", "Person", "Score before#", "Score after#"],
                    rows: shown.map { [.text($0.needID), .text($0.kind), .text($0.person), score($0.before), score($0.after)] }
                ).node()))
    }

    private func needs() -> Body {
        var countries: [(name: String, sections: ArraySlice<RunReport.NeedSection>)] = []
        var start = 0
        for index in report.needs.indices
        where index + 1 == report.needs.count || report.needs[index + 1].countryName != report.needs[index].countryName {
            countries.append((report.needs[index].countryName, report.needs[start...index]))
            start = index + 1
        }
        // Each country's needs are written on their own core, then joined in order: most of a
        // large page is here (BENCHMARKS.md, "The coordinator's morning").
        let pieces = countries.concurrentMap { country in
            let filled = country.sections.filter { $0.fill == .filled }.count
            let node: Body = .details(
                .class("country"),
                .summary(Markup.text("\(country.name): \(country.sections.count) need\(country.sections.count == 1 ? "" : "s"), \(filled) filled")),
                .table(
                    .class("needs"),
                    .caption(Markup.text("Needs in \(country.name), each with its shortlist")),
                    .thead(
                        .tr(
                            .forEach(["Rank", "Person", "Score", "Components", "Why"]) { column in
                                .th(.attribute(named: "scope", value: "col"), Markup.text(column))
                            })),
                    .forEach(country.sections) { need($0) }))
            return node.render(indentedBy: nil)
        }
        return .section(
            .id("needs"),
            .h2("Every need"),
            .p(Markup.text("By country; open one to see each need's shortlist: its best \(report.options.candidatesPerNeed) and everyone proposed, each score as a bar of what its components gave, and the reasons in words. Reasons are those of the records as they are now; anyone no longer matchable is shown as \(RunReport.unmatchablePlaceholder).")),
            Charts.componentKey(),
            .raw(pieces.joined()))
    }

    /// One need as a group of rows of its country's table: a heading row, then its candidates.
    /// (A table per country, not per need, keeps a page of 10,000 needs small and quick to write:
    /// BENCHMARKS.md, "The coordinator's morning".)
    private func need(_ section: RunReport.NeedSection) -> Node<HTML.TableContext> {
        let need = section.need
        let languages =
            need.requiredLanguages.map { "\($0.language) \($0.minimumLevel.code) (required)" }
            + need.preferredLanguages.map { "\($0.language) \($0.minimumLevel.code) (preferred)" }
        let facts = [
            "partnership \(need.partnership)",
            "priority \(need.priority)",
            "\(need.slots) slot\(need.slots == 1 ? "" : "s")",
            "\(need.dates.start?.description ?? "…") to \(need.dates.end?.description ?? "…")",
            need.mode.rawValue,
        ] + (languages.isEmpty ? [] : [languages.joined(separator: ", ")])
        return .tbody(
            .id("need-\(Self.anchor(need.id.rawValue))"),
            .tr(
                .class("need"),
                .th(
                    .attribute(named: "scope", value: "rowgroup"), .attribute(named: "colspan", value: "5"),
                    .span(.class("id"), Markup.text(need.id.rawValue)),
                    Markup.text(" \(section.title): \(section.proposed) of \(need.slots) proposed, \(section.shortlisted) shortlisted (\(section.fill.rawValue)). "),
                    .span(
                        .class("note"),
                        Markup.text(facts.joined(separator: " · ") + (section.candidates.isEmpty ? ". Nobody on the shortlist: see Gaps for why." : ""))))),
            .forEach(section.candidates) { candidate in
                .tr(
                    .td(.class("n"), Markup.text("\(candidate.rank)")),
                    .td(
                        Markup.text(candidate.person + (candidate.name.map { " (\($0))" } ?? "")),
                        .if(candidate.proposed, .strong(" proposed"))),
                    .td(.class("n"), Markup.text(Markup.number(candidate.score))),
                    .td(Charts.contributions(candidate.contributions, score: candidate.score)),
                    .td(Markup.text(candidate.reasons.joined(separator: "; "))))
            })
    }

    /// A need id as a fragment identifier: letters, digits, `-` and `_` kept, anything else
    /// as its code.
    static func anchor(_ id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            if scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += ".\(String(scalar.value, radix: 16))."
            }
        }
        return result
    }
}
