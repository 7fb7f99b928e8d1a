import Foundation
import PropertyBased
import Testing

@testable import MidstCore

/// Generated configuration files, in and out of bounds, each either refused with a message or
/// scoring generated staff and needs with finite scores (issue 22, item 4). RELIABILITY.md
/// records the figures; `MIDST_CONFIG_FUZZ_CASES` and `MIDST_CONFIG_FUZZ_SEED` change them.
@Suite("Fuzzing scoring configurations")
struct ScoringConfigFuzzTests {
    /// A key the generator may write, and the values that are in bounds for it.
    struct Slot: Sendable {
        enum Kind: Sendable { case weight, unit, percent, step, days, flag }
        var path: [String]
        var kind: Kind
    }

    static let slots: [Slot] = {
        var slots = ScoreComponent.allCases.map {
            Slot(path: ["weights", $0.rawValue], kind: .weight)
        }
        func add(_ group: [String], _ keys: [String], _ kind: Slot.Kind) {
            slots += keys.map { Slot(path: group + [$0], kind: kind) }
        }
        add(["specialty"], ["exact", "parentOrChild", "sibling", "secondaryFactor"], .unit)
        add(
            ["country"],
            [
                "nationality", "birth", "trained", "heritage", "worked", "sameSubregionFactor",
                "sameRegionFactor",
            ],
            .unit)
        add(["language"], ["requiredWeight", "preferredWeight", "localWeight"], .weight)
        add(["language"], ["requiredAtMinimum", "preferredBelowFactor"], .unit)
        add(["language"], ["localMinimumPercent", "localSaturationPercent"], .percent)
        add(
            [], ["seniorityPenaltyPerLevel", "experiencePerPlacement", "experienceSameCountry"],
            .unit)
        add([], ["priorityStep"], .step)
        add([], ["isSpecialtyHard", "isSeniorityHard"], .flag)
        add(["followUp"], ["askedHoldDays", "noResponseDays"], .days)
        return slots
    }()

    /// Spellings at the edges of a bound, valid for the slot's kind.
    static func edges(_ kind: Slot.Kind) -> [String] {
        switch kind {
        case .weight:
            ["0", "-0", "5e-324", "2.2250738585072014e-308", "1e-300", "1e300", "1e299", "7"]
        case .unit: ["0", "1", "-0", "5e-324", "0.9999999999999999", "1e-310"]
        case .percent: ["0", "100", "5e-324", "99.99999999999999", "1e-320"]
        case .step: ["0", "0.49999999999999994", "5e-324"]
        case .days: ["0", "10000", "1"]
        case .flag: ["true", "false"]
        }
    }

    /// Values out of every bound, or not numbers at all, or numbers JSON cannot hold.
    static let wild = [
        "-1", "-5e-324", "-1e-320", "1.0000000000000002", "100.00000000000001", "0.5", "1e301",
        "1e306", "1e307", "1.7976931348623157e308", "1e308", "1e309", "-1e309", "1e400", "-1e400",
        "1e-400", "NaN", "Infinity", "-Infinity", "nan", "10001", "-10", "2.5", "\"5\"", "null",
        "true", "[]", "{}", "1e2", "0x10", "1_000",
    ]

