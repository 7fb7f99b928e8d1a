import Testing

@testable import MidstCore

/// The batch's fast checks must agree with the explaining path, which scores with the same plan.
@Suite("Compact scoring")
struct CompactScoringTests {
    let reference: ReferenceData
    let staff: [Staff]
    let contexts: [Staff.Context]
    let needs: [Need]

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        let (staff, needs) = try ReferenceFixtures.generated(staff: 2000, needs: 60, seed: 5)
        // Vary the contexts: some commitments, some completed placements, a few inactive people.
        contexts = staff.indices.map { index in
            Staff.Context(
                commitments: index % 7 == 0 ? 1 : 0,
                completedCountries: index % 5 == 0
                    ? [CountryCode(rawValue: "UG"), CountryCode(rawValue: "MW")] : [],
                isActive: index % 97 != 0)
        }
        self.staff = staff
        self.needs = needs
    }

    @Test(
        "the batch's yes/no agrees with the explained constraints, and explanations score as the batch",
        arguments: [false, true])
    func agreesWithExplanations(alternative: Bool) {
        var config = ScoringConfig()
        if alternative {
            config.isSeniorityHard = true
            config.weights[.language] = 40
            config.country.sameSubregionFactor = 0.5
            config.professionEquivalences = [["nurse", "midwife"]]
        }
        let scorer = Scorer(reference: reference, config: config)
        let table = StaffTable(staff: staff, contexts: contexts, reference: reference)
        let rowOf = Dictionary(uniqueKeysWithValues: table.ids.enumerated().map { ($1, $0) })
        var compared = 0
        var eligible = 0
        var explained = 0
        for need in needs {
            let plan = NeedPlan(need: need, scorer: scorer)
            for (position, (person, context)) in zip(staff, contexts).enumerated() {
                guard let row = rowOf[person.id] else {
                    #expect(!person.hasConsented || !context.isActive)
                    continue
                }
                let isEligible = plan.isEligible(row, in: table)
                let hasRoom = table.freeCapacity[row] > 0
                #expect(
                    isEligible == (plan.exclusions(row, in: table).isEmpty && hasRoom),
                    "\(need.id) \(person.id)")
                if isEligible { eligible += 1 }
                compared += 1
                // The explaining path, from the record, on a sample of the pairs.
                if position % 40 == 0 {
                    let explanation = scorer.explain(person, for: need, context: context)
                    // A candidate also scores at least the need's min_score.
                    let reachesMinimum = plan.score(row, in: table) >= plan.minimumScore
                    #expect(
                        explanation.isEligible == (isEligible && reachesMinimum),
                        "\(need.id) \(person.id)")
                    #expect(explanation.score == plan.score(row, in: table))
                    #expect(
                        explanation.components.map(\.value)
                            == ScoreComponent.allCases.map { plan.components(row, in: table)[$0] })
                    explained += 1
                }
            }
        }
        #expect(compared > 100_000)
        #expect(eligible > 1000)
        #expect(explained > 2000)
    }

    @Test("the bounded-heap top-K equals the reference ranking", arguments: [1, 10, 50])
    func topCandidates(top: Int) {
        let scorer = Scorer(reference: reference)
        let table = StaffTable(staff: staff, contexts: contexts, reference: reference)
        for need in needs.prefix(20) {
            let plan = NeedPlan(need: need, scorer: scorer)
            let fast = plan.topCandidates(among: Array(0..<Int32(table.count)), in: table, top: top)
            let slow = scorer.rank(Array(zip(staff, contexts)), for: need, top: top)
            #expect(fast.map { table.id(at: Int($0.row)) } == slow.map(\.staff.id))
            #expect(fast.map(\.score) == slow.map(\.score))
        }
    }

    @Test(
        "a profession's block ranked on two cores gives the one-core list", arguments: [1, 7, 40])
    func twoCores(top: Int) {
        let scorer = Scorer(reference: reference)
        let table = StaffTable(staff: staff, contexts: contexts, reference: reference)
        var compared = 0
        for need in needs {
            let plan = NeedPlan(need: need, scorer: scorer)
            guard plan.professionCodes.count == 1 else { continue }
            let code = plan.professionCodes[0]
            let block = table.block(ofProfession: code)
            // Someone a coordinator excluded, from each half of the block.
            let excluded: Set<Int32> =
                block.count > 3 ? [block[1], block[block.count - 2]] : []
            let oneCore = plan.topCandidates(
                among: block, in: table, top: top, excluding: excluded)
            // Split from two people on, so that every block of the fixture is split.
            let twoCores = plan.topCandidates(
                inProfession: code, of: table, top: top, excluding: excluded, twoCoresFrom: 2)
            #expect(twoCores.map(\.row) == oneCore.map(\.row), "\(need.id)")
            #expect(twoCores.map(\.score) == oneCore.map(\.score), "\(need.id)")
            #expect(twoCores.allSatisfy { !excluded.contains($0.row) })
            if block.count >= 2, !oneCore.isEmpty { compared += 1 }
        }
        #expect(compared > 20)
    }

    @Test("equal scores in both halves are merged by staff id")
    func twoCoresTies() throws {
        // Everyone alike but their id: every candidate scores the same, so the order is the
        // ids' alone, and the best of each half interleave. The person is the best candidate
        // of a need of one profession.
        let scorer = Scorer(reference: reference)
        let whole = StaffTable(staff: staff, contexts: contexts, reference: reference)
        let (need, row) = try #require(
            needs.lazy.compactMap { need -> (Need, Int)? in
                let plan = NeedPlan(need: need, scorer: scorer)
                guard plan.professionCodes.count == 1,
                    let best = plan.topCandidates(
                        among: Array(0..<Int32(whole.count)), in: whole, top: 1
                    ).first
                else { return nil }
                return (need, Int(best.row))
            }.first)
        let position = try #require(staff.firstIndex { $0.id == whole.id(at: row) })
        let alike = (0..<400).map { index in
            var copy = staff[position]
            copy.id = RecordID(rawValue: "T\((index * 7919) % 400 + 1000)")
            return copy
        }
        let table = StaffTable(
            staff: alike, contexts: alike.map { _ in contexts[position] }, reference: reference)
        let plan = NeedPlan(need: need, scorer: scorer)
        let twoCores = plan.topCandidates(
            inProfession: plan.professionCodes[0], of: table, top: 25, twoCoresFrom: 2)
        let ids = twoCores.map { table.id(at: Int($0.row)).rawValue }
        #expect(twoCores.count == 25)
        #expect(Set(twoCores.map(\.score)).count == 1)
        #expect(ids == (1000..<1025).map { "T\($0)" })
        // The list takes people from both halves of the block.
        let block = table.block(ofProfession: plan.professionCodes[0])
        let firstHalf = Set(block.prefix(block.count / 2))
        #expect(twoCores.contains { firstHalf.contains($0.row) })
        #expect(twoCores.contains { !firstHalf.contains($0.row) })
    }

    @Test("people who have not consented never enter the table")
    func consent() {
        let table = StaffTable(staff: staff, contexts: contexts, reference: reference)
        let tableIDs = Set(table.ids)
        for (person, context) in zip(staff, contexts) {
            #expect(tableIDs.contains(person.id) == (person.hasConsented && context.isActive))
        }
    }
}

