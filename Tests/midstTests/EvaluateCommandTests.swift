import Foundation
import MidstCore
import MidstTestSupport
import Testing

/// `midst evaluate` end to end on the sample data.
@Suite("Evaluate command")
struct EvaluateCommandTests {
    @Test("evaluate --format json gives the metrics, their intervals and the ablation; a config changes them")
    func json() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["evaluate", "--k", "10", "--format", "json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["ndcg@10", "mrr", "map", "precision@10", "recall@10"] {
            let value = try #require(object[key] as? Double, "\(key)")
            #expect((0...1).contains(value))
            let interval = try #require(
                (object["confidence_intervals"] as? [String: [Double]])?[key])
            #expect(interval[0] <= value && value <= interval[1])
        }
        #expect((object["needs"] as? Int ?? 0) > 0)
        #expect((object["ablation"] as? [String: Any])?.count == 7)
        // Without the country weight: a different ranking, so the ablation's NDCG.
        try #"{"weights": {"country": 0}}"#
            .write(toFile: folder.path("country.json"), atomically: true, encoding: .utf8)
        let countryOnly = try MidstProcess.run(
            ["evaluate", "--format", "json", "--config", "country.json"], in: folder.url)
        let other = try #require(
            try JSONSerialization.jsonObject(with: Data(countryOnly.stdout.utf8)) as? [String: Any])
        let ablated = (object["ablation"] as? [String: [String: Double]])?["country"]?["ndcg@10"]
        #expect(other["ndcg@10"] as? Double == ablated)
        #expect(ablated != object["ndcg@10"] as? Double)
    }

    @Test("evaluate without outcomes says what to do")
    func noOutcomes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try MidstProcess.run(["import", "needs", sample("needs.csv")], in: folder.url)
        let result = try MidstProcess.run(["evaluate"], in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("import outcomes"))
    }
}

/// `midst tune` end to end on the sample data.
@Suite("Tune command")
struct TuneCommandTests {
    @Test("tune writes a configuration that config check and evaluate accept, and says how it compares")
    func writesConfiguration() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            ["tune", "--folds", "3", "--seed", "2", "--out", "tuned.json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Held out (ndcg@10"))
        #expect(
            result.stdout.contains("keep the defaults")
                || result.stdout.contains("rank better on needs they were not fitted to"))
        #expect(try MidstProcess.run(["config", "check", "tuned.json"], in: folder.url).status == 0)
        let evaluated = try MidstProcess.run(
            ["evaluate", "--config", "tuned.json", "--format", "json"], in: folder.url)
        #expect(evaluated.status == 0)
        // The same seed writes the same file.
        let first = try String(contentsOfFile: folder.path("tuned.json"), encoding: .utf8)
        _ = try MidstProcess.run(
            ["tune", "--folds", "3", "--seed", "2", "--out", "again.json"], in: folder.url)
        #expect(try String(contentsOfFile: folder.path("again.json"), encoding: .utf8) == first)
    }

    @Test("tune --repeats prints every fold of every repeat with its weights, each repeat's interval and the verdict's rule")
    func repeatedFolds() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            ["tune", "--folds", "3", "--repeats", "2", "--out", "tuned.json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let header = try #require(lines.first { $0.hasPrefix("repeat  fold") })
        #expect(header.contains("specialty") && header.contains("partnership"))
        // Three folds of each repeat, a row each.
        #expect(lines.count { $0.hasPrefix("1       ") } == 3)
        #expect(lines.count { $0.hasPrefix("2       ") } == 3)
        #expect(result.stdout.contains("    repeat 1  ") && result.stdout.contains("    repeat 2  "))
        #expect(result.stdout.contains("averaged over 2 repeats"))
        #expect(result.stdout.contains("component     weight  fold_mean  fold_sd  fold_min  fold_max"))
    }

    @Test("tune --split date --format json: one fold trained before the cut, its weights' spread and the verdict")
    func dateSplitJSON() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(
            ["tune", "--split", "date:0.6", "--format", "json", "--out", "tuned.json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["split"] as? String == "date:0.6")
        let cut = try #require(object["cut"] as? String)
        #expect(CalendarDate(iso: cut) != nil)
        let folds = try #require(object["folds"] as? [[String: Any]])
        #expect(folds.count == 1)
        let fold = try #require(folds.first)
        #expect((fold["training_needs"] as? Int ?? 0) > 0 && (fold["held_out_needs"] as? Int ?? 0) > 0)
        let spread = try #require(object["weight_spread"] as? [[String: Any]])
        #expect(spread.count == ScoreComponent.allCases.count)
        // One fold: no spread.
        #expect(spread.allSatisfy { $0["fold_sd"] as? Double == 0 })
        #expect(["improvement", "within noise"].contains(object["verdict"] as? String ?? ""))
    }

    @Test("tune refuses a split it cannot read, and a cut that leaves nothing to train on", arguments: [
        (["--split", "date:1.5"], "--split must be"), (["--split", "date:1990-01-01"], "leaves 0 needs offered before it"),
    ])
    func badSplit(arguments: [String], message: String) throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let result = try MidstProcess.run(["tune", "--out", "tuned.json"] + arguments, in: folder.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("tune --objective ipw refuses a log without shown ranks, and a metric other than NDCG")
    func ipwNeedsShownRanks() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let withoutRanks = try MidstProcess.run(
            ["tune", "--folds", "3", "--objective", "ipw", "--out", "t.json"], in: folder.url)
        #expect(withoutRanks.status != 0)
        #expect(withoutRanks.stderr.contains("shown_rank"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("t.json")))
        let map = try MidstProcess.run(
            ["tune", "--objective", "ipw", "--metric", "map", "--out", "t.json"], in: folder.url)
        #expect(map.status != 0)
        #expect(map.stderr.contains("--objective ipw corrects NDCG only"))
        // Without shown ranks, evaluate has nothing to weigh by.
        let evaluated = try MidstProcess.run(["evaluate", "--format", "json"], in: folder.url)
        #expect(!evaluated.stdout.contains("ipw-ndcg"))
    }
}