    /// Whole values for a list key, well formed or not.
    static let lists: [(path: [String], spellings: [String])] = [
        (
            ["country", "affinities"],
            [
                "[]", #"[{"countries":["SO","XS"],"factor":0.95}]"#,
                #"[{"countries":["SO"],"factor":0.5}]"#,
                #"[{"countries":["SO","XS"],"factor":1e309}]"#,
                #"[{"countries":["SO","XS"],"factor":-0.1}]"#, #"[{"countries":["SO","XS"]}]"#,
                #"[{"countries":["SO","XS"],"factor":5e-324}]"#, "{}",
            ]
        ),
        (
            ["language", "nonLocalLanguages"],
            ["[]", #"["en"]"#, #"["en","sw","xx"]"#, "[1]", "null"]
        ),
        (["professionEquivalences"], ["[]", #"[["nurse","midwife"]]"#, #"[["x"]]"#, #""nurse""#]),
    ]

    /// Keys no configuration has.
    static let strays: [[String]] = [
        ["weights", "langauge"], ["surprise"], ["language", "extra"], ["followUp", "days"],
    ]

    /// How often a key is present, and how often a present value is wild, file by file.
    static let presences: [Double] = [1.0, 0.6, 0.2, 0.03]
    static let wildnesses: [Double] = [0.0, 0.01, 0.05, 0.3]
    static let drawCount: Int = (slots.count + lists.count) * 4 + 2

    /// One generated file: each key present or not, in bounds or wild, and maybe a stray key.
    static let files = zip(
        Gen.int(in: 0...presences.count - 1), Gen.int(in: 0...wildnesses.count - 1),
        Gen.double(in: 0..<1).array(of: drawCount),
        Gen.double(in: -0.25...1.25).array(of: slots.count)
    )
    .map { (draw: (Int, Int, [Double], [Double])) -> String in
        file(
            presence: presences[draw.0], wildness: wildnesses[draw.1], draws: draw.2, values: draw.3
        )
    }

    /// The file that `draws` (uniform in 0..<1) and `values` pick.
    static func file(presence: Double, wildness: Double, draws: [Double], values: [Double])
        -> String
    {
        var remaining = draws.makeIterator()
        func next() -> Double { remaining.next()! }
        func pick<T>(_ list: [T]) -> T {
            list[min(Int(next() * Double(list.count)), list.count - 1)]
        }
        var object: [String: Any] = [:]
        for (slot, value) in zip(slots, values) {
            let isPresent = next() < presence
            let isWild = next() < wildness
            let isEdge = next() < 0.3
            guard isPresent else { continue }
            object[slot.path] =
                isWild ? pick(wild) : isEdge ? pick(edges(slot.kind)) : spelling(value, slot.kind)
        }
        for list in lists {
            let isPresent = next() < presence
            let spelling = pick(list.spellings)
            _ = next()
            if isPresent { object[list.path] = spelling }
        }
        if next() < wildness { object[pick(strays)] = "1" }
        return JSONText.object(object)
    }

    /// A value within the bounds of `kind`, from `value` (about 0…1).
    static func spelling(_ value: Double, _ kind: Slot.Kind) -> String {
        let unit = min(max(value, 0), 1)
        switch kind {
        case .weight: return "\(abs(value) * 50)"
        case .unit: return "\(unit)"
        case .percent: return "\(unit * 100)"
        case .step: return "\(unit * 0.49)"
        case .days: return "\(Int(unit * 10_000))"
        case .flag: return unit < 0.5 ? "true" : "false"
        }
    }

    /// Twenty generated people and five generated needs, with the bundled reference data.
    struct Sample {
        let reference: ReferenceData
        let table: StaffTable
        let needs: [Need]

        init() throws {
            reference = try ReferenceFixtures.bundledReference()
            let (staff, needs) = try ReferenceFixtures.generated(staff: 20, needs: 5, seed: 22)
            var everyone = staff
            for index in everyone.indices { everyone[index].hasConsented = true }
            table = StaffTable(
                staff: everyone, contexts: everyone.map { _ in Staff.Context() },
                reference: reference)
            self.needs = needs
        }
    }

    /// What a file did: refused with a message, or accepted and scored `pairs` pairs.
    enum Verdict {
        case refused(String)
        case accepted(pairs: Int)
    }

    /// Loads `file`; when accepted, scores and explains every sample pair, recording an issue
    /// for any score or value out of range and checking the configuration's own JSON.
    static func check(_ file: String, on sample: Sample) -> Verdict {
        let config: ScoringConfig
        do {
            config = try ScoringConfig(json: Data(file.utf8))
        } catch {
            // Names the key at fault, or says the file is not JSON.
            let message = error.message
            let isClear = ["key '", "unknown key '", "not valid JSON", "at least one weight"]
                .contains {
                    message.hasPrefix($0)
                }
            #expect(isClear, "\(message) for \(file)")
            return .refused(message)
        }
        // The configuration recorded with every run: JSON that reads back the same.
        #expect((try? ScoringConfig(json: Data(config.json().utf8))) == config, "\(file)")
        let scorer = Scorer(reference: sample.reference, config: config)
        var pairs = 0
        for need in sample.needs {
            let plan = NeedPlan(need: need, scorer: scorer)
            for row in 0..<sample.table.count {
                let score = plan.score(row, in: sample.table)
                let values = plan.components(row, in: sample.table)
                let numbers = [score] + ScoreComponent.allCases.map { values[$0] }
                guard numbers.allSatisfy(\.isFinite) else {
                    Issue.record("not finite: \(numbers) for \(need.id) row \(row) with \(file)")
                    return .accepted(pairs: pairs)
                }
                #expect((0...100).contains(score), "score \(score) with \(file)")
                #expect(
                    numbers.dropFirst().allSatisfy { (0...1).contains($0) },
                    "\(numbers) with \(file)")
                pairs += 1
            }
            // Reasons are words, slow to build: one explanation per need, as `why --format
            // json` prints it.
            let components = plan.explain(0, in: sample.table, weights: config.weights)
            let object: [String: Any] = [
                "score": plan.score(0, in: sample.table),
                "components": components.map {
                    [
                        "name": $0.component.rawValue, "value": $0.value, "weight": $0.weight,
                        "points": $0.contribution, "reason": $0.reason,
                    ] as [String: Any]
                },
            ]
            guard components.allSatisfy({ $0.contribution.isFinite && $0.weight.isFinite }) else {
                Issue.record("not finite: \(components) with \(file)")
                continue
            }
            #expect(throws: Never.self) { try JSONSerialization.data(withJSONObject: object) }
        }
        return .accepted(pairs: pairs)
    }

    @Test("every generated configuration is refused with a message or scores within 0–100")
    func generatedConfigurations() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["MIDST_CONFIG_FUZZ_CASES"].flatMap(Int.init) ?? 10_000
        let seed = environment["MIDST_CONFIG_FUZZ_SEED"].flatMap(UInt64.init) ?? 22
        var random = Xoshiro(
            seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, ~seed, 0x2545_F491_4F6C_DD1D))
        let sample = try Sample()
        let started = Date()
        var refused = 0
        var accepted = 0
        var pairs = 0
        for _ in 0..<count {
            switch Self.check(Self.files.run(using: &random), on: sample) {
            case .refused: refused += 1
            case .accepted(let scored):
                accepted += 1
                pairs += scored
            }
        }
        // Both sides of the bounds were reached, or the fuzz tested little.
        #expect(
            refused > count / 10 && accepted > count / 10,
            "\(refused) refused, \(accepted) accepted")
        print(
            "configuration fuzz: \(count) files (seed \(seed)): \(refused) refused, \(accepted) accepted, "
                + "\(pairs) pairs scored, in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
    }
}

/// JSON text from nested dictionaries whose leaves are already JSON spellings, so that a file
/// can hold what JSONSerialization would never write (`1e400`, `NaN`, `-0`).
enum JSONText {
    static func object(_ object: [String: Any]) -> String {
        let members = object.keys.sorted().map { key in
            let value = object[key]!
            let text = (value as? [String: Any]).map(Self.object) ?? (value as! String)
            return "\"\(key)\":\(text)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The value at a key path, creating the objects on the way.
    subscript(path: [String]) -> Any? {
        get {
            path.count == 1
                ? self[path[0]] : (self[path[0]] as? [String: Any])?[Array(path.dropFirst())]
        }
        set {
            guard path.count > 1 else {
                self[path[0]] = newValue
                return
            }
            var inner = self[path[0]] as? [String: Any] ?? [:]
            inner[Array(path.dropFirst())] = newValue
            self[path[0]] = inner
        }
    }
}
