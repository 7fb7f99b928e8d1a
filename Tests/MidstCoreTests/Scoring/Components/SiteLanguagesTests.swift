import Testing

@testable import MidstCore

/// Site languages per country (issue 24): a regional need's site languages belong to their
/// country, and its other countries keep CLDR's country-wide shares (docs/SCORING.md,
/// "Language").
@Suite("Site languages by country")
struct SiteLanguagesTests {
    let reference: ReferenceData
    let scorer: Scorer
    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        scorer = Scorer(reference: reference)
    }

    func need(_ countries: [String], sites: [(String?, String)] = []) -> Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "East African midwifery",
            hostInstitution: "Mulago Hospital", country: CountryCode(rawValue: countries[0]),
            professions: [SpecialtyCode(rawValue: "midwife")],
            preferredLanguages: sites.map {
                Need.LanguageRequirement(
                    language: LanguageCode(rawValue: $0.1), minimumLevel: .b1,
                    country: $0.0.map(CountryCode.init(rawValue:)))
            },
            mode: .either, otherCountries: countries.dropFirst().map(CountryCode.init(rawValue:)),
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    func midwife(_ id: String, speaks languages: [(String, LanguageLevel)]) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "midwife"),
            specialties: [], seniority: Seniority(rawValue: 3)!, countryTies: [],
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)]
                + languages.map {
                    Staff.LanguageSkill(language: LanguageCode(rawValue: $0.0), level: $0.1)
                },
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func language(_ person: Staff, _ need: Need) -> Explanation.Component {
        scorer.explain(person, for: need).components.first { $0.component == .language }!
    }

    @Test("naming the main country's site language leaves the other countries their CLDR shares")
    func otherCountriesKeepTheirShares() {
        let regional = need(["UG", "KE"], sites: [(nil, "lg")])
        let swahili = midwife("S1", speaks: [("sw", .c1)])
        let nothing = midwife("S2", speaks: [])
        let kenyan = language(swahili, regional)
        // Swahili is 66% of Kenya: the local part (0.3 of 0.6 here) is C1 rank 5/7 × 1.
        #expect(abs(kenyan.value - 0.3 * (5.0 / 7) / 0.6) < 1e-12)
        #expect(kenyan.reason == "Speaks Swahili (macrolanguage) (C1); 66% of Kenya's population speaks it")
        #expect(language(nothing, regional).value == 0)
        #expect(language(nothing, regional).reason == "Speaks none of the need's or Kenya's languages")
        // The Luganda speaker still earns the site's full credit.
        let ganda = language(midwife("S3", speaks: [("lg", .native)]), regional)
        #expect(ganda.value == 1)
        #expect(ganda.reason == "Speaks Ganda (native), a language of the need's site")
    }

    @Test("each country's site may name its own language, and the reason names the country")
    func sitesInTwoCountries() {
        let regional = need(["UG", "KE"], sites: [(nil, "lg"), ("KE", "luo")])
        let luo = language(midwife("S1", speaks: [("luo", .native)]), regional)
        #expect(luo.value == 1)
        #expect(luo.reason == "Speaks Luo (Kenya and Tanzania) (native), a language of the need's site in Kenya")
        // Kenya's CLDR shares no longer stand in: its site's language is named.
        #expect(language(midwife("S2", speaks: [("sw", .c1)]), regional).value == 0)
    }

    @Test("a single-country need scores as before: its site languages replace CLDR's shares")
    func singleCountryUnchanged() {
        let kampala = need(["UG"], sites: [(nil, "lg")])
        #expect(language(midwife("S1", speaks: [("sw", .native)]), kampala).value == 0)
        let sameCountry = need(["UG"], sites: [("UG", "lg")])
        #expect(sameCountry.preferredLanguages[0].country != nil)
        #expect(language(midwife("S1", speaks: [("sw", .native)]), sameCountry).value == 0)
    }

    @Test("Congo Swahili counts as Swahili, and the reason says so rather than crediting it with Swahili's share")
    func congoSwahili() {
        let reason = language(midwife("S1", speaks: [("swc", .native)]), need(["TZ"])).reason
        #expect(reason.hasPrefix("Speaks Congo Swahili (native), which counts as Swahili (macrolanguage); "))
        #expect(reason.hasSuffix("of Tanzania's population speaks Swahili (macrolanguage)"))
    }
}
