import Foundation
import MidstTestSupport
import Testing

@testable import MidstCore
@testable import MidstStore

/// A month of nights on generated data, as a coordinator lives it (issue 21): each morning the
/// proposal's new people are asked, people answer (or not) over the following days, some accept
/// and later withdraw, needs expire; every answer goes in with `import outcomes`. Night by night
/// the batch must build on what happened, checked against the test's own log.
@Suite("A month of nights", .serialized)
struct NightlyLoopTests {
    /// What the test itself knows happened, pair by pair: its outcomes in order.
    private struct Log {
        private(set) var pairs: [String: [(kind: Outcome.Kind, date: CalendarDate)]] = [:]

        static func key(_ need: RecordID, _ staff: RecordID) -> String { "\(need)/\(staff)" }

        mutating func add(_ outcome: Outcome) {
            pairs[Self.key(outcome.needID, outcome.staffID), default: []].append(
                (outcome.kind, outcome.date))
        }

        /// The pair's latest outcome on or before `day` (the test records in time order).
        func latest(_ need: RecordID, _ staff: RecordID, on day: CalendarDate) -> (
            kind: Outcome.Kind, date: CalendarDate
        )? {
            pairs[Self.key(need, staff)]?.last { $0.date <= day }
        }

        func placed(in need: RecordID, on day: CalendarDate) -> Int {
            pairs.count { key, _ in
                key.hasPrefix("\(need)/")
                    && [.accepted, .completed].contains(
                        latest(need, RecordID(rawValue: String(key.dropFirst(need.rawValue.count + 1))), on: day)?.kind)
            }
        }
    }

    @Test("no decliner proposed again, slots never exceeded, no expired need, asks kept, optimal on what is left")
    func monthOfNights() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try MidstDatabase.open(at: folder.path("midst.sqlite"))
        var generator = DataGenerator(reference: BundledReference.data, seed: 21)
        var staffFile = DataGenerator.staffHeader
        for index in 0..<3000 { staffFile += generator.staffLine(index: index) }
        var needsFile = DataGenerator.needHeader
        for index in 0..<120 { needsFile += generator.needLine(index: index) }
        _ = try database.importStaff(Array(staffFile.utf8), options: options("staff.csv"))
        _ = try database.importNeeds(Array(needsFile.utf8), options: options("needs.csv"))

        var config = ScoringConfig()
        config.followUp = FollowUpRules(askedHoldDays: 5, noResponseDays: 10)
        let rules = config.followUp
        let batch = Batch(scorer: Scorer(reference: BundledReference.data, config: config), top: 8)
        var random = SeededRandom(seed: 2112)
        var log = Log()
        var asksChecked = 0
        var declinesSeen = 0
        var expiredSeen = 0
        let first = CalendarDate(iso: "2026-11-01")!
        for night in 0..<30 {
            let day = first.adding(days: night)
            let followUp = try database.followUp(asOf: day, rules: rules)
            let table = try database.staffTable(reference: BundledReference.data)
            let needs = try database.openNeeds()
            let result = await batch.run(
                needs: needs, table: table, decisions: [], followUp: followUp)
            _ = try database.recordRun(
                CompletedRun(
                    startedAt: Timestamp(secondsSince1970: day.dayNumber * 86_400), note: nil,
                    config: config.json(), configHash: config.fingerprint, solver: "optimal",
                    topK: 8, table: table, result: result, loadSeconds: 0))

            // What the night proposes, against what the test knows happened.
            var proposedPerNeed: [RecordID: Int] = [:]
            var proposed: Set<String> = []
            for pair in result.proposal.pairs {
                let need = result.needs[pair.need]
                let staff = table.id(at: Int(pair.row))
                proposedPerNeed[need.id, default: 0] += 1
                proposed.insert(Log.key(need.id, staff))
                if let end = need.dates.end { #expect(end >= day, "expired \(need.id) proposed") }
                guard let latest = log.latest(need.id, staff, on: day) else { continue }
                switch latest.kind {
                case .declined, .withdrawn, .accepted, .completed:
                    Issue.record("\(staff) proposed for \(need.id) after \(latest.kind) on \(latest.date)")
                case .noResponse:
                    #expect(day >= latest.date.adding(days: rules.noResponseDays))
                case .asked:
                    let ranOut = latest.date.adding(days: rules.askedHoldDays)
                    if day >= ranOut {
                        #expect(day >= ranOut.adding(days: rules.noResponseDays))
                    } else {
                        #expect(pair.basis == .asked)
                    }
                }
            }
            for need in needs {
                let placed = log.placed(in: need.id, on: day)
                // A late answer may place more people than slots; the batch then proposes nobody.
                #expect(
                    proposedPerNeed[need.id] ?? 0 <= max(0, need.slots - placed),
                    "\(need.id): \(placed) placed and \(proposedPerNeed[need.id] ?? 0) proposed for \(need.slots) slots"
                )
                if let end = need.dates.end, end < day { expiredSeen += 1 }
            }
            // Every ask still awaited is kept, unless the person can no longer take it, or late
            // answers placed so many that the need has fewer open slots than asks awaited.
            let matched = Set(result.needs.map(\.id))
            var awaited: [RecordID: [RecordID]] = [:]
            for (key, entries) in log.pairs {
                guard let last = entries.last(where: { $0.date <= day }), last.kind == .asked,
                    day < last.date.adding(days: rules.askedHoldDays)
                else { continue }
                let parts = key.split(separator: "/").map { RecordID(rawValue: String($0)) }
                if matched.contains(parts[0]) { awaited[parts[0], default: []].append(parts[1]) }
            }
            for need in needs where matched.contains(need.id) {
                let people = awaited[need.id] ?? []
                let crowded = log.placed(in: need.id, on: day) + people.count > need.slots
                for person in people where !proposed.contains(Log.key(need.id, person)) {
                    let aside = result.setAside.first {
                        $0.kind == .ask && $0.needID == need.id.rawValue
                            && $0.staffID == person.rawValue
                    }
                    #expect(
                        aside?.reason == .atCapacity || aside?.reason == .notEligible
                            || (crowded && aside?.reason == .needFull),
                        "the ask of \(person) for \(need.id) was dropped")
                }
                asksChecked += people.count
            }
            try expectOptimalOnWhatIsLeft(result, table: table, priorityStep: config.priorityStep)

