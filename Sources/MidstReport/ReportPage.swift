import MidstCore
import MidstStore
import Plot

/// The report of one run as one self-contained HTML page: no network access, no script, no
/// external font or image; the fill and score charts are inline SVG with their figures in a
/// table, and each country's needs are collapsed (`<details>`) so that a page of 10,000 needs
/// stays usable.
package struct ReportPage: Sendable {
    package var report: RunReport

    /// Rows shown in the gaps and changes tables before the rest is left to the commands.
    static let gapRows = 50
    /// People shown to ask, and asks awaited shown, before the rest is left to
    /// `midst export --what contacts` (each shown person to ask has their reasons worked out).
    static let askRows = 1_000
    /// Needs left short shown with their nearest misses (each counts its professions' people).
    static let explainedGaps = 25
    static let changeRows = 1_000
    static let chartRows = 20

    package init(report: RunReport) { self.report = report }

    typealias Body = Node<HTML.BodyContext>

    /// One section of the page: its fragment id, its name in the contents, and its body. The
    /// list below makes both the navigation and the page, so they cannot drift apart.
    private struct Section: Sendable {
        var id: String
        var title: String
        var body: @Sendable (ReportPage) -> Body
    }

    /// The sections, in the order a coordinator reads them in the morning: whom to ask today,
    /// whose answer is awaited, which needs are short and why, what happened since the last
    /// run; then the figures, every need, and the engine's statistics last.
    private static let sections: [Section] = [
        Section(id: "ask", title: "Ask today") { $0.ask() },
        Section(id: "awaited", title: "Awaiting an answer") { $0.awaited() },
        Section(id: "gaps", title: "Needs short, and why") { $0.gaps() },
        Section(id: "activity", title: "Since the previous run") { $0.activity() },
        Section(id: "states", title: "Needs by country and specialty") { $0.states() },
        Section(id: "scores", title: "Scores") { $0.scores() },
        Section(id: "needs", title: "Every need") { $0.needs() },
        Section(id: "summary", title: "The run") { $0.summary() },
    ]

    /// The whole page.
    package func html() -> String { String(decoding: utf8(), as: UTF8.self) }

    /// The whole page, UTF-8.
    package func utf8() -> [UInt8] { Array(utf8Pieces().joined()) }

    /// The whole page, UTF-8, in the pieces it was made in, one after the other: what is
    /// written to a file (a large page is not copied into one array first).
    package func utf8Pieces() -> [ArraySlice<UInt8>] {
        let run = report.run
        let day = run.asOf.map { " for \($0)" } ?? ""
        let title = "Midst: the morning's work\(day) (run \(run.id))"
        let short = report.gaps.needs.count
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("generator"), .content(OutputPurpose.reportGenerator)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [Markup.text(title)]),
                .style(ReportStyle.css)),
            .body(
                .header(
                    .h1(Markup.text(title)),
                    .p(
                        .class("lead"),
                        Markup.text(
                            "\(report.toAsk.count) \(report.toAsk.count == 1 ? "person" : "people") to ask today, \(report.awaited.count) \(report.awaited.count == 1 ? "ask" : "asks") awaiting an answer, \(short) \(short == 1 ? "need" : "needs") short of people\(report.gaps.expired.isEmpty ? "" : ", \(report.gaps.expired.count) expired")."
                        )),
                    .p(
                        .class("note"),
                        Markup.text(
                            "Run \(run.id) \(run.status) \(run.finishedAt ?? run.startedAt); written \(report.options.generatedAt.iso) by `midst report`. Midst proposes; coordinators decide. "
                                + (report.options.pseudonymiser == nil
                                    ? "This copy names staff and their e-mail addresses: it is personal data; share it only with those who need it."
                                    : "Staff ids are keyed pseudonyms and no names or e-mail addresses are shown; the reasons still mention country ties and languages, so this copy is pseudonymised, not anonymous."
                                ))),
                    .nav(
                        .attribute(named: "aria-label", value: "Contents"),
                        .ul(.forEach(Self.sections) { section in .li(.a(.href("#\(section.id)"), Markup.text(section.title))) }))),
                .main(.forEach(Self.sections) { section in section.body(self) }),
                .footer(
                    .p(.class("note"), Markup.text("Midst run \(run.id), configuration \(run.configHash).")))))
        // The rows of every need are written apart and put in last, so that Plot never holds
        // (and copies, element by element) most of the page.
        let rows = everyNeed()
        let frame = Array(page.render().utf8)
        guard let start = frame.firstIndex(of: 0),
            frame[start...].starts(with: Self.everyNeedMark.utf8)
        else { preconditionFailure("the page holds the mark of every need's rows") }
        return [frame[..<start]] + rows.map { $0[...] } + [frame[(start + Self.everyNeedMark.utf8.count)...]]
    }

    // MARK: Sections

    /// A person as the page names them: "Amina Okello (S0288)", or the pseudonym alone.
    private static func person(_ id: String, name: String?) -> String {
        name.map { "\($0) (\(id))" } ?? id
    }

    private func mail(_ email: String?) -> ReportTable.Cell {
        guard let email else {
            return .text(report.options.pseudonymiser == nil ? "no e-mail on record" : "")
        }
        return .link(href: "mailto:\(email)", text: email)
    }

    /// The need of an ask in words, linked to its rows under "Every need".
    private static func need(of ask: RunReport.Ask) -> ReportTable.Cell {
        .link(href: "#need-\(anchor(ask.needID))", text: "\(ask.needTitle) (\(ask.needID))")
    }

    /// The first ``askRows`` of `asks`, and a sentence saying so when there are more.
    private static func shown(_ asks: [RunReport.Ask]) -> (asks: [RunReport.Ask], more: String) {
        let shown = Array(asks.prefix(askRows))
        return (shown, asks.count > shown.count ? " The first \(shown.count) of \(asks.count) are shown." : "")
    }

    private func ask() -> Body {
        let (asks, more) = Self.shown(report.toAsk)
        return .section(
            .id("ask"),
            .h2("Ask today"),
            .p(Markup.text(asks.isEmpty
                ? "Nobody new to ask today: every proposed person has been asked, or nobody is proposed."
                : "\(report.toAsk.count) \(report.toAsk.count == 1 ? "person" : "people") the run proposes who have not been asked yet, most urgent need first.\(more) Record each answer with `midst outcome NEED STAFF asked|accepted|declined`; `midst export --what contacts` gives the whole list for a mail merge.")),
            .if(!asks.isEmpty,
                ReportTable(
                    caption: "People to ask today", columns: ["Need", "Person", "E-mail", "Score#", "Why"],
                    rows: asks.map { ask in
                        [
                            Self.need(of: ask),
                            .text(Self.person(ask.person, name: ask.name) + (ask.isPinned ? " (pinned)" : "")),
                            mail(ask.email), .number(Markup.number(ask.score)),
                            .text(ask.reasons.prefix(3).joined(separator: "; ")),
                        ]
                    }
                ).node()))
    }

    private func awaited() -> Body {
        let (asks, more) = Self.shown(report.awaited)
        return .section(
            .id("awaited"),
            .h2("Awaiting an answer"),
            .p(Markup.text(asks.isEmpty
                ? "No ask is awaiting an answer."
                : "\(report.awaited.count) \(report.awaited.count == 1 ? "person was" : "people were") asked and \(report.awaited.count == 1 ? "has" : "have") not answered yet, longest waiting first.\(more) The run keeps them in the proposal until they answer or the ask runs out.")),
            .if(!asks.isEmpty,
                ReportTable(
                    caption: "Asks awaiting an answer", columns: ["Need", "Person", "E-mail", "Asked on", "Days waiting#"],
                    rows: asks.map { ask in
                        [
                            Self.need(of: ask),
                            .text(Self.person(ask.person, name: ask.name)), mail(ask.email),
                            .text(ask.askedOn?.description ?? ""), .number(ask.daysWaiting.map { "\($0)" } ?? ""),
                        ]
                    }
                ).node()))
    }

    private func activity() -> Body {
        let activity = report.activity
        return .section(
            .id("activity"),
            .h2(Markup.text(report.previousRunID.map { "Since run \($0)" } ?? "Since the previous run")),
            .p(Markup.text(report.previousRunID == nil
                ? "This is the first completed run: there is nothing to compare it with."
                : "\(activity.count) decision\(activity.count == 1 ? "" : "s") and outcome\(activity.count == 1 ? "" : "s") recorded since run \(report.previousRunID!), newest first.")),
            .if(!activity.isEmpty,
                ReportTable(
                    caption: "Decisions and outcomes since the previous run", columns: ["Date", "Need", "Person", "What", "Reason"],
                    rows: activity.map { [.text($0.date), .text($0.needID), .text($0.person), .text($0.what), .text($0.reason ?? "")] }
                ).node()),
            changes())
    }

    private func summary() -> Body {
        let run = report.run
        let gain =
            run.greedyObjective > 0
            ? " (\(Markup.number(100 * (run.optimalObjective - run.greedyObjective) / run.greedyObjective, decimals: 2))% above greedy)"
            : ""
        let seconds = run.loadSeconds + run.scoreSeconds + run.solveSeconds + run.writeSeconds
        let rows: [(String, String)] = [
            ("Run", "\(run.id), \(run.status)" + (run.note.map { ": \($0)" } ?? "")),
            ("As of", run.asOf?.description ?? "—"),
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
            .h2("The run"),
            .p(.class("note"), Markup.text("What the engine did, for those who tune it.")),
            .table(
                .caption(Markup.text("The run")),
                .tbody(
                    .forEach(rows) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), Markup.text(row.0)), .td(Markup.text(row.1)))
                    })))
    }

    private func states() -> Body {
        func rows(_ key: (RunReport.NeedSection) -> String) -> [Charts.StateRow] {
            var byKey: [String: Charts.StateRow] = [:]
            for section in report.needs {
                var row = byKey[key(section)] ?? Charts.StateRow(label: key(section), asked: 0, proposed: 0, open: 0)
                switch section.state {
                case .asked: row.asked += 1
                case .proposed: row.proposed += 1
                default: row.open += 1
                }
                byKey[key(section)] = row
            }
            return byKey.values.sorted { ($1.total, $0.label) < ($0.total, $1.label) }
        }
        func part(_ heading: String, _ id: String, _ rows: [Charts.StateRow]) -> Body {
            let shown = Array(rows.prefix(Self.chartRows))
            return .group(
                .h3(.id(id), Markup.text("By \(heading)")),
                .element(named: "figure", nodes: [
                    Charts.states(shown, label: "Needs asked, proposed and open by \(heading)\(rows.count > shown.count ? ", the \(shown.count) with most needs" : "")"),
                    .element(named: "figcaption", nodes: [
                        .class("note"),
                        Markup.text("Needs with somebody asked (green), with somebody proposed to ask (blue), and open with nobody proposed (vermilion), by \(heading)\(rows.count > shown.count ? ": the \(shown.count) with most needs of \(rows.count); the table has them all" : "").")]),
                ]),
                ReportTable(
                    caption: "Needs by \(heading)", columns: [heading.capitalized, "needs#", "asked#", "proposed#", "open#"],
                    rows: rows.map { [.text($0.label), .number("\($0.total)"), .number("\($0.asked)"), .number("\($0.proposed)"), .number("\($0.open)")] }
                ).node())
        }
        return .section(
            .id("states"),
            .h2("Needs by country and specialty"),
            .p(Markup.text("Every need the run matched, in the words every command uses: asked (somebody asked, answer awaited), proposed (somebody proposed to ask) and open (nobody proposed). \(report.count(.asked)) asked, \(report.count(.proposed)) proposed, \(report.count(.open)) open.")),
            part("country", "states-country", rows(\.countryName)),
            part("specialty", "states-specialty", rows(\.specialtyName)))
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
            .h2("Needs short, and why"),
            .p(Markup.text("\(gaps.needs.count) need\(gaps.needs.count == 1 ? "" : "s") with fewer people proposed than open slots, most urgent first. For each, among the matchable people of its profession: how many pass every hard constraint (min_score included), and the single change that would open the most candidates (the constraint most of them fail and nothing else), counted now with the run's configuration.\(gaps.needs.count > short.count ? " The first \(short.count) are shown; `midst gaps` lists them all." : "")")),
            ReportTable(
                caption: "Needs left short", columns: ["Need", "Status", "Priority#", "Open slots#", "Proposed#", "Eligible#", "Why"],
                rows: short.map { gap in
                    let why = gap.misses?.why ?? ""
                    return [
                        .link(href: "#need-\(Self.anchor(gap.need.id.rawValue))", text: "\(gap.need.title(in: BundledReference.data)) (\(gap.need.id.rawValue))"),
                        .text(gap.state.rawValue), .number("\(gap.need.priority)"), .number("\(gap.openSlots)"),
                        .number("\(gap.proposed)"), .number(gap.misses.map { "\($0.eligible)" } ?? ""), .text(why),
                    ]
                }
            ).node(),
            .if(!gaps.teams.isEmpty,
                .group(
                    .h3("Teams"),
                    .p(Markup.text("Needs sent together as a team: how many of its roles the run proposes somebody for (or has placed), and each team language that no shortlisted person can cover, with the nearest fix (docs/SCORING.md, \"Teams\").")),
                    ReportTable(
                        caption: "Teams", columns: ["Team", "Needs", "Roles proposed", "Languages not covered"],
                        rows: gaps.teams.prefix(Self.gapRows).map { team in
                            [
                                .text(team.team.rawValue),
                                .text(team.needIDs.map(\.rawValue).joined(separator: ", ")),
                                .text("\(team.rolesProposed) of \(team.roles)"),
                                .text(team.uncovered.map { language in
                                    "\(language.language.language) at \(language.language.minimumLevel.code)"
                                        + (language.fix.map { ": nearest fix \($0.withoutWho)" } ?? "")
                                }.joined(separator: "; ")),
                            ]
                        }
                    ).node())),
            .if(!gaps.expired.isEmpty,
                .group(
                    .h3("Expired"),
                    .p(Markup.text("\(gaps.expired.count) need\(gaps.expired.count == 1 ? " has" : "s have") passed \(gaps.expired.count == 1 ? "its" : "their") end date with slots open and \(gaps.expired.count == 1 ? "is" : "are") no longer matched: close \(gaps.expired.count == 1 ? "it" : "them") (`midst needs close ID`) or give \(gaps.expired.count == 1 ? "it" : "them") new dates.")),
                    ReportTable(
                        caption: "Expired needs", columns: ["Need", "Ended"],
                        rows: gaps.expired.prefix(Self.gapRows).map { need in
                            [.text("\(need.title(in: BundledReference.data)) (\(need.id.rawValue))"), .text(need.dates.end?.description ?? "")]
                        }
                    ).node())),
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
        guard let previous = report.previousRunID else { return .empty }
        let counts = ["entered", "left", "moved", "proposed", "withdrawn"].map { report.changeCounts[$0] ?? 0 }
        let total = counts.reduce(0, +)
        let shown = report.changes
        func score(_ value: Double?) -> ReportTable.Cell { .number(value.map { Markup.number($0, decimals: 2) } ?? "") }
        return .group(
            .h3(.id("changes"), Markup.text("Shortlisting.Result and proposals since run \(previous)")),
            .p(Markup.text("\(report.needsChanged) need\(report.needsChanged == 1 ? "" : "s") changed (run \(previous) scored \(report.previousRunNeeds) needs, run \(report.run.id) scored \(report.run.needs)): \(counts[0]) people entered shortlists, \(counts[1]) left, \(counts[2]) scores moved, \(counts[3]) pairs newly proposed and \(counts[4]) no longer proposed.")),
            .details(
                .summary(Markup.text("Every change, with why each person left\(total > shown.count ? " (the first \(shown.count) of \(total))" : "")")),
                ReportTable(
                    caption: "Changes since run \(previous)", columns: ["Need", "Change", "Person", "Score before#", "Score after#", "Why"],
                    rows: shown.map { [.text($0.needID), .text($0.kind), .text($0.person), score($0.before), score($0.after), .text($0.why ?? "")] }
                ).node()))
    }

    /// Stands for the rows of "Every need" in the page Plot writes, until ``html()`` puts them
    /// in: a NUL never reaches the page otherwise (text shows controls as `\u{…}`).
    private static let everyNeedMark = "\u{0}every-need\u{0}"

    private func needs() -> Body {
        .section(
            .id("needs"),
            .h2("Every need"),
            .p(Markup.text("By country, a team's needs together under the team, with its roles proposed and how its languages are covered; open a country to see each need's shortlist: its best \(report.options.candidatesPerNeed) and everyone proposed, each score as a bar of what its components gave, and the reasons in words. Reasons are those of the records as they are now; anyone no longer matchable is shown as \(RunReport.unmatchablePlaceholder).")),
            Charts.componentKey(),
            .raw(Self.everyNeedMark))
    }

    /// Every need's rows, a country's table each, in order: most of a large page. Written by
    /// ``MarkupWriter``, each country on its own core, rather than as Plot nodes (the same
    /// markup, in a fraction of the time: notes for issue 23, "The report's rendering").
    private func everyNeed() -> [[UInt8]] {
        var countries: [(name: String, sections: ArraySlice<RunReport.NeedSection>)] = []
        var start = 0
        for index in report.needs.indices
        where index + 1 == report.needs.count || report.needs[index + 1].countryName != report.needs[index].countryName {
            countries.append((report.needs[index].countryName, report.needs[start...index]))
            start = index + 1
        }
        let teams = Dictionary(report.gaps.teams.map { ($0.team, $0) }, uniquingKeysWith: { first, _ in first })
        return countries.concurrentMap { country in
            let proposed = country.sections.count { $0.state != .open }
            var writer = MarkupWriter(capacity: 512 + 3_000 * country.sections.count)
            writer.open("details", class: "country")
            writer.element("summary", text: "\(country.name): \(country.sections.count) need\(country.sections.count == 1 ? "" : "s"), \(proposed) with somebody proposed or asked")
            writer.open("table", class: "needs")
            writer.element("caption", text: "Needs in \(country.name), each with its shortlist")
            writer.open("thead")
            writer.open("tr")
            for column in ["Rank", "Person", "Score", "Components", "Why"] {
                writer.startTag("th")
                writer.attribute("scope", "col")
                writer.endTag()
                writer.text(column)
                writer.close("th")
            }
            writer.close("tr")
            writer.close("thead")
            var team: RecordID?
            for section in country.sections {
                if let member = section.need.team, member != team {
                    write(team: member, gap: teams[member], to: &writer)
                }
                team = section.need.team
                write(section, to: &writer)
            }
            writer.close("table")
            writer.close("details")
            return writer.bytes
        }
    }

    /// A team's heading, before its needs in a country's table: its roles proposed and how the
    /// run left each team language (`gap`: nil when none of its needs is open now).
    private func write(team: RecordID, gap: TeamGap?, to writer: inout MarkupWriter) {
        var words = "Team \(team.rawValue)"
        if let gap {
            words += ": \(gap.rolesProposed) of \(gap.roles) role\(gap.roles == 1 ? "" : "s") proposed"
            let person = { (id: RecordID) in report.options.pseudonymiser?.pseudonym(for: id.rawValue) ?? id.rawValue }
            for language in gap.languages {
                let wanted = "\(BundledReference.data.info(for: language.language.language)?.name ?? language.language.language.rawValue) (\(language.language.language.rawValue)) at \(language.language.minimumLevel.code)"
                let by = language.staffID.map { " by \(person($0))" } ?? ""
                let on = language.needID.map { " on \($0.rawValue)" } ?? ""
                switch language.status {
                case .covered: words += "; \(wanted) covered\(by)\(on)"
                case .repaired:
                    words += "; \(wanted) covered\(by)\(on) at a loss of \(Markup.number(language.loss, decimals: 2)) points"
                case .uncovered:
                    words += "; \(wanted) not covered" + (language.fix.map { ", nearest fix \(person($0.staffID)) \($0.withoutWho)" } ?? "")
                }
            }
        }
        writer.startTag("tbody")
        writer.attribute("id", "team-\(Self.anchor(team.rawValue))")
        writer.endTag()
        writer.open("tr", class: "team")
        writer.startTag("th")
        writer.attribute("scope", "rowgroup")
        writer.attribute("colspan", "5")
        writer.endTag()
        writer.text(words + ".")
        writer.close("th")
        writer.close("tr")
        writer.close("tbody")
    }

    /// One need as a group of rows of its country's table: a heading row, then its candidates.
    /// (A table per country, not per need, keeps a page of 10,000 needs small and quick to write:
    /// BENCHMARKS.md, "The coordinator's morning".)
    private func write(_ section: RunReport.NeedSection, to writer: inout MarkupWriter) {
        let need = section.need
        let reference = BundledReference.data
        func language(_ code: LanguageCode) -> String { reference.info(for: code)?.name ?? code.rawValue }
        let languages =
            need.requiredLanguages.map { "\(language($0.language)) \($0.minimumLevel.code) (required)" }
            + need.preferredLanguages.map {
                "\(language($0.language)) (preferred\($0.country.map { " in \($0.rawValue)" } ?? ""))"
            }
        var facts = [
            "partnership \(need.partnership)",
            "priority \(need.priority)",
            "\(need.slots) slot\(need.slots == 1 ? "" : "s")\(section.placed > 0 ? ", \(section.placed) placed" : "")",
            "\(need.dates.start?.description ?? "…") to \(need.dates.end?.description ?? "…")",
            need.mode.rawValue,
        ]
        if !languages.isEmpty { facts.append(languages.joined(separator: ", ")) }
        let skills = need.specialties.filter { reference.specialty($0.rawValue)?.isSkill == true }
        if !skills.isEmpty {
            let names = skills.map { reference.specialty($0.rawValue)?.name ?? $0.rawValue }
            facts.append(
                "skills \(names.joined(separator: ", "))"
                    + (need.skillsRequired == .all
                        ? " (skills_required all: every skill required as well as the specialty)"
                        : " (skills_required any)"))
        }
        if !need.partners.isEmpty { facts.append("UK partner \(need.partners.joined(separator: "; "))") }
        if let team = need.team {
            let languages = Need.LanguageRequirement.importSyntax(need.teamLanguages)
            facts.append("team \(team.rawValue)\(languages.isEmpty ? "" : " (team languages \(languages))")")
        }
        writer.startTag("tbody")
        writer.attribute("id", "need-\(Self.anchor(need.id.rawValue))")
        writer.endTag()
        writer.open("tr", class: "need")
        writer.startTag("th")
        writer.attribute("scope", "rowgroup")
        writer.attribute("colspan", "5")
        writer.endTag()
        writer.element("span", class: "id", text: need.id.rawValue)
        writer.text(" \(section.title): \(section.proposed) of \(section.openSlots) open slot\(section.openSlots == 1 ? "" : "s") proposed, \(section.shortlisted) shortlisted (\(section.state.rawValue)). ")
        writer.element(
            "span", class: "note",
            text: facts.joined(separator: " · ") + (section.candidates.isEmpty ? ". Nobody on the shortlist: see Gaps for why." : ""))
        writer.close("th")
        writer.close("tr")
        for candidate in section.candidates {
            writer.open("tr")
            writer.element("td", class: "n", text: "\(candidate.rank)")
            writer.open("td")
            writer.text(candidate.person)
            if let name = candidate.name { writer.text(" (\(name))") }
            if candidate.proposed { writer.raw("<strong> proposed</strong>") }
            writer.close("td")
            writer.open("td", class: "n")
            writer.number(candidate.score)
            writer.close("td")
            writer.open("td")
            Charts.writeContributions(candidate.contributions, score: candidate.score, to: &writer)
            writer.close("td")
            writer.open("td")
            for (index, reason) in candidate.reasons.enumerated() {
                if index > 0 { writer.raw("; ") }
                writer.text(reason)
            }
            writer.close("td")
            writer.close("tr")
        }
        writer.close("tbody")
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
