import Testing

@testable import MidstCore

/// `midst tune`'s held-out judgement: the weights of every fold and their spread, repeated
/// cross-validation, and the split by date (docs/TUNING.md, "Tuning").
@Suite("Cross-validating the tuner")
struct CrossValidationTests {
    /// 3,000 generated staff, 200 needs, and the outcome model's log for the open ones.
    static let fixture:
        Result<(needs: [Need], staff: [Staff], outcomes: [Outcome], scorer: Scorer), any Error> =
            Result {
                let reference = try ReferenceFixtures.bundledReference()
                let (staff, generated) = try ReferenceFixtures.generated(
                    staff: 3_000, needs: 200, seed: 7)
                let needs = generated.filter { $0.status == .open }
                let table = StaffTable(
                    staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference
                )
                let scorer = Scorer(reference: reference)
                let outcomes = DataGenerator.OutcomeModel().outcomes(
                    plans: needs.map { NeedPlan(need: $0, scorer: scorer) }, table: table,
                    index: CandidateIndex(table: table), seed: 7)
                let asked = Set(outcomes.map(\.staffID))
                return (needs, staff.filter { asked.contains($0.id) }, outcomes, scorer)
            }

    static func labelledSet(_ outcomes: [Outcome]? = nil) throws -> LabelledSet {
        let fixture = try fixture.get()
        return LabelledSet(
            needs: fixture.needs, outcomes: outcomes ?? fixture.outcomes, staff: fixture.staff,
            scorer: fixture.scorer)
    }

    /// A quick tuner: no random restarts, few passes.
    static func tuner(_ split: WeightTuner.Split = .random, folds: Int = 3, repeats: Int = 2)
        -> WeightTuner
    {
        var tuner = WeightTuner(metric: WeightTuner.Metric("ndcg@10")!)
        tuner.split = split
        tuner.folds = folds
        tuner.repeats = repeats
        tuner.restarts = 0
        tuner.rounds = 3
        return tuner
    }

    /// Weights that ignore language, which the truth weighs most.
    static var poor: ScoreComponent.Vector {
        var weights = ScoreComponent.Vector(\.defaultWeight)
        weights[.language] = 0
        return weights
    }

    @Test(
        "every fold of every repeat reports its weights, and each repeat holds every need out once")
    func foldsOfEveryRepeat() throws {
        let set = try Self.labelledSet()
        let report = try Self.tuner(folds: 3, repeats: 2).tune(set, defaults: Self.poor)
        let evaluated = set.needs.count { $0.judged.contains { $0 > 0 } }
        try #require(report.folds.count == 6)
        for repeatIndex in 0..<2 {
            let folds = report.folds.filter { $0.repeatIndex == repeatIndex }
            #expect(folds.count == 3)
            #expect(folds.map(\.needs).reduce(0, +) == evaluated)
            #expect(folds.allSatisfy { $0.needs + $0.trainingNeeds == evaluated })
        }
        #expect(report.folds.allSatisfy { abs($0.weights.sum - 100) < 0.1 })
        #expect(report.repeatDifferences.count == 2)
        // The two repeats deal the needs differently: their folds' weights are not all equal.
        #expect(report.folds[0..<3].map(\.weights) != report.folds[3..<6].map(\.weights))
    }

