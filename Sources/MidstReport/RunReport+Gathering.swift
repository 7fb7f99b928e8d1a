import Foundation
import MidstCore
import MidstStore

extension RunReport {
    /// What the report shows in place of someone on a past shortlist who has since withdrawn
    /// consent, left or been erased: nobody is shown who is not matchable now.
    package static let unmatchablePlaceholder = "(no longer matchable)"

    /// Stands for a person erased since, until the placeholder replaces it.
    private static let erasedMarker = "\u{0}erased"

    /// Gathers the report of run `record` from `database`.
    ///
    /// Reasons and names are those of the people as they are now (`table`: the run's own
    /// table when the report is written by the run, else the current one), scored with the
    /// run's configuration; people no longer matchable are shown as a placeholder.
    package static func gather(
        run record: RunRecord, from database: MidstDatabase, table given: StaffTable? = nil,
        options: Options
    ) throws -> RunReport {
        let reference = BundledReference.data
        let config =
            try database.scoringConfiguration(ofRun: record.id)
        let scorer = Scorer(reference: reference, config: config)
        let table = try given ?? database.staffTable(reference: reference)
        // The run's lines by key: only the people shown are looked up by id (joining every line
        // to its person reads a page of a large staff table per line).
        let needIDs = try database.needIDsByKey()
        func needID(_ key: Int64) -> String { needIDs[key] ?? "" }
        let keyedLines = try database.keyedShortlist(run: record.id)
        let keyedPairs = try database.keyedAssignments(run: record.id)
        let proposedKeys = Set(keyedPairs.map { KeyPair(need: $0.needKey, staff: $0.staffKey) })
        let shownLines = keyedLines.filter {
            $0.rank <= options.candidatesPerNeed
                || proposedKeys.contains(KeyPair(need: $0.needKey, staff: $0.staffKey))
        }
        // Their ids, and the names of those who consent, read by key in one pass.
        let (staffIDs, consentingNames) = try database.staffIDsAndNames(
            keys: Set(shownLines.map(\.staffKey) + keyedPairs.map(\.staffKey)).sorted())
        func staffID(_ key: Int64) -> String { staffIDs[key] ?? erasedMarker }
        let linesByNeed = shownLines.reduce(into: [String: [ShortlistLine]]()) { lines, line in
            lines[needID(line.needKey), default: []].append(
                ShortlistLine(
                    needID: needID(line.needKey), rank: line.rank, staffID: staffID(line.staffKey),
                    score: line.score, components: line.components))
        }
        // Counted by key, then named: one need id per need rather than per line.
        let shortlisted = Dictionary(
            keyedLines.reduce(into: [Int64: Int]()) { counts, line in
                counts[line.needKey, default: 0] += 1
            }.map { (needID($0.key), $0.value) }, uniquingKeysWith: +)
        let proposedByNeed = keyedPairs.reduce(into: [String: Set<String>]()) { proposed, pair in
            proposed[needID(pair.needKey), default: []].insert(staffID(pair.staffKey))
        }
        // Every need, the outcomes and the decisions are read once: the sections, the changes
        // and why people left, the gaps, the asks and the activity share them.
        let allNeeds = try database.needs()
        let outcomes = try database.outcomes()
        let decisions = try database.decisions()
        let followUp = FollowUp(outcomes: outcomes, asOf: record.asOf, rules: config.followUp)
        // The run's needs: those it shortlisted or proposed for, and those open now that were
        // there, unchanged, when it started and that it matched (a need with nobody on its
        // shortlist leaves no line; filled and expired needs are not matched).
        let needs = allNeeds.filter {
            shortlisted[$0.id.rawValue] != nil || proposedByNeed[$0.id.rawValue] != nil
                || ($0.status == .open && $0.slots > 0 && $0.updatedAt.iso <= record.startedAt
                    && followUp.state(of: $0).isMatched)
        }
        // Each need with lines shown is planned once, on every core; the asks, the gaps and the
        // departures use the same plans.
        let plans = NeedPlans(needs.filter { linesByNeed[$0.id.rawValue] != nil }, scorer: scorer)

        let previous = try database.completedRun(before: record)
        let candidateIDs = Set(linesByNeed.values.joined().map(\.staffID))

        // The parts below read what is above and nothing of each other: each is gathered on a
        // core of its own (and spreads its own work over the others), so that one part's reads
        // overlap another's computing (notes for issue 23, "The report's gathering").
        let parts = Array(Part.Kind.allCases).concurrentMap { kind in
            Result { () throws -> Part in
                switch kind {
                case .changes:
                    // What changed since the previous completed run, compared by key (two large
                    // runs are not joined line by line to their needs and people); only the
                    // changes shown are named.
                    guard let previous else { return .changes([], counts: [:], needsChanged: 0) }
                    let comparison = try database.comparisonByKey(
                        of: previous, with: record, limit: ReportPage.changeRows,
                        reading: RunReading(
                            needIDs: needIDs, lines: keyedLines, pairs: keyedPairs,
                            needs: allNeeds, decisions: decisions, config: config,
                            followUp: followUp, table: given == nil ? table : nil, plans: plans))
                    var counts: [String: Int] = [:]
                    for (kind, count) in comparison.counts { counts[kind.rawValue] = count }
                    // Who of them is matchable now: everyone else is shown as the placeholder.
                    let people = comparison.rows.map { $0.staffID ?? erasedMarker }
                    let rows = table.rows(of: people.map(RecordID.init(rawValue:)))
                    let changes = zip(comparison.rows, people).map { row, person in
                        Change(
                            needID: row.needID, kind: row.kind.rawValue,
                            person: shown(person, rows: rows, options: options),
                            before: row.before, after: row.after, why: row.why)
                    }
                    return .changes(changes, counts: counts, needsChanged: comparison.needsChanged)
                case .sections:
                    // Who is shown: each need's best candidates and everyone proposed; who of
                    // them is matchable now (everyone else is shown as the placeholder).
                    let rows = table.rows(of: candidateIDs.sorted().map(RecordID.init(rawValue:)))
                    let builder = SectionBuilder(
                        plans: plans, table: table, options: options, followUp: followUp,
                        linesByNeed: linesByNeed, shortlisted: shortlisted,
                        proposedByNeed: proposedByNeed, rows: rows,
                        names: options.pseudonymiser == nil ? consentingNames : [:])
                    // The needs are put in order by their keys first, so that each large
                    // section is made in its place rather than moved there: by country, a
                    // team's needs together where its first need (by id) would be. Each need's
                    // reasons are worked out on their own core.
                    var firstOfTeam: [RecordID: String] = [:]
                    for need in needs {
                        guard let team = need.team else { continue }
                        firstOfTeam[team] = min(firstOfTeam[team] ?? need.id.rawValue, need.id.rawValue)
                    }
                    let keys = needs.map { need in
                        let id = need.id.rawValue
                        return (
                            SectionBuilder.countryName(of: need, in: reference),
                            need.team.flatMap { firstOfTeam[$0] } ?? id, need.team?.rawValue ?? "", id)
                    }
                    return .sections(
                        needs.indices.sorted { keys[$0] < keys[$1] }.concurrentMap {
                            builder.section(for: needs[$0])
                        })
                case .gaps:
                    // Each need's lowest proposed score, from the pairs read by key already
                    // (a need erased since has none).
                    var lowestProposed: [RecordID: Double] = [:]
                    for pair in keyedPairs {
                        guard let id = needIDs[pair.needKey] else { continue }
                        let need = RecordID(rawValue: id)
                        lowestProposed[need] = min(lowestProposed[need] ?? pair.score, pair.score)
                    }
                    return .gaps(
                        Gaps(
                            needs: allNeeds.filter { $0.status == .open && $0.slots > 0 },
                            followUp: followUp,
                            proposed: proposedByNeed.mapValues(\.count),
                            shortlisted: shortlisted,
                            table: table, scorer: scorer, explaining: ReportPage.explainedGaps,
                            plans: plans,
                            teamLanguages: try database.teamLanguageGaps(run: record.id),
                            lowestProposed: lowestProposed))
                case .asks:
                    let (toAsk, awaited) = try asks(
                        run: record, database: database, table: table, plans: plans,
                        needs: allNeeds, followUp: followUp, options: options)
                    return .asks(toAsk, awaited: awaited)
                case .activity:
                    return .activity(
                        try activity(
                            since: previous, until: record, decisions: decisions,
                            outcomes: outcomes, in: database, options: options))
                }
            }
        }
        var changes: [Change] = []
        var changeCounts: [String: Int] = [:]
        var changed = 0
        var sections: [NeedSection] = []
        var gaps: Gaps?
        var toAsk: [Ask] = []
        var awaited: [Ask] = []
        var recent: [Activity] = []
        for part in parts {
            switch try part.get() {
            case .changes(let rows, let counts, let needsChanged):
                (changes, changeCounts, changed) = (rows, counts, needsChanged)
            case .sections(let made): sections = made
            case .gaps(let found): gaps = found
            case .asks(let asks, let waiting): (toAsk, awaited) = (asks, waiting)
            case .activity(let found): recent = found
            }
        }
        return RunReport(
            run: record, options: options, toAsk: toAsk, awaited: awaited, activity: recent,
            previousRunID: previous?.id, previousRunNeeds: previous?.needs ?? 0, needs: sections,
            shortlistScores: keyedLines.map(\.score), proposedScores: keyedPairs.map(\.score),
            changes: changes, changeCounts: changeCounts, needsChanged: changed, gaps: gaps!)
    }

