import Testing

@testable import MidstCore

/// The generated outcome log (docs/TUNING.md, "Generated outcomes") asks only people who have
/// room on the day.
@Suite("The outcome model's asks")
struct OutcomeModelTests {
    @Test("nobody is asked on a day their commitments, the log's own included, fill their capacity")
    func asksRespectCapacity() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let (staff, generated) = try ReferenceFixtures.generated(staff: 1_500, needs: 300, seed: 11)
        let needs = generated.filter { $0.status == .open }
        // Everyone takes one commitment at most, so that the log itself fills people up.
        let people = staff.map { person in
            var person = person
            person.maxAssignments = min(person.maxAssignments, 1)
            return person
        }
        let table = StaffTable(
            staff: people, contexts: people.map { _ in Staff.Context() }, reference: reference)
        let scorer = Scorer(reference: reference)
        let outcomes = DataGenerator.OutcomeModel().outcomes(
            plans: needs.map { NeedPlan(need: $0, scorer: scorer) }, table: table,
            index: CandidateIndex(table: table), seed: 11)
        let capacity = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.maxAssignments) })
        let completed = Set(
            outcomes.filter { $0.kind == .completed }.map { [$0.needID, $0.staffID] })
        let commitments = outcomes.filter {
            $0.kind == .accepted && !completed.contains([$0.needID, $0.staffID])
        }
        #expect(!commitments.isEmpty, "the log must make commitments for the check to mean anything")
        var asks = 0
        for ask in outcomes where ask.kind != .completed {
            let held = commitments.count { $0.staffID == ask.staffID && $0.date < ask.date }
            #expect(held < capacity[ask.staffID]!, "\(ask.staffID) asked for \(ask.needID) when full")
            asks += 1
        }
        // Without the rule, people who accepted earlier needs would be asked again.
        #expect(asks > commitments.count)
    }
}

/// Every generated ask says where the old ranking showed the person (docs/TUNING.md, "Exposure").
@Suite("The outcome model's exposure")
struct OutcomeModelExposureTests {
    @Test("each ask carries the old ranking's rank and score: the top five asked at ranks 1 to 5, the rest from further down its list")
    func exposure() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let (generatedStaff, generated) = try ReferenceFixtures.generated(
            staff: 800, needs: 60, seed: 3)
        // Room for everyone, so that the old ranking is the same on every day.
        let staff = generatedStaff.map { person in
            var person = person
            person.maxAssignments = 100
            return person
        }
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference)
        let scorer = Scorer(reference: reference)
        let plans = generated.filter { $0.status == .open }.map { NeedPlan(need: $0, scorer: scorer) }
        let model = DataGenerator.OutcomeModel()
        let outcomes = model.outcomes(
            plans: plans, table: table, index: CandidateIndex(table: table), seed: 3)
        #expect(!outcomes.isEmpty)
        for plan in plans {
            let asked = outcomes.filter { $0.needID == plan.need.id && $0.kind != .completed }
            guard !asked.isEmpty else { continue }
            let ranked = plan.topCandidates(
                in: table, index: CandidateIndex(table: table), top: model.listLength
            ).candidates
            for ask in asked {
                let shown = try #require(ask.exposure)
                let entry = ranked[shown.rank - 1]
                #expect(table.id(at: Int(entry.row)) == ask.staffID)
                #expect(shown.score == entry.score)
            }
            let ranks = asked.map { $0.exposure!.rank }
            #expect(Array(ranks.prefix(min(model.askedFromTop, ranked.count))) == Array(1...min(model.askedFromTop, ranked.count)))
        }
    }
}