    @Test("the spread of a weight is its mean, sample standard deviation, minimum and maximum")
    func spreadByHand() {
        let spread = WeightTuner.Report.spread([10, 20, 30, 40])
        #expect(spread.mean == 25)
        // Σ (x − 25)² = 500, over n − 1 = 3.
        #expect(abs(spread.standardDeviation - (500.0 / 3).squareRoot()) < 1e-12)
        #expect(spread.minimum == 10)
        #expect(spread.maximum == 40)
        #expect(
            WeightTuner.Report.spread([7])
                == .init(mean: 7, standardDeviation: 0, minimum: 7, maximum: 7))
    }

    @Test("the report's spread is taken over its folds' weights, component by component")
    func spreadOfTheFolds() throws {
        let report = try Self.tuner(folds: 3, repeats: 2).tune(
            Self.labelledSet(), defaults: Self.poor)
        for component in ScoreComponent.allCases {
            let weights = report.folds.map { $0.weights[component] }
            let spread = try #require(report.spread[component])
            #expect(spread.minimum == weights.min())
            #expect(spread.maximum == weights.max())
            #expect(spread.minimum <= spread.mean && spread.mean <= spread.maximum)
        }
        // Some component's weight moves between the folds, and its spread says so.
        #expect(ScoreComponent.allCases.contains { report.spread[$0]!.standardDeviation > 0 })
    }

    @Test("the verdict's difference is each need's mean over the repeats, so it lies within theirs")
    func verdictAveragesTheRepeats() throws {
        let report = try Self.tuner(folds: 3, repeats: 3).tune(
            Self.labelledSet(), defaults: Self.poor)
        let means = report.repeatDifferences.map(\.mean)
        #expect(abs(report.difference.mean - means.reduce(0, +) / 3) < 1e-12)
        #expect(means.min()! <= report.difference.mean && report.difference.mean <= means.max()!)
        #expect(report.isImprovement == (report.difference.low > 0))
    }

    @Test(
        "repeats steady the verdict: over several seeds its difference varies far less, and the verdict does not flip"
    )
    func repeatsSteadyTheVerdict() throws {
        let set = try Self.labelledSet()
        // The shipped defaults: a gain within noise on this log, as on the issue's.
        func differences(repeats: Int) throws -> [(mean: Double, isImprovement: Bool)] {
            try (UInt64(1)...5).map { seed in
                var tuner = Self.tuner(folds: 3, repeats: repeats)
                tuner.rounds = 2
                tuner.seed = seed
                let report = try tuner.tune(set, defaults: ScoringConfig().weights)
                return (report.difference.mean, report.isImprovement)
            }
        }
        func deviation(_ values: [Double]) -> Double {
            WeightTuner.Report.spread(values).standardDeviation
        }
        let once = try differences(repeats: 1)
        let repeated = try differences(repeats: 4)
        #expect(deviation(repeated.map(\.mean)) < deviation(once.map(\.mean)) / 2)
        #expect(Set(repeated.map(\.isImprovement)).count == 1)
    }

    @Test("a date split trains on the needs offered before the cut and tests on the others")
    func dateSplitPartition() throws {
        let set = try Self.labelledSet()
        let tuner = Self.tuner(.date(.fraction(0.7)))
        var random = SeededRandom(seed: 1)
        let evaluated = set.needs.indices.filter { set.needs[$0].judged.contains { $0 > 0 } }
        let partitions = try tuner.partitions(of: set, evaluated: evaluated, random: &random)
        let partition = try #require(partitions.first)
        #expect(partitions.count == 1)
        let latestTrained = try #require(partition.training.map { set.needs[$0].offered }.max())
        let earliestTested = try #require(partition.heldOut.map { set.needs[$0].offered }.min())
        #expect(latestTrained < earliestTested)
        #expect(partition.training.count + partition.heldOut.count == evaluated.count)
        // About 70% train (needs of the cut day all go to the held-out side).
        #expect(abs(Double(partition.training.count) / Double(evaluated.count) - 0.7) < 0.1)
    }

    @Test("what happened to the needs offered after the cut changes no weight fitted before it")
    func dateSplitDoesNotLeak() throws {
        let fixture = try Self.fixture.get()
        let set = try Self.labelledSet()
        let offered = set.needs.map(\.offered).sorted()
        let cut = offered[offered.count / 2]
        // Every answer to a need offered on the cut day or later, reversed.
        let reversed = fixture.outcomes.map { outcome -> Outcome in
            guard outcome.date >= cut else { return outcome }
            var changed = outcome
            changed.kind = (outcome.kind.relevance ?? 0) > 0 ? .declined : .accepted
            return changed
        }
        let other = try Self.labelledSet(reversed)
        let tuner = Self.tuner(.date(.day(cut)))
        let report = try tuner.tune(set, defaults: Self.poor)
        let again = try tuner.tune(other, defaults: Self.poor)
        #expect(again.folds[0].trainingNeeds == report.folds[0].trainingNeeds)
        #expect(again.folds[0].weights == report.folds[0].weights)
        // The reversal matters: the held-out needs rank differently, and a fit that also saw
        // them would have found other weights.
        #expect(again.folds[0].tuned != report.folds[0].tuned)
        var random = SeededRandom(seed: 1)
        var otherRandom = SeededRandom(seed: 1)
        let all = Array(set.needs.indices)
        #expect(
            tuner.fit(set, needs: all, start: Self.poor, random: &random)
                != tuner.fit(other, needs: all, start: Self.poor, random: &otherRandom))
    }

    @Test("a cut with no need on one side is refused with the counts")
    func emptySide() throws {
        let set = try Self.labelledSet()
        let first = try #require(set.needs.map(\.offered).min())
        #expect(
            throws: WeightTuner.SplitError.emptySide(
                cut: first, training: 0, heldOut: set.needs.count { $0.judged.contains { $0 > 0 } })
        ) {
            try Self.tuner(.date(.day(first))).tune(set, defaults: Self.poor)
        }
    }

    @Test(
        "--split reads random, date, a fraction and a day",
        arguments: [
            ("random", WeightTuner.Split.random), ("date", .date(.fraction(0.8))),
            ("date:0.6", .date(.fraction(0.6))),
            ("date:2026-07-01", .date(.day(CalendarDate(iso: "2026-07-01")!))),
        ])
    func splitNames(text: String, split: WeightTuner.Split) {
        #expect(WeightTuner.Split(text) == split)
    }

    @Test(
        "--split refuses what it cannot read",
        arguments: ["date:1", "date:0", "date:2026-13-01", "dates", "random:2", ""])
    func badSplitNames(text: String) {
        #expect(WeightTuner.Split(text) == nil)
    }

    @Test("the tuner's objective equals the metrics' own, need by need, for NDCG and the others")
    func fastObjective() throws {
        let set = try Self.labelledSet()
        for name in ["ndcg@10", "ndcg@3", "ordered_precision@10", "map"] {
            let metric = try #require(WeightTuner.Metric(name))
            let all = Array(set.needs.indices)
            let fast = set.values(of: metric, weights: Self.poor, needs: all)
            let slow = set.metrics(weights: Self.poor, k: metric.k).map { $0.map(metric.value) }
            #expect(fast == slow, "\(name)")
        }
    }
}
