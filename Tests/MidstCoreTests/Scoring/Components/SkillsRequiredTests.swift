import Testing

@testable import MidstCore

/// `skills_required all` (issue 24, "and"): a need's skills wanted as well as a related
/// specialty, each skill on its own (docs/SCORING.md, "Specialty").
@Suite("Skills required")
struct SkillsRequiredTests {
    let reference: ReferenceData
    init() throws {
        reference = try ReferenceFixtures.bundledReference()
    }

    /// A paediatric nurse educator, as RN027 asks.
    func educator(
        _ rule: Need.SkillsRule, skills: [String] = ["education"], requiresSpecialty: Bool? = nil
    ) -> Need {
        Need(
            id: RecordID(rawValue: "RN027"), partnership: "Paediatric nursing education",
            hostInstitution: "Mulago National Referral Hospital", country: CountryCode(rawValue: "UG"),
            professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: (["nursing_children"] + skills).map(SpecialtyCode.init(rawValue:)),
            mode: .either, requiresSpecialty: requiresSpecialty, skillsRequired: rule,
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    func nurse(_ id: String, _ specialties: [String]) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "nurse"),
            specialties: specialties.map(SpecialtyCode.init(rawValue:)),
            seniority: Seniority(rawValue: 3)!, countryTies: [],
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func specialty(_ person: Staff, _ need: Need, config: ScoringConfig = ScoringConfig())
        -> Explanation.Component
    {
        Scorer(reference: reference, config: config).explain(person, for: need).components
            .first { $0.component == .specialty }!
    }

    @Test("with all, a children's nurse who teaches ranks above one who does not and a mental health nurse who teaches")
    func bothAboveEither() {
        let both = nurse("S3", ["nursing_children", "education"])
        let specialtyOnly = nurse("S1", ["nursing_children"])
        let skillOnly = nurse("S2", ["nursing_mental_health", "education"])
        // Under `any` the two halves tie, as the issue found.
        #expect(specialty(specialtyOnly, educator(.any)).value == specialty(skillOnly, educator(.any)).value)
        let scorer = Scorer(reference: reference)
        let ranked = scorer.rank(
            [specialtyOnly, skillOnly, both].map { ($0, Staff.Context()) }, for: educator(.all), top: 3)
        #expect(ranked.map(\.staff.id.rawValue) == ["S3"])
        // With the constraint off, the halves stay candidates and earn nothing of the component.
        let soft = educator(.all, requiresSpecialty: false)
        #expect(specialty(both, soft).value == 1)
        #expect(specialty(specialtyOnly, soft).value == 0)
        #expect(specialty(skillOnly, soft).value == 0)
        let softRanking = scorer.rank(
            [specialtyOnly, skillOnly, both].map { ($0, Staff.Context()) }, for: soft, top: 3)
        #expect(softRanking.first?.staff.id.rawValue == "S3")
    }

    @Test("why names the missing part of an all-of need")
    func missingPartIsNamed() {
        let scorer = Scorer(reference: reference)
        let noSkill = scorer.explain(nurse("S1", ["nursing_children"]), for: educator(.all))
        #expect(
            noSkill.exclusions.map(\.description) == [
                "has no skill related to the need's education, which the need asks for as well (skills_required all)"
            ])
        let noSpecialty = scorer.explain(
            nurse("S2", ["nursing_mental_health", "education"]), for: educator(.all))
        #expect(
            noSpecialty.exclusions.map(\.description) == [
                "has no specialty related to the need's nursing_children, which the need asks for as well as its skills (skills_required all)"
            ])
        let soft = specialty(nurse("S1", ["nursing_children"]), educator(.all, requiresSpecialty: false))
        #expect(soft.reason.hasSuffix("(the need asks for all of these, skills_required all: meeting only some earns nothing)"))
    }

    @Test("with several skills all required, each counts on its own and the skill part is their mean")
    func eachSkillOnItsOwn() {
        let need = educator(.all, skills: ["education", "leadership_management"])
        let oneSkill = nurse("S1", ["nursing_children", "education"])
        #expect(specialty(oneSkill, need, config: ScoringConfig()).value == 0)
        #expect(
            Scorer(reference: reference).explain(oneSkill, for: need).exclusions.map(\.description)
                == [
                    "has no skill related to the need's leadership_management, which the need asks for as well (skills_required all)"
                ])
        // Nursing education is a child of education (0.7); leadership exact (1): the skills'
        // mean 0.85, with the specialty's 1 gives 0.925.
        let both = nurse("S2", ["nursing_children", "nursing_education", "leadership_management"])
        #expect(abs(specialty(both, need).value - (1 + (0.7 + 1) / 2) / 2) < 1e-12)
        // Under `any`, the best skill alone counts.
        let any = educator(.any, skills: ["education", "leadership_management"])
        #expect(abs(specialty(both, any).value - 1) < 1e-12)
        #expect(specialty(oneSkill, any).value == 1)
    }

    @Test("a secondary specialty under a secondaryFactor of 0 is named as held, not as missing")
    func secondaryUnderZeroFactor() throws {
        var config = ScoringConfig()
        config.specialty.secondaryFactor = 0
        let need = Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"), professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: [SpecialtyCode(rawValue: "nursing_children")], mode: .either,
            updatedAt: Timestamp(secondsSince1970: 0))
        let person = nurse("S1", ["nursing_adult", "nursing_children"])
        let explanation = Scorer(reference: reference, config: config).explain(person, for: need)
        #expect(
            explanation.exclusions.map(\.description) == [
                "has nursing_children only as a secondary specialty, which earns nothing (secondaryFactor is 0)"
            ])
        // Under `skills_required all`, the skill the person holds is not mistaken for it.
        let withSkill = nurse("S2", ["nursing_adult", "nursing_children", "education"])
        #expect(
            Scorer(reference: reference, config: config).explain(withSkill, for: educator(.all))
                .exclusions.map(\.description) == [
                    "has nursing_children only as a secondary specialty, which earns nothing (secondaryFactor is 0)"
                ])
        let component = try #require(explanation.components.first { $0.component == .specialty })
        #expect(
            component.reason
                == "Children's nursing is the need's specialty (a secondary specialty, which earns nothing: secondaryFactor is 0)")
    }
}

