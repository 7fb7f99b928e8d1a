import Testing

@testable import MidstCore

/// The batch as the CLI runs it: shortlists, decisions and the proposal.
@Suite("Batch")
struct BatchTests {
    let reference: ReferenceData
    let staff: [Staff]
    let needs: [Need]
    let table: StaffTable

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        (staff, needs) = try ReferenceFixtures.generated(staff: 1500, needs: 40, seed: 8)
        table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
    }

    @Test("each shortlist is the plain ranking of everyone, and the proposal respects capacities")
    func shortlistsAndProposal() async {
        let scorer = Scorer(reference: reference)
        let result = await Batch(scorer: scorer, top: 5).run(
            needs: needs, table: table, decisions: [])
        #expect(result.shortlists.count == needs.count)
        let people = staff.map { ($0, Staff.Context()) }
        for (need, list) in zip(needs, result.shortlists) {
            let expected = scorer.rank(people, for: need, top: 5)
            #expect(list.map { table.id(at: Int($0.row)) } == expected.map(\.staff.id))
            #expect(list.map(\.score) == expected.map(\.score))
            #expect(list.map(\.rank) == Array(1..<(list.count + 1)))
        }
        var perNeed: [Int: Int] = [:]
        var perPerson: [Int32: Int] = [:]
        for pair in result.proposal.pairs {
            perNeed[pair.need, default: 0] += 1
            perPerson[pair.row, default: 0] += 1
        }
        for (need, count) in perNeed { #expect(count <= needs[need].slots) }
        for (row, count) in perPerson { #expect(count <= Int(table.freeCapacity[Int(row)])) }
        #expect(result.proposal.optimalTotal >= result.proposal.greedyTotal - 1e-9)
    }

    @Test("an excluded person is never listed; a pinned one is always proposed; others rest")
    func decisions() async throws {
        let scorer = Scorer(reference: reference)
        let batch = Batch(scorer: scorer, top: 5)
        let before = await batch.run(needs: needs, table: table, decisions: [])
        let need = try #require(before.shortlists.firstIndex { $0.count >= 3 })
        let first = table.id(at: Int(before.shortlists[need][0].row)).rawValue
        let third = table.id(at: Int(before.shortlists[need][2].row)).rawValue
        let decisions = [
            Decision(
                needID: needs[need].id.rawValue, staffID: first, kind: .exclude, reason: nil,
                decidedAt: ""),
            Decision(
                needID: needs[need].id.rawValue, staffID: third, kind: .pin, reason: nil,
                decidedAt: ""),
            Decision(needID: "no such need", staffID: first, kind: .pin, reason: nil, decidedAt: ""),
        ]
        let after = await batch.run(needs: needs, table: table, decisions: decisions)
        let listed = after.shortlists[need].map { table.id(at: Int($0.row)).rawValue }
        #expect(!listed.contains(first))
        #expect(listed.first == table.id(at: Int(before.shortlists[need][1].row)).rawValue)
        let proposed = after.proposal.pairs.filter { $0.need == need }.map {
            table.id(at: Int($0.row)).rawValue
        }
        #expect(proposed.contains(third))
        #expect(!proposed.contains(first))
    }

    @Test("the greedy solver is taken when asked, and never beats the exact one")
    func greedy() async {
        let scorer = Scorer(reference: reference)
        let exact = await Batch(scorer: scorer, top: 5).run(
            needs: needs, table: table, decisions: [])
        let greedy = await Batch(scorer: scorer, top: 5, solver: .greedy).run(
            needs: needs, table: table, decisions: [])
        #expect(greedy.proposal.greedyTotal == exact.proposal.greedyTotal)
        #expect(
            abs(greedy.proposal.pairs.reduce(0) { $0 + $1.score } - greedy.proposal.total) < 1e-9)
        #expect(exact.proposal.optimalTotal >= greedy.proposal.greedyTotal - 1e-9)
    }
}

extension BatchTests {
    @Test("pins beyond a need's slots are set aside, the oldest kept; the proposal stays within slots")
    func pinsBeyondSlots() async throws {
        let batch = Batch(scorer: Scorer(reference: reference), top: 5)
        let before = await batch.run(needs: needs, table: table, decisions: [])
        let need = try #require(
            before.shortlists.indices.first {
                needs[$0].slots == 1 && before.shortlists[$0].count >= 2
            })
        let people = before.shortlists[need].prefix(2).map { table.id(at: Int($0.row)).rawValue }
        let newer = Decision(
            needID: needs[need].id.rawValue, staffID: people[0], kind: .pin, reason: nil,
            decidedAt: "2026-02-01T00:00:00Z")
        let older = Decision(
            needID: needs[need].id.rawValue, staffID: people[1], kind: .pin, reason: nil,
            decidedAt: "2026-01-01T00:00:00Z")
        let after = await batch.run(needs: needs, table: table, decisions: [newer, older])
        let proposed = after.proposal.pairs.filter { $0.need == need }
        #expect(proposed.map { table.id(at: Int($0.row)).rawValue } == [people[1]])
        #expect(after.setAsidePins == [newer])
    }
}