            // The morning: ask the new proposals; answers to earlier asks; some withdrawals.
            var today: [Outcome] = []
            for pair in result.proposal.pairs where pair.basis == .chosen {
                today.append(
                    Outcome(
                        needID: result.needs[pair.need].id, staffID: table.id(at: Int(pair.row)),
                        kind: .asked, date: day))
            }
            for (key, entries) in log.pairs.sorted(by: { $0.key < $1.key }) {
                guard let last = entries.last else { continue }
                let parts = key.split(separator: "/").map { RecordID(rawValue: String($0)) }
                let answer: Outcome.Kind?
                switch last.kind {
                case .asked where last.date < day:
                    let roll = random.next() % 100
                    answer = roll < 20 ? .accepted : roll < 40 ? .declined : roll < 45 ? .noResponse : nil
                case .accepted where last.date < day:
                    answer = random.next() % 100 < 3 ? .withdrawn : nil
                default: answer = nil
                }
                if let answer {
                    if answer == .declined { declinesSeen += 1 }
                    today.append(Outcome(needID: parts[0], staffID: parts[1], kind: answer, date: day))
                }
            }
            for outcome in today { log.add(outcome) }
            let csv =
                "need_id,staff_id,outcome,date\n"
                + today.map { "\($0.needID),\($0.staffID),\($0.kind.rawValue),\($0.date)\n" }.joined()
            // Imported on the night they happened.
            var tonight = options("outcomes.csv")
            tonight.today = day
            _ = try database.importOutcomes(Array(csv.utf8), options: tonight)
        }
        // The month exercised what it checks.
        #expect(asksChecked > 50)
        #expect(declinesSeen > 20)
        #expect(expiredSeen > 0)
        let runs = try database.runs()
        #expect(runs.count == 30)
        #expect(runs.first?.asOf == first.adding(days: 29))
    }

    /// The proposal's pairs beyond the fixed ones (asks awaited, pins) are the best assignment of
    /// the shortlists to what the fixed pairs leave: the same solver on a problem built here.
    private func expectOptimalOnWhatIsLeft(
        _ result: Batch.Result, table: StaffTable, priorityStep: Double
    ) throws {
        let fixed = result.proposal.pairs.filter { $0.basis != .chosen }
        var slots = result.openSlots
        var capacity: [Int32: Int] = [:]
        var fixedWeight = 0.0
        for pair in fixed {
            slots[pair.need] -= 1
            capacity[pair.row, default: Int(table.freeCapacity[Int(pair.row)])] -= 1
            fixedWeight += Batch.Proposal.weight(
                score: pair.score, priority: result.needs[pair.need].priority,
                priorityStep: priorityStep)
        }
        #expect(slots.allSatisfy { $0 >= 0 })
        let fixedKeys = Set(fixed.map { "\($0.need)/\($0.row)" })
        var people: [Int32: Int] = [:]
        var rows: [Int32] = []
        var edges: [AssignmentProblem.Edge] = []
        for (need, list) in result.shortlists.enumerated() {
            for entry in list where !fixedKeys.contains("\(need)/\(entry.row)") {
                let person = people[entry.row] ?? rows.count
                if person == rows.count {
                    people[entry.row] = person
                    rows.append(entry.row)
                }
                edges.append(
                    .init(
                        need: need, person: person,
                        weight: Batch.Proposal.weight(
                            score: entry.score, priority: result.needs[need].priority,
                            priorityStep: priorityStep)))
            }
        }
        let problem = AssignmentProblem(
            needCapacity: slots,
            personCapacity: rows.map { max(0, capacity[$0] ?? Int(table.freeCapacity[Int($0)])) },
            edges: edges)
        let best = problem.optimal()
        #expect(best.isFeasible(for: problem))
        #expect(abs(best.totalWeight + fixedWeight - result.proposal.optimalTotal) < 1e-6)
        let chosen = result.proposal.pairs.filter { $0.basis == .chosen }
        let chosenWeight = chosen.reduce(0.0) {
            $0
                + Batch.Proposal.weight(
                    score: $1.score, priority: result.needs[$1.need].priority,
                    priorityStep: priorityStep)
        }
        #expect(abs(chosenWeight - best.totalWeight) < 1e-6)
    }
}