    /// A person as the report shows them: id or pseudonym, or the placeholder when they are no
    /// longer matchable (not among `rows`, the table rows of the people shown who are).
    fileprivate static func shown(_ id: String, rows: [RecordID: Int32], options: Options)
        -> String
    {
        rows[RecordID(rawValue: id)] == nil
            ? unmatchablePlaceholder : options.pseudonymiser?.pseudonym(for: id) ?? id
    }

    /// A (need, person) pair by the keys it is stored under.
    private struct KeyPair: Hashable {
        var need: Int64
        var staff: Int64
    }

    /// One part of the report, gathered on a core of its own once the needs are planned.
    private enum Part: Sendable {
        enum Kind: CaseIterable {
            // The reads longest first, so that they start first.
            case changes, sections, asks, gaps, activity
        }

        case changes([Change], counts: [String: Int], needsChanged: Int)
        case sections([NeedSection])
        case gaps(Gaps)
        case asks([Ask], awaited: [Ask])
        case activity([Activity])
    }
}

/// Builds one need's section of the report; shared, read-only, by every core.
private struct SectionBuilder: Sendable {
    var plans: NeedPlans
    var table: StaffTable
    var options: RunReport.Options
    /// The outcomes as of the run's date.
    var followUp: FollowUp
    /// The lines shown, by need id.
    var linesByNeed: [String: [ShortlistLine]]
    /// How many lines each need's shortlist holds, by need id.
    var shortlisted: [String: Int]
    var proposedByNeed: [String: Set<String>]
    /// The table rows of the people shown who are matchable now.
    var rows: [RecordID: Int32]
    var names: [String: String]

