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
                "key 'weights.country' must be a number from 0 to 1e300"
            ),
            (#"{"specialty":{"sibling":1.5}}"#, "key 'specialty.sibling' must be between 0 and 1"),
            (
                #"{"weights":{"specialty":0,"country":0,"language":0,"seniority":0,"availability":0,"experience":0,"partnership":0}}"#,
                "at least one weight must be above 0"
            ),
            ("not json", "not valid JSON"),
            (#"{"priorityStep":0.5}"#, "key 'priorityStep' must be at least 0 and below 0.5"),
            // Issue 22: each finite, their sum not; one finite but 100 times it not (a score that
            // was not a number); a minimum above the saturation.
            (
                #"{"weights":{"specialty":1e308,"country":1e308}}"#,
                "key 'weights.specialty' must be a number from 0 to 1e300"
            ),
            (
                #"{"weights":{"specialty":1e307}}"#,
                "key 'weights.specialty' must be a number from 0 to 1e300"
            ),
            (
                #"{"language":{"requiredWeight":1e308,"preferredWeight":1e308}}"#,
                "key 'language.requiredWeight' must be a number from 0 to 1e300"
            ),
            // Found by ScoringConfigFuzzTests: messages that named no key.
            (
                #"{"followUp":{"askedHoldDays":0.5}}"#,
                "key 'followUp.askedHoldDays' must be a whole number"
            ),
            (#"{"specialty":{"exact":null}}"#, "key 'specialty.exact' must be a number, not null"),
            (
                #"{"country":{"affinities":[{"countries":["SO","XS"]}]}}"#,
                "key 'country.affinities.0.factor' is missing"
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

    @Test("a configuration no file could hold still prints, and is refused when read back")
    func nonFiniteConfiguration() {
        var config = ScoringConfig()
        config.weights[.specialty] = .nan
        config.language.localWeight = .infinity
        let json = config.json()
        #expect(json.contains(#""specialty" : "NaN""#), "\(json)")
        #expect {
            _ = try ScoringConfig(json: Data(json.utf8))
        } throws: { error in
            (error as? ScoringConfigError)?.message.contains("must be a number") == true
        }
    }
}
