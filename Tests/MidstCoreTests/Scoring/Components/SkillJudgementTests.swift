import Testing

@testable import MidstCore

/// A coordinator's judgements about skills — themes any profession can hold, such as infection
/// prevention and control or education — as orderings on small hand-made pools scored with the
/// bundled reference data (docs/SCORING.md, "Specialty").
@Suite("Skill judgements")
struct SkillJudgementTests {
    let reference: ReferenceData
    init() throws { reference = try ReferenceFixtures.bundledReference() }

    func need(professions: [String], specialties: [String]) -> Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: "UG"),
            professions: professions.map(SpecialtyCode.init(rawValue:)),
            specialties: specialties.map(SpecialtyCode.init(rawValue:)), mode: .either,
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    /// Everyone alike but for profession, specialties and skills (written after the specialties,
    /// as import stores them).
    func person(_ id: String, _ profession: String, _ codes: [String]) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: profession),
            specialties: codes.map(SpecialtyCode.init(rawValue:)),
            seniority: Seniority(rawValue: 3)!,
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func scores(_ people: [Staff], for need: Need) -> [String: Double] {
        let ranked = Scorer(reference: reference)
            .rank(people.map { ($0, Staff.Context()) }, for: need, top: people.count)
        return Dictionary(uniqueKeysWithValues: ranked.map { ($0.staff.id.rawValue, $0.score) })
    }

    @Test("an IPC lead need finds the skill's holders in every profession it accepts, and only them")
    func skillAcrossProfessions() {
        let lead = need(
            professions: ["doctor", "nurse", "pharmacist"],
            specialties: ["infection_prevention_control"])
        let found = scores(
            [
                person("S1", "doctor", ["general_medicine", "infection_prevention_control"]),
                person("S2", "nurse", ["nursing_adult", "infection_prevention_control"]),
                person("S3", "pharmacist", ["pharmacy"]),
                person("S4", "nurse", ["nursing_adult"]),
                person("S5", "midwife", ["midwifery", "infection_prevention_control"]),
            ], for: lead)
        #expect(Set(found.keys) == ["S1", "S2"])
        #expect(found["S1"] == found["S2"])
    }

    @Test("with a specialty and a skill, holding both beats holding either, and either beats neither")
    func specialtyAndSkill() throws {
        let educator = need(professions: ["nurse"], specialties: ["nursing_children", "education"])
        let both = person("S1", "nurse", ["nursing_children", "education"])
        let specialtyOnly = person("S2", "nurse", ["nursing_children"])
        let skillOnly = person("S3", "nurse", ["nursing_adult", "education"])
        let neither = person("S4", "nurse", ["nursing_adult"])
        let found = scores([both, specialtyOnly, skillOnly, neither], for: educator)
        let (s1, s2, s3) = try (#require(found["S1"]), #require(found["S2"]), #require(found["S3"]))
        #expect(s1 > s2)
        #expect(s2 == s3)
        #expect(found["S4"] == nil)
        // The component is the mean of the two parts, and the reason names both.
        let explanation = Scorer(reference: reference).explain(specialtyOnly, for: educator)
        let component = try #require(explanation.components.first { $0.component == .specialty })
        #expect(component.value == 0.5)
        #expect(component.reason.contains("Children's nursing is the need's specialty"))
        #expect(component.reason.contains("No skill related to the need's Education and training"))
    }

    @Test("a sub-skill earns the parent-or-child credit, a skill is never scaled as secondary")
    func subSkill() throws {
        let teaching = need(professions: ["nurse"], specialties: ["education"])
        let scorer = Scorer(reference: reference)
        let nursingEducation = scorer.explain(
            person("S1", "nurse", ["nursing_adult", "nursing_education"]), for: teaching)
        let education = scorer.explain(
            person("S2", "nurse", ["nursing_adult", "education"]), for: teaching)
        let values = [nursingEducation, education].map {
            $0.components.first { $0.component == .specialty }?.value
        }
        let config = ScoringConfig()
        #expect(values == [config.specialty.parentOrChild, 1])
    }
}