    func shown(_ id: String) -> String { RunReport.shown(id, rows: rows, options: options) }

    /// The name of `need`'s country, or its code when the reference does not know it.
    static func countryName(of need: Need, in reference: ReferenceData) -> String {
        reference.info(for: need.country)?.name ?? need.country.rawValue
    }

    func section(for need: Need) -> RunReport.NeedSection {
        let reference = plans.scorer.reference
        let id = need.id.rawValue
        let needLines = linesByNeed[id] ?? []
        let plan = needLines.isEmpty ? nil : plans.plan(for: need)
        let candidates = needLines.map { line -> RunReport.Candidate in
            let contributions = ScoreComponent.Vector { (plan?.points[$0] ?? 0) * line.components[$0] }
            let row = rows[RecordID(rawValue: line.staffID)]
            var reasons: [String] = []
            if let plan, let row {
                reasons = ScoreComponent.allCases
                    .filter { contributions[$0] > 0.005 }
                    .sorted { contributions[$0] > contributions[$1] }
                    .map { plan.reason(for: $0, Int(row), in: table) }
            }
            return RunReport.Candidate(
                rank: line.rank, person: shown(line.staffID),
                name: row == nil ? nil : names[line.staffID], score: line.score,
                contributions: contributions, reasons: reasons,
                proposed: proposedByNeed[id]?.contains(line.staffID) == true)
        }
        let country = Self.countryName(of: need, in: reference)
        let specialtyCode = need.mainSpecialty
        let specialty =
            specialtyCode.flatMap { reference.specialty($0.rawValue)?.name } ?? specialtyCode?.rawValue ?? ""
        let proposed = proposedByNeed[id]?.count ?? 0
        return RunReport.NeedSection(
            need: need, title: need.title(in: reference),
            countryName: country, specialtyName: specialty, shortlisted: shortlisted[id] ?? 0,
            proposed: proposed, state: followUp.state(of: need, proposed: proposed),
            placed: followUp.placedCount(in: need.id), openSlots: followUp.openSlots(of: need),
            candidates: candidates)
    }
}

