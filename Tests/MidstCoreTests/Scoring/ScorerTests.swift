import Testing

@testable import MidstCore

/// Hand-computed cases for the reference scorer (docs/SCORING.md), on the small fixture data.
@Suite("Scorer")
struct ScorerTests {
    let scorer = Scorer(reference: ReferenceFixtures.small)

    func code(_ text: String) -> SpecialtyCode { SpecialtyCode(rawValue: text) }
    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Uganda, neonatal doctor, minimum seniority 2, English B2 required, Luganda preferred, April 2026.
    var need: Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"),
            professions: [code("doctor")], specialties: [code("neonatal_medicine")],
            minimumSeniority: Seniority(rawValue: 2)!,
            requiredLanguages: [
                Need.LanguageRequirement(language: LanguageCode(rawValue: "en"), minimumLevel: .b2)
            ],
            preferredLanguages: [
                Need.LanguageRequirement(language: LanguageCode(rawValue: "lg"), minimumLevel: .b1)
            ],
            dates: CalendarDate.Window(start: date("2026-04-01"), end: date("2026-04-30")), mode: .inCountry,
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    /// A Ugandan neonatal doctor speaking English C2 and Luganda natively, one past placement.
    var staff: Staff {
        Staff(
            id: RecordID(rawValue: "S1"), profession: code("doctor"),
            specialties: [code("neonatal_medicine")],
            seniority: Seniority(rawValue: 3)!,
            countryTies: [CountryTie(country: CountryCode(rawValue: "UG"), kind: .nationality)],
            languages: [
                Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .c2),
                Staff.LanguageSkill(language: LanguageCode(rawValue: "lg"), level: .native),
            ],
            hasConsented: true, pastPlacements: 1, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func value(_ component: ScoreComponent, _ explanation: Explanation) -> Double {
        explanation.components.first { $0.component == component }!.value
    }

    @Test("a strong candidate's score is the weighted mean of hand-computed components")
    func strongCandidate() {
        let explanation = scorer.explain(staff, for: need)
        #expect(explanation.isEligible)
        // language: required 0.6 + 0.4 × (C2 − B2)/(native − B2) = 0.6 + 0.4 × 2/3; preferred
        // (the site's language, Luganda, native) 1; local: the site's languages again, 1, whatever
        // Luganda's 13% share of Uganda. Weighted 0.4 / 0.3 / 0.3.
        let language = 0.4 * (0.6 + 0.4 * 2 / 3) + 0.3 * 1 + 0.3 * 1
        #expect(abs(value(.language, explanation) - language) < 1e-12)
        // The need names no partner: nobody earns the partnership component.
        let expected =
            (30 * 1 + 20 * 1 + 25 * language + 10 * 1 + 10 * 1 + 5 * 0.25 + 10 * 0) / 110 * 100
        #expect(abs(explanation.score - expected) < 1e-9)
        #expect(
            explanation.components.first { $0.component == .country }?.reason
                == "Nationality: Uganda — the need is in Uganda")
        #expect(
            explanation.components.first { $0.component == .language }?.reason.contains(
                "Speaks Ganda (native), a language of the need's site") == true)
    }

    @Test(
        "specialty credit: exact, parent, secondary sub-specialty, unrelated",
        arguments: [
            (["neonatal_medicine"], 1.0),
            (["paediatrics"], 0.7),
            (["paediatrics", "neonatal_medicine"], 0.85),
            (["health_education"], 0.0),
        ])
    func specialty(specialties: [String], expected: Double) {
        var person = staff
        person.specialties = specialties.map(code)
        #expect(abs(value(.specialty, scorer.explain(person, for: need)) - expected) < 1e-12)
    }

    @Test(
        "country credit: own country by tie kind, same subregion, same region, elsewhere",
        arguments: [
            ("UG", CountryTie.Kind.trained, 0.8),
            ("UG", CountryTie.Kind.heritage, 0.75),
            ("XS", CountryTie.Kind.nationality, 0.3),
            ("NG", CountryTie.Kind.heritage, 0.075),
            ("GB", CountryTie.Kind.nationality, 0.0),
        ])
    func country(country: String, kind: CountryTie.Kind, expected: Double) {
        var person = staff
        person.countryTies = [CountryTie(country: CountryCode(rawValue: country), kind: kind)]
        #expect(abs(value(.country, scorer.explain(person, for: need)) - expected) < 1e-12)
    }

    @Test("availability is the share of the need's days covered")
    func availability() {
        var person = staff
        person.availability = CalendarDate.Window(start: date("2026-04-16"), end: date("2026-06-30"))
        #expect(abs(value(.availability, scorer.explain(person, for: need)) - 0.5) < 1e-12)
    }

    @Test("soft seniority loses 0.35 per level below the minimum; hard seniority excludes")
    func seniority() {
        var person = staff
        person.seniority = .lowest
        var junior = need
        junior.minimumSeniority = Seniority(rawValue: 3)!
        let soft = scorer.explain(person, for: junior)
        #expect(soft.isEligible)
        #expect(abs(value(.seniority, soft) - 0.3) < 1e-12)
        var config = ScoringConfig()
        config.isSeniorityHard = true
        let hard = Scorer(reference: ReferenceFixtures.small, config: config).explain(
            person, for: junior)
        #expect(hard.exclusions == [.seniority(staff: .lowest, minimum: Seniority(rawValue: 3)!)])
    }

    @Test("every failed hard constraint is reported by name, in order")
    func exclusions() {
        var person = staff
        person.hasConsented = false
        person.profession = code("nurse")
        person.languages = [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .b1)]
        person.availability = CalendarDate.Window(start: date("2026-05-01"), end: nil)
        person.modes = .remote
        let explanation = scorer.explain(person, for: need, context: Staff.Context(commitments: 1))
        #expect(
            explanation.exclusions.map(\.name)
                == ["consent", "profession", "language", "availability", "mode", "capacity"])
        #expect(
            explanation.exclusions.contains(
                .missingLanguage(LanguageCode(rawValue: "en"), required: .b2, spoken: .b1)))
        #expect(!explanation.isEligible)
    }

    @Test("configured profession equivalences lift the profession constraint")
    func equivalences() {
        var person = staff
        person.profession = code("nurse")
        var config = ScoringConfig()
        config.professionEquivalences = [["doctor", "nurse"]]
        let explanation = Scorer(reference: ReferenceFixtures.small, config: config).explain(
            person, for: need)
        #expect(explanation.isEligible)
    }

    @Test(
        "adding a language the need or country values never lowers the score",
        arguments: LanguageLevel.allCases)
    func addingLanguageNeverLowers(level: LanguageLevel) {
        var person = staff
        person.languages = [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .b2)]
        let before = scorer.explain(person, for: need).score
        for language in ["lg", "sw", "yo"] {
            var more = person
            more.languages.append(
                Staff.LanguageSkill(language: LanguageCode(rawValue: language), level: level))
            #expect(scorer.explain(more, for: need).score >= before)
        }
    }
}
