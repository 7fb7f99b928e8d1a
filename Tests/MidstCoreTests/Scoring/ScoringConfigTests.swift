import Foundation
import Testing

@testable import MidstCore

@Suite("Scoring configuration")
struct ScoringConfigTests {
    @Test("the defaults survive a round trip through JSON")
    func roundTrip() throws {
        let config = try ScoringConfig(json: Data(ScoringConfig().json().utf8))
        #expect(config == ScoringConfig())
    }

    @Test("a file may set only what it changes")
    func partialFile() throws {
        let config = try ScoringConfig(
            json: Data(
                #"{"weights":{"language":40},"isSeniorityHard":true,"professionEquivalences":[["nurse","midwife"]]}"#
                    .utf8))
        #expect(config.weights[.language] == 40)
        #expect(config.weights[.specialty] == 30)
        #expect(config.isSeniorityHard)
        #expect(config.professionEquivalences == [["nurse", "midwife"]])
        #expect(config.country == ScoringConfig().country)
    }

    @Test(
        "bad files are refused with the key at fault",
        arguments: [
            (#"{"weights":{"langauge":40}}"#, "unknown key 'weights.langauge'"),
            (#"{"weights":{"language":"a lot"}}"#, "key 'weights.language' must be a number"),
            (#"{"weights":5}"#, "key 'weights' must be an object"),
            (#"{"isSeniorityHard":"yes"}"#, "key 'isSeniorityHard' must be true or false"),
            (
                #"{"weights":{"country":-1}}"#,
                "key 'weights.country' must be a number of at least 0"
            ),
            (#"{"specialty":{"sibling":1.5}}"#, "key 'specialty.sibling' must be between 0 and 1"),
            (
                #"{"weights":{"specialty":0,"country":0,"language":0,"seniority":0,"availability":0,"experience":0,"partnership":0}}"#,
                "at least one weight must be above 0"
            ),
            ("not json", "not valid JSON"),
            (#"{"priorityStep":0.5}"#, "key 'priorityStep' must be at least 0 and below 0.5"),
            // Issue 22: each finite, their sum not; a minimum above the saturation.
            (
                #"{"weights":{"specialty":1e308,"country":1e308}}"#,
                "the weights must add up to a finite number"
            ),
            (
                #"{"language":{"requiredWeight":1e308,"preferredWeight":1e308}}"#,
                "the language weights must add up to a finite number"
            ),
            (
                #"{"language":{"localMinimumPercent":500}}"#,
                "key 'language.localMinimumPercent' must be a percentage from 0 to 100"
            ),
            (
                #"{"language":{"localMinimumPercent":30,"localSaturationPercent":20}}"#,
                "must not be above 'language.localSaturationPercent'"
            ),
        ])
    func badFiles(json: String, message: String) {
        #expect {
            _ = try ScoringConfig(json: Data(json.utf8))
        } throws: { error in
            (error as? ScoringConfigError)?.message.contains(message) == true
        }
    }
}
