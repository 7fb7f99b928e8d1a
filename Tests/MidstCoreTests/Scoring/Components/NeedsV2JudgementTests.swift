import Testing

@testable import MidstCore

/// A coordinator's judgements about the partnership, several host countries, a minimum score and
/// the per-need specialty constraint, on small hand-made pools scored with the bundled reference
/// data (docs/SCORING.md).
@Suite("Needs v2 judgements")
struct NeedsV2JudgementTests {
    let reference: ReferenceData
    let scorer: Scorer
    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        scorer = Scorer(reference: reference)
    }

    func need(
        _ countries: [String] = ["KE"], specialties: [String] = ["nursing_adult"],
        partners: [String] = []
    ) -> Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "Cambridge–Kakamega",
            hostInstitution: "Kakamega County General Hospital",
            country: CountryCode(rawValue: countries[0]), professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: specialties.map(SpecialtyCode.init(rawValue:)), mode: .either,
            otherCountries: countries.dropFirst().map(CountryCode.init(rawValue:)),
            partners: partners, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func nurse(
        _ id: String, employer: String? = nil, specialties: [String] = ["nursing_adult"],
        ties: [(String, CountryTie.Kind)] = [(("GB"), .nationality)]
    ) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "nurse"),
            specialties: specialties.map(SpecialtyCode.init(rawValue:)),
            seniority: Seniority(rawValue: 3)!,
            countryTies: ties.map { CountryTie(country: CountryCode(rawValue: $0.0), kind: $0.1) },
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            hasConsented: true, employer: employer, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func ranking(_ people: [Staff], for need: Need) -> [String] {
        scorer.rank(people.map { ($0, Staff.Context()) }, for: need, top: people.count)
            .map(\.staff.id.rawValue)
    }

    @Test(
        "the partner trust's person ranks above an otherwise identical one, however the trust is written",
        arguments: [
            "Cambridge University Hospitals NHS Foundation Trust", "cambridge university hospitals",
            "RGT", "The Cambridge University Hospitals NHS FT",
        ])
    func partnerFirst(partner: String) throws {
        let kakamega = need(partners: [partner])
        // S1 sorts first by id, so only the partnership can put S2 ahead.
        let elsewhere = nurse("S1", employer: "Leeds Teaching Hospitals NHS Trust")
        let partnerStaff = nurse(
            "S2", employer: "Cambridge University Hospitals NHS Foundation Trust")
        #expect(ranking([elsewhere, partnerStaff], for: kakamega) == ["S2", "S1"])
        let reason = try #require(
            scorer.explain(partnerStaff, for: kakamega).components.first {
                $0.component == .partnership
            })
        #expect(reason.value == 1)
        #expect(reason.reason == "Works for \(partner), the partnership's UK partner")
        let other = scorer.explain(elsewhere, for: kakamega).components.first {
            $0.component == .partnership
        }
        #expect(other?.value == 0)
        #expect(other?.reason.hasPrefix("Does not work for the partnership's UK partner") == true)
    }

    @Test("naming a partner raises its staff and lowers nobody: an outsider scores the same without it")
    func partnerIsABonus() {
        let withPartner = need(partners: ["RGT"])
        let withoutPartner = need()
        // A partner that employs nobody here (a royal college) lowers nobody either.
        let college = need(partners: ["Royal College of Obstetricians and Gynaecologists"])
        let outsider = nurse("S2", employer: "Leeds Teaching Hospitals NHS Trust")
        let partnerStaff = nurse("S1", employer: "RGT")
        let score = { (person: Staff, need: Need) in scorer.explain(person, for: need).score }
        #expect(score(outsider, withPartner) == score(outsider, withoutPartner))
        #expect(score(nurse("S3"), withPartner) == score(nurse("S3"), withoutPartner))
        #expect(score(outsider, college) == score(outsider, withoutPartner))
        #expect(score(partnerStaff, withPartner) > score(partnerStaff, withoutPartner))
        let reason = scorer.explain(partnerStaff, for: withoutPartner).components.first {
            $0.component == .partnership
        }
        #expect(reason?.value == 0)
        #expect(reason?.reason.hasPrefix("The need names no UK partner") == true)
    }

    @Test("OrganisationKey joins the spellings of one trust and keeps different trusts apart")
    func organisationKeys() {
        let key = { OrganisationKey.key($0, reference) }
        #expect(key("Guy's & St Thomas' NHS Foundation Trust") == key("guys and st thomas"))
        #expect(key("RJ1") == key("Guy's and St Thomas' NHS Foundation Trust"))
        #expect(key("Leeds Teaching Hospitals NHS Trust") != key("Leeds Community Healthcare"))
        #expect(key("") == 0)
        #expect(key(nil) == 0)
    }

    @Test("a regional need counts a tie to any of its countries in full, and says which")
    func severalCountries() throws {
        let regional = need(["MW", "ZM", "TZ"])
        let zambian = nurse("S1", ties: [("ZM", .nationality)])
        let kenyan = nurse("S2", ties: [("KE", .nationality)])
        let explanation = scorer.explain(zambian, for: regional)
        let country = try #require(explanation.components.first { $0.component == .country })
        #expect(country.value == 1)
        #expect(country.reason == "Nationality: Zambia — the need is in Malawi or Zambia or Tanzania")
        #expect(ranking([kenyan, zambian], for: regional) == ["S1", "S2"])
        // Kenya is in the same subregion as all three.
        let kenya = scorer.explain(kenyan, for: regional).components.first {
            $0.component == .country
        }
        #expect(kenya?.reason == "Nationality: Kenya, in the need's subregion Eastern Africa")
    }

    @Test("a minimum score leaves out whoever scores below it, and why names it")
    func minimumScore() throws {
        var strict = need()
        let related = nurse("S1", specialties: ["nursing_critical_care"])
        let exact = nurse("S2")
        let relatedScore = try #require(scorer.score(related, for: strict))
        let exactScore = try #require(scorer.score(exact, for: strict))
        #expect(relatedScore < exactScore)
        strict.minimumScore = (relatedScore + exactScore) / 2
        #expect(ranking([related, exact], for: strict) == ["S2"])
        let explanation = scorer.explain(related, for: strict)
        #expect(explanation.exclusions.map(\.name) == ["min_score"])
        #expect(explanation.exclusions[0].description.contains("below the need's min_score"))
    }

    @Test("a need can turn the specialty constraint off (or on) whatever the configuration says")
    func specialtyConstraintPerNeed() {
        var theatre = need(specialties: ["nursing_theatre"])
        let unrelated = nurse("S1", specialties: ["nursing_mental_health"])
        #expect(ranking([unrelated], for: theatre).isEmpty)
        theatre.requiresSpecialty = false
        #expect(ranking([unrelated], for: theatre) == ["S1"])
        var soft = ScoringConfig()
        soft.isSpecialtyHard = false
        theatre.requiresSpecialty = true
        let ranked = Scorer(reference: reference, config: soft)
            .rank([(unrelated, Staff.Context())], for: theatre, top: 1)
        #expect(ranked.isEmpty)
    }
}