/// `midst generate --outcomes` end to end.
@Suite("Generated outcomes")
struct GeneratedOutcomesTests {
    @Test("generated outcomes import with no rejects, the same seed gives the same file, and tune fits them at least as well as the defaults")
    func generatedOutcomes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for arguments in [
            ["generate", "--staff", "4000", "--needs", "300", "--seed", "5", "--out", "data"],
            ["import", "staff", "data/staff.csv"], ["import", "needs", "data/needs.csv"],
            ["generate", "--outcomes", "--labelled-needs", "200", "--seed", "5", "--out", "data"],
        ] {
            let result = try MidstProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let first = try String(contentsOfFile: folder.path("data/outcomes.csv"), encoding: .utf8)
        #expect(first.hasPrefix("need_id,staff_id,outcome,date,shown_rank,shown_score\n"))
        // Every ask says where the old ranking showed the person: a rank within its list of 30.
        for line in first.split(separator: "\n").dropFirst() {
            let rank = try #require(Int(line.split(separator: ",", omittingEmptySubsequences: false)[4]))
            #expect((1...30).contains(rank))
        }
        _ = try MidstProcess.run(
            ["generate", "--outcomes", "--labelled-needs", "200", "--seed", "5", "--out", "again"],
            in: folder.url)
        #expect(try String(contentsOfFile: folder.path("again/outcomes.csv"), encoding: .utf8) == first)
        // Generated outcomes are dated their need's start, up to mid-2027.
        let imported = try MidstProcess.run(
            ["import", "outcomes", "data/outcomes.csv"], in: folder.url,
            environment: ["MIDST_AS_OF": "2027-12-31"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains(" 0 rejected"))
        // The log has shown ranks: tune corrects for exposure unless told not to.
        for (objective, name) in [(nil, "ipw-ndcg@10"), ("naive", "ndcg@10")] {
            let tuned = try MidstProcess.run(
                ["tune", "--folds", "3", "--out", "t.json"] + (objective.map { ["--objective", $0] } ?? []),
                in: folder.url)
            #expect(tuned.status == 0, "\(tuned.stderr)")
            #expect(tuned.stdout.hasPrefix("Tuning \(name) by coordinate ascent"))
            #expect(tuned.stdout.contains("Propensity of being asked") == (objective == nil))
            // Whether the tuned weights also win on held-out needs is a question of the log's
            // size and bias (TUNING.md); on every need they were fitted to they rank at least as
            // well.
            let fitted = try #require(
                tuned.stdout.firstMatch(
                    of: /Weights fitted on every need \(([a-z-]+@10) ([0-9.]+) against ([0-9.]+) for the defaults\)/))
            #expect(fitted.1 == name)
            #expect(try #require(Double(fitted.2)) >= #require(Double(fitted.3)))
            #expect(
                tuned.stdout.contains("keep the defaults")
                    || tuned.stdout.contains("rank better on needs they were not fitted to"))
        }
        // evaluate reports the corrected NDCG beside the plain one, with the model it weighs by:
        // the old ranking's top five always asked, three of the 25 below.
        let evaluated = try MidstProcess.run(["evaluate", "--format", "json"], in: folder.url)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let corrected = try #require(object["ipw-ndcg@10"] as? Double)
        let interval = try #require((object["confidence_intervals"] as? [String: [Double]])?["ipw-ndcg@10"])
        #expect(interval[0] <= corrected && corrected <= interval[1])
        let propensity = try #require((object["position_bias"] as? [String: Any])?["propensity"] as? [Double])
        #expect(propensity.count == 30)
        #expect(propensity[0] == 1 && propensity[29] < 0.2)
        let csv = try MidstProcess.run(["evaluate", "--format", "csv"], in: folder.url)
        #expect(csv.stdout.split(separator: "\n").contains { $0.hasPrefix("ipw-ndcg@10,") })
    }
}