@Suite("Staff table snapshots")
struct StaffTableSnapshotTests {
    let table: StaffTable

    init() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let staff = try ReferenceFixtures.generated(staff: 300, seed: 9).staff
        let contexts = staff.indices.map {
            Staff.Context(
                commitments: $0 % 3,
                completedCountries: $0 % 4 == 0 ? [CountryCode(rawValue: "UG")] : [])
        }
        table = StaffTable(staff: staff, contexts: contexts, reference: reference, generation: 42)
    }

    /// The table's bytes reopened from a copy, as the store reopens a snapshot file.
    func reopened(_ bytes: [UInt8], generation: Int64) throws(StaffTableFormatError) -> StaffTable {
        try StaffTable(storage: StaffTableStorage(copying: bytes), expectedGeneration: generation)
    }

    @Test("a table reopened from its bytes has the same people, ranks and bytes")
    func roundTrip() throws {
        let bytes = Array(table.bytes)
        let copy = try reopened(bytes, generation: 42)
        #expect(copy.ids == table.ids)
        #expect(Array(copy.idRank) == Array(table.idRank))
        #expect(Array(copy.bytes) == bytes)
        #expect(copy.rows(ofProfessions: [3]) == table.rows(ofProfessions: [3]))
    }

    @Test("a snapshot of another generation, or a damaged one, is refused")
    func refused() {
        let bytes = Array(table.bytes)
        #expect(throws: StaffTableFormatError.self) { _ = try reopened(bytes, generation: 43) }
        #expect(throws: StaffTableFormatError.self) {
            _ = try reopened(Array(bytes.dropLast(8)), generation: 42)
        }
        var corrupted = bytes
        corrupted[0] = 0
        #expect(throws: StaffTableFormatError.self) { _ = try reopened(corrupted, generation: 42) }
        // A row number past the table (the last column, professionRows, ends the file but for
        // padding) must be caught before scoring reads through it.
        var badOffset = bytes
        let padding = (8 - table.count * 4 % 8) % 8
        badOffset[bytes.count - padding - 1] = 0x7F
        #expect(throws: StaffTableFormatError.self) { _ = try reopened(badOffset, generation: 42) }
    }
}