/// `why` for a person whose only relation to the need earns a credit configured to 0 (review
/// of docs/SCORING.md, item 11).
@Suite("Why names a relation whose credit is 0")
struct ZeroCreditRelationTests {
    @Test("a sibling under a sibling credit of 0 is named as held, with the key that zeroes it")
    func siblingUnderZeroCredit() throws {
        let reference = try ReferenceFixtures.bundledReference()
        var config = ScoringConfig()
        config.specialty.sibling = 0
        let need = Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"), professions: [SpecialtyCode(rawValue: "nurse")],
            specialties: [SpecialtyCode(rawValue: "nursing_neonatal")], mode: .either,
            updatedAt: Timestamp(secondsSince1970: 0))
        let person = Staff(
            id: RecordID(rawValue: "S1"), profession: SpecialtyCode(rawValue: "nurse"),
            specialties: [SpecialtyCode(rawValue: "nursing_paediatric_critical_care")],
            seniority: Seniority(rawValue: 3)!, countryTies: [],
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
        let explanation = Scorer(reference: reference, config: config).explain(person, for: need)
        #expect(
            explanation.exclusions.map(\.description) == [
                "has nursing_paediatric_critical_care, a sibling of the need's nursing_neonatal (both within nursing_children), a relation that earns nothing (sibling is 0)"
            ])
        let component = try #require(explanation.components.first { $0.component == .specialty })
        #expect(component.value == 0)
        #expect(
            component.reason
                == "Paediatric critical care nursing and the need's Neonatal nursing are both within Children's nursing, a relation that earns nothing (sibling is 0)")
        // At the default credit the same person is a candidate, and the reason has no such words.
        let credited = Scorer(reference: reference).explain(person, for: need)
        #expect(credited.exclusions.isEmpty)
        let reason = try #require(credited.components.first { $0.component == .specialty }).reason
        #expect(reason == "Paediatric critical care nursing and the need's Neonatal nursing are both within Children's nursing")
    }

    @Test("a score just below min_score is shown with the decimals that tell it from the minimum")
    func minimumScoreApart() {
        #expect(
            Exclusion.belowMinimumScore(score: 59.999999999, minimum: 60).description
                == "scores 59.999999999, below the need's min_score 60.000000000")
        #expect(
            Exclusion.belowMinimumScore(score: 41.234, minimum: 60).description
                == "scores 41.23, below the need's min_score 60.00")
        #expect(ScoreText.apart(59.996, 60) == ("59.996", "60.000"))
    }
}
