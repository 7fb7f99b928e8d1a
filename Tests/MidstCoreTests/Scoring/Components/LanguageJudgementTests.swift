import Testing

@testable import MidstCore

/// A coordinator's judgements about languages, as orderings on small hand-made pools scored
/// with the bundled reference data (docs/SCORING.md, "Language").
@Suite("Language judgements")
struct LanguageJudgementTests {
    let scorer: Scorer

    init() throws { scorer = Scorer(reference: try ReferenceFixtures.bundledReference()) }

    func need(
        _ country: String, required: [(String, LanguageLevel)] = [],
        preferred: [(String, LanguageLevel)] = []
    ) -> Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: country), professions: [SpecialtyCode(rawValue: "nurse")],
            requiredLanguages: required.map {
                Need.LanguageRequirement(language: LanguageCode(rawValue: $0.0), minimumLevel: $0.1)
            },
            preferredLanguages: preferred.map {
                Need.LanguageRequirement(language: LanguageCode(rawValue: $0.0), minimumLevel: $0.1)
            },
            mode: .either, updatedAt: Timestamp(secondsSince1970: 0))
    }

    /// A nurse who differs from the others only by the languages given.
    func person(_ id: String, _ languages: [(String, LanguageLevel)]) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "nurse"),
            specialties: [SpecialtyCode(rawValue: "nursing_adult")],
            seniority: Seniority(rawValue: 3)!,
            languages: languages.map {
                Staff.LanguageSkill(language: LanguageCode(rawValue: $0.0), level: $0.1)
            },
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func ranking(_ people: [Staff], for need: Need) -> [String] {
        scorer.rank(people.map { ($0, Staff.Context()) }, for: need, top: people.count)
            .map(\.staff.id.rawValue)
    }

    func score(_ person: Staff, _ need: Need) throws -> Double {
        try #require(scorer.score(person, for: need))
    }

    @Test("the site's named language beats the country's lingua franca, however rare country-wide")
    func siteLanguageOverLinguaFranca() throws {
        // Gulu: Acholi is 3.7% of Uganda (under CLDR's 5% floor), Swahili 75%, Luganda 13%.
        let gulu = need("UG", required: [("en", .b2)], preferred: [("ach", .b1)])
        let acholi = person("S1", [("en", .c1), ("ach", .native)])
        let swahili = person("S2", [("en", .c1), ("sw", .native), ("lg", .native)])
        #expect(ranking([swahili, acholi], for: gulu) == ["S1", "S2"])
        #expect(try score(acholi, gulu) > score(swahili, gulu))
    }

    @Test("a local language at B2 beats native English alone, English being the working language")
    func localLanguageOverNativeEnglish() throws {
        // Malawi: CLDR gives English and Nyanja (Chichewa) 63% each.
        let malawi = need("MW", required: [("en", .b2)])
        let chichewa = person("S1", [("en", .b2), ("ny", .b2)])
        let english = person("S2", [("en", .native)])
        #expect(ranking([english, chichewa], for: malawi) == ["S1", "S2"])
        // With no required language, English is still no local language.
        let open = need("MW")
        #expect(ranking([english, chichewa], for: open) == ["S1", "S2"])
    }

    @Test("any one of the site's languages is enough: two named languages are not averaged")
    func anyOfPreferred() throws {
        let kampala = need("UG", preferred: [("lg", .b2), ("sw", .b2)])
        let one = person("S1", [("lg", .native)])
        let both = person("S2", [("lg", .native), ("sw", .native)])
        let neither = person("S3", [("fr", .native)])
        #expect(try score(one, kampala) == score(both, kampala))
        #expect(try score(one, kampala) > score(neither, kampala))
    }

    @Test("an individual language meets its macrolanguage and the reverse, in scoring and constraints")
    func macrolanguages() throws {
        // Twi (tw) is an individual language of Akan (ak).
        let ghana = need("GH", preferred: [("tw", .b2)])
        let akan = person("S1", [("ak", .native)])
        let twi = person("S2", [("tw", .native)])
        let ewe = person("S3", [("ee", .native)])
        #expect(try score(akan, ghana) == score(twi, ghana))
        #expect(try score(akan, ghana) > score(ewe, ghana))
        // Swahili: the need requires the macrolanguage; the person lists the individual language.
        let kenya = need("KE", required: [("sw", .b2)])
        #expect(scorer.exclusions(of: person("S4", [("swh", .c1)]), for: kenya).isEmpty)
        let excluded = scorer.exclusions(of: person("S5", [("ak", .c1)]), for: kenya)
        #expect(excluded.map(\.name) == ["language"])
        // Two members of one macrolanguage do not meet: Fante (fat) is not Twi.
        #expect(try score(person("S6", [("fat", .native)]), ghana) == score(ewe, ghana))
    }

    @Test("the explanation names the language met, and an equivalent as such")
    func reasons() throws {
        let kenya = need("KE", required: [("sw", .b2)])
        let explanation = scorer.explain(person("S1", [("swh", .c1)]), for: kenya)
        let reason = try #require(explanation.components.first { $0.component == .language })
            .reason
        #expect(reason.contains("Speaks Swahili (individual language), for Swahili (macrolanguage) (C1), required at B2"))
    }
}

@Suite("Language names")
struct LanguageNameTests {
    @Test("a language given by name gets the nearest names as suggestions")
    func suggestions() throws {
        let reference = try ReferenceFixtures.bundledReference()
        func codes(_ text: String) -> [String] {
            reference.languages(namedLike: text).map(\.code.rawValue)
        }
        #expect(codes("Wolof") == ["wo"])
        #expect(codes("wolof") == ["wo"])
        #expect(codes("Acholi") == ["ach"])
        #expect(codes("Swahili") == ["sw", "swh"])
        #expect(codes("xx").isEmpty)
        #expect(codes("Zzzzzzzz").isEmpty)
    }

    @Test("an import names the suggestion beside the unknown code")
    func importMessage() {
        var row = NeedValidatorTests.minimalRow()
        row[.preferredLanguages] = "Acholi"
        let validator = NeedValidator(
            reference: try! ReferenceFixtures.bundledReference(), now: NeedValidatorTests.now)
        guard case .failure(let failure) = validator.validate(row, file: "needs.csv") else {
            Issue.record("an unknown language was accepted")
            return
        }
        #expect(failure.issues.map(\.message).contains { $0.hasSuffix("did you mean ach (Acoli)?") })
    }
}