/// `midst features` and `midst tune --import-weights`: the round trip through another learner.
@Suite("Features and imported weights")
struct FeaturesCommandTests {
    @Test("features writes every judged pair evaluate ranks, with the component values, label and exposure columns")
    func features() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let written = try MidstProcess.run(["features", "--out", "f.csv"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let lines = try String(contentsOfFile: folder.path("f.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(
            lines.first
                == "need_id,staff_id,offered,need_index,specialty,country,language,seniority,availability,experience,partnership,label,shown_rank,shown_score"
        )
        let evaluated = try MidstProcess.run(["evaluate", "--format", "json"], in: folder.url)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        #expect(lines.count - 1 == object["pairs"] as? Int)
        var groups: [String] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 14)
            for value in fields[4...10] { #expect((0...1).contains(try #require(Double(value)))) }
            #expect([0, 2, 3].contains(try #require(Int(fields[11]))))
            if groups.last != fields[0] { groups.append(fields[0]) }
        }
        // A need's rows are contiguous: one group per need.
        #expect(Set(groups).count == groups.count)
        // Its own output it replaces; another file only with --force.
        #expect(try MidstProcess.run(["features", "--out", "f.csv"], in: folder.url).status == 0)
        try "keep me\n".write(toFile: folder.path("other.csv"), atomically: true, encoding: .utf8)
        #expect(try MidstProcess.run(["features", "--out", "other.csv"], in: folder.url).status != 0)
        #expect(
            try String(contentsOfFile: folder.path("other.csv"), encoding: .utf8) == "keep me\n")
        #expect(
            try MidstProcess.run(["features", "--out", "other.csv", "--force"], in: folder.url)
                .status == 0)
    }

    @Test("weights given by hand come back as a configuration that config check and evaluate accept, ranking as the same weights written directly")
    func importWeights() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        try "component,weight\nseniority,0.75\nexperience,0.25\n"
            .write(toFile: folder.path("weights.csv"), atomically: true, encoding: .utf8)
        let imported = try MidstProcess.run(
            ["tune", "--import-weights", "weights.csv", "--out", "learnt.json"], in: folder.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try MidstProcess.run(["config", "check", "learnt.json"], in: folder.url).status == 0)
        try #"{"weights": {"specialty": 0, "language": 0, "country": 0, "seniority": 3, "availability": 0, "experience": 1, "partnership": 0}}"#
            .write(toFile: folder.path("direct.json"), atomically: true, encoding: .utf8)
        let learnt = try MidstProcess.run(
            ["evaluate", "--config", "learnt.json", "--format", "csv"], in: folder.url)
        let direct = try MidstProcess.run(
            ["evaluate", "--config", "direct.json", "--format", "csv"], in: folder.url)
        let defaults = try MidstProcess.run(["evaluate", "--format", "csv"], in: folder.url)
        #expect(learnt.status == 0)
        #expect(learnt.stdout == direct.stdout)
        #expect(learnt.stdout != defaults.stdout)
        // A bad file names its line and field, and writes nothing.
        try "component,weight\nspecialty,-2\n"
            .write(toFile: folder.path("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try MidstProcess.run(
            ["tune", "--import-weights", "bad.csv", "--out", "bad.json"], in: folder.url)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:2: field 'weight'"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("bad.json")))
    }
}

/// `midst evaluate --per-need`, `--by` and `--compare` end to end.
@Suite("Evaluate for comparison")
struct EvaluateComparisonCommandTests {
    @Test("per-need rows average to the reported means; segments count every need; compare pairs the same needs")
    func comparison() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        try #"{"weights": {"specialty": 0, "language": 0, "country": 0, "seniority": 3, "availability": 0, "experience": 1, "partnership": 0}}"#
            .write(toFile: folder.path("other.json"), atomically: true, encoding: .utf8)
        let result = try MidstProcess.run(
            ["evaluate", "--format", "json", "--per-need", "per-need.csv", "--by", "country",
             "--compare", "other.json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try String(contentsOfFile: folder.path("per-need.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(rows.count == object["needs"] as? Int)
        let ndcgs = rows.map { Double($0.split(separator: ",")[1])! }
        let mean = try #require(object["ndcg@10"] as? Double)
        #expect(abs(ndcgs.reduce(0, +) / Double(ndcgs.count) - mean) < 1e-5)
        let random = try #require((object["random"] as? [String: Double])?["ndcg@10"])
        #expect((0...1).contains(random))
        let segments = try #require(object["by_country"] as? [[String: Any]])
        #expect(segments.compactMap { $0["needs"] as? Int }.reduce(0, +) == rows.count)
        let comparison = try #require(object["comparison"] as? [String: Any])
        let other = try #require((comparison["metrics"] as? [String: Any])?["ndcg@10"] as? Double)
        let difference = try #require(
            ((comparison["difference"] as? [String: Any])?["ndcg@10"] as? [String: Any])?["mean"]
                as? Double)
        #expect(abs(difference - (other - mean)) < 1e-9)
        #expect(difference != 0)
        let table = try MidstProcess.run(["evaluate", "--compare", "other.json"], in: folder.url)
        #expect(table.stdout.contains("Compared with other.json on the same needs"))
        #expect(table.stdout.contains("random"))
    }
}