extension RunReport {
    /// The run's proposal as people to ask today (most urgent need first, then best score) and
    /// asks awaiting an answer (longest waiting first): consenting, matchable staff only, named
    /// with their e-mail unless the report is pseudonymised.
    fileprivate static func asks(
        run record: RunRecord, database: MidstDatabase, table: StaffTable, plans: NeedPlans,
        needs: [Need], followUp: FollowUp, options: Options
    ) throws -> (toAsk: [Ask], awaited: [Ask]) {
        let lines = try database.askList(
            run: record, table: table, scorer: plans.scorer, followUp: followUp,
            explaining: ReportPage.askRows, needs: needs, plans: plans)
        let asks = lines.map { line in
            Ask(
                needID: line.needID, needTitle: line.needTitle,
                person: options.pseudonymiser?.pseudonym(for: line.staffID) ?? line.staffID,
                name: options.pseudonymiser == nil ? line.name : nil,
                email: options.pseudonymiser == nil ? line.email : nil, score: line.score,
                reasons: line.reasons, askedOn: line.askedOn, daysWaiting: line.daysWaiting,
                isPinned: line.basis == .pinned)
        }
        // The ask list is in order already: most urgent need first.
        let toAsk = zip(lines, asks).filter { $0.0.isToAsk }.map(\.1)
        let awaited = zip(lines, asks).filter { !$0.0.isToAsk }.map(\.1).sorted {
            ($1.daysWaiting ?? 0, $0.needID, $0.person) < ($0.daysWaiting ?? 0, $1.needID, $1.person)
        }
        return (toAsk, awaited)
    }

    /// Coordinators' decisions made since the previous run started, and outcomes dated from
    /// its date to this run's (outcomes carry a day, not a time, so those of the previous run's
    /// own day are included), newest first; of consenting staff only. Nothing when there is no
    /// previous run. `decisions` and `outcomes` are every one recorded.
    fileprivate static func activity(
        since previous: RunRecord?, until record: RunRecord, decisions: [Decision],
        outcomes: [Outcome], in database: MidstDatabase, options: Options
    ) throws -> [Activity] {
        guard let previous else { return [] }
        let from = previous.asOf?.description ?? String(previous.startedAt.prefix(10))
        let until = record.asOf?.description ?? String(record.startedAt.prefix(10))
        var found: [Activity] = []
        for decision in decisions
        where decision.decidedAt > previous.startedAt && decision.decidedAt <= (record.finishedAt ?? record.startedAt) {
            found.append(
                Activity(
                    date: String(decision.decidedAt.prefix(10)), needID: decision.needID,
                    person: decision.staffID, what: decision.kind.rawValue,
                    reason: decision.reason))
        }
        for outcome in outcomes
        where outcome.date.description >= from && outcome.date.description <= until {
            found.append(
                Activity(
                    date: outcome.date.description, needID: outcome.needID.rawValue,
                    person: outcome.staffID.rawValue, what: outcome.kind.rawValue, reason: nil))
        }
        let consenting = try database.consentingStaffIDs(Array(Set(found.map(\.person))))
        return found.filter { consenting.contains($0.person) }.map { activity in
            var shown = activity
            shown.person = options.pseudonymiser?.pseudonym(for: activity.person) ?? activity.person
            return shown
        }.sorted { ($1.date, $0.needID, $0.person) < ($0.date, $1.needID, $1.person) }
    }
}