@Suite("Priority step in the configuration")
struct PriorityStepTests {
    @Test("the priority step is part of the configuration's fingerprint and weights the proposal's edges")
    func priorityStep() {
        var config = ScoringConfig()
        let shipped = config.fingerprint
        config.priorityStep = 0.2
        #expect(config.fingerprint != shipped)
        #expect(
            Batch.Proposal.weight(score: 50, priority: 5, priorityStep: config.priorityStep)
                == 70)
        #expect(
            Batch.Proposal.weight(score: 50, priority: 1, priorityStep: ScoringConfig().priorityStep)
                == 40)
    }
}

/// The batch with recorded outcomes (docs/SCORING.md, "Outcomes and the nightly loop").
@Suite("Batch: outcomes shape the night")
struct BatchFollowUpTests {
    let reference: ReferenceData
    let needs: [Need]
    let table: StaffTable
    let scorer: Scorer

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        let (staff, needs) = try ReferenceFixtures.generated(staff: 1500, needs: 40, seed: 8)
        self.needs = needs.map {
            var need = $0
            need.dates = CalendarDate.Window()
            return need
        }
        table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        scorer = Scorer(reference: reference)
    }

    private func id(_ row: Int32) -> RecordID { table.id(at: Int(row)) }

    @Test("a decliner is never listed again, a placed person fills the slot, an ask is kept")
    func outcomesApplied() async throws {
        let batch = Batch(scorer: scorer, top: 5)
        let before = await batch.run(needs: needs, table: table, decisions: [])
        let need = try #require(
            before.shortlists.indices.first { before.shortlists[$0].count >= 4 && needs[$0].slots >= 2 })
        let needID = needs[need].id
        let list = before.shortlists[need]
        let decliner = id(list[0].row)
        let acceptor = id(list[1].row)
        let asked = id(list[3].row)
        let day = CalendarDate(iso: "2026-12-01")!
        let outcomes = [
            Outcome(needID: needID, staffID: decliner, kind: .declined, date: day),
            Outcome(needID: needID, staffID: acceptor, kind: .accepted, date: day),
            Outcome(needID: needID, staffID: asked, kind: .asked, date: day),
        ]
        let followUp = FollowUp(outcomes: outcomes, asOf: day)
        let after = await batch.run(
            needs: needs, table: table, decisions: [], followUp: followUp)
        let position = try #require(after.needs.firstIndex { $0.id == needID } )
        let listed = after.shortlists[position].map { id($0.row) }
        #expect(!listed.contains(decliner))
        #expect(!listed.contains(acceptor))
        #expect(after.openSlots[position] == needs[need].slots - 1)
        let proposed = after.proposal.pairs.filter { $0.need == position }
        #expect(proposed.count <= needs[need].slots - 1)
        let kept = try #require(proposed.first { id($0.row) == asked })
        #expect(kept.basis == .asked)
    }

    @Test("filled and expired needs are not matched, and say why")
    func unmatchedNeeds() async throws {
        var dated = needs
        dated[0].dates = CalendarDate.Window(
            start: CalendarDate(iso: "2026-01-01"), end: CalendarDate(iso: "2026-01-31"))
        let someone = table.id(at: 0)
        let outcomes = (0..<dated[1].slots).map { index in
            Outcome(
                needID: dated[1].id, staffID: RecordID(rawValue: "X\(index)"), kind: .accepted,
                date: CalendarDate(iso: "2026-06-01")!)
        } + [Outcome(needID: dated[0].id, staffID: someone, kind: .asked, date: CalendarDate(iso: "2026-01-10")!)]
        let result = await Batch(scorer: scorer, top: 5).run(
            needs: dated, table: table, decisions: [],
            followUp: FollowUp(outcomes: outcomes, asOf: CalendarDate(iso: "2026-07-01")))
        #expect(result.needs.count == dated.count - 2)
        #expect(
            result.unmatchedNeeds.map { "\($0.need.id):\($0.state)" }.sorted()
                == ["\(dated[0].id):expired", "\(dated[1].id):filled"].sorted())
        #expect(!result.proposal.pairs.contains { id($0.row) == someone && result.needs[$0.need].id == dated[0].id })
    }

    @Test("a pin of a decliner is set aside naming the decline; a pin of an asked pair is kept once")
    func pinsMeetOutcomes() async throws {
        let batch = Batch(scorer: scorer, top: 5)
        let before = await batch.run(needs: needs, table: table, decisions: [])
        let need = try #require(before.shortlists.firstIndex { $0.count >= 3 })
        let needID = needs[need].id
        let decliner = id(before.shortlists[need][0].row)
        let asked = id(before.shortlists[need][1].row)
        let day = CalendarDate(iso: "2026-12-01")!
        let followUp = FollowUp(
            outcomes: [
                Outcome(needID: needID, staffID: decliner, kind: .declined, date: day),
                Outcome(needID: needID, staffID: asked, kind: .asked, date: day),
            ], asOf: day)
        let pins = [decliner, asked].map {
            Decision(needID: needID.rawValue, staffID: $0.rawValue, kind: .pin, reason: nil, decidedAt: "2026-12-01T00:00:00Z")
        }
        let result = await batch.run(needs: needs, table: table, decisions: pins, followUp: followUp)
        let setAside = try #require(result.setAside.first)
        #expect(result.setAside.count == 1)
        #expect(setAside.staffID == decliner.rawValue)
        #expect(setAside.because.contains("declined it on 2026-12-01"))
        let position = try #require(result.needs.firstIndex { $0.id == needID })
        #expect(result.proposal.pairs.count { $0.need == position && id($0.row) == asked } == 1)
    }
}
