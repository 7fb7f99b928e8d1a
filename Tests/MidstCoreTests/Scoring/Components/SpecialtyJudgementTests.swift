import Foundation
import Testing

@testable import MidstCore

/// A coordinator's judgements about specialties, as orderings on small hand-made pools scored
/// with the bundled reference data (docs/SCORING.md, "Specialty" and "Hard constraints").
@Suite("Specialty judgements")
struct SpecialtyJudgementTests {
    let reference: ReferenceData
    init() throws { reference = try ReferenceFixtures.bundledReference() }

    func need(_ country: String, specialties: [String], profession: String = "doctor") -> Need {
        Need(
            id: RecordID(rawValue: "N1"), partnership: "P", hostInstitution: "H",
            country: CountryCode(rawValue: country),
            professions: [SpecialtyCode(rawValue: profession)],
            specialties: specialties.map(SpecialtyCode.init(rawValue:)), mode: .either,
            updatedAt: Timestamp(secondsSince1970: 0))
    }

    func doctor(
        _ id: String, _ specialties: [String], ties: [(String, CountryTie.Kind)] = [],
        languages: [(String, LanguageLevel)] = [("en", .native)]
    ) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: "doctor"),
            specialties: specialties.map(SpecialtyCode.init(rawValue:)),
            seniority: Seniority(rawValue: 3)!,
            countryTies: ties.map { CountryTie(country: CountryCode(rawValue: $0.0), kind: $0.1) },
            languages: languages.map {
                Staff.LanguageSkill(language: LanguageCode(rawValue: $0.0), level: $0.1)
            },
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    func ranking(_ people: [Staff], for need: Need, config: ScoringConfig = ScoringConfig())
        -> [String]
    {
        Scorer(reference: reference, config: config)
            .rank(people.map { ($0, Staff.Context()) }, for: need, top: people.count)
            .map(\.staff.id.rawValue)
    }

    @Test("the right specialist with no tie beats an unrelated specialist with every tie")
    func rightSpecialistFirst() {
        let orthopaedics = need("MM", specialties: ["trauma_orthopaedics"])
        let british = doctor("S1", ["trauma_orthopaedics"], ties: [("GB", .nationality)])
        let burmese = doctor(
            "S2", ["psychiatry"],
            ties: [("MM", .nationality), ("MM", .birth), ("MM", .trained)],
            languages: [("my", .native), ("en", .c1)])
        #expect(ranking([burmese, british], for: orthopaedics) == ["S1"])
        // Without the constraint the unrelated specialist is still ranked below.
        var soft = ScoringConfig()
        soft.isSpecialtyHard = false
        let softRanking = ranking([burmese, british], for: orthopaedics, config: soft)
        #expect(softRanking.count == 2)
    }

    @Test("the specialty constraint is named by why, and a related specialty passes it")
    func constraintExplained() {
        let scorer = Scorer(reference: reference)
        let orthopaedics = need("MM", specialties: ["trauma_orthopaedics"])
        let explanation = scorer.explain(doctor("S2", ["psychiatry"]), for: orthopaedics)
        #expect(explanation.exclusions.map(\.name) == ["specialty"])
        #expect(
            explanation.exclusions.first?.description
                == "has no specialty or skill related to the need's trauma_orthopaedics")
        // A sub-specialty of the need's specialty is related.
        let paediatrics = need("UG", specialties: ["paediatrics"])
        #expect(scorer.explain(doctor("S3", ["neonatal_medicine"]), for: paediatrics).isEligible)
    }

    @Test("any of the need's specialties is an exact match, and the best relation counts")
    func anyOfSpecialties() throws {
        let scorer = Scorer(reference: reference)
        let either = need("UG", specialties: ["paediatrics", "neonatal_medicine"])
        let neonatologist = doctor("S1", ["neonatal_medicine"])
        let paediatrician = doctor("S2", ["paediatrics"])
        let value = { (person: Staff) in
            scorer.explain(person, for: either).components.first { $0.component == .specialty }!
        }
        #expect(value(neonatologist).value == 1)
        #expect(value(paediatrician).value == 1)
        #expect(value(neonatologist).reason == "Neonatal medicine is the need's specialty")
        #expect(
            try #require(scorer.score(neonatologist, for: either))
                == #require(scorer.score(paediatrician, for: either)))
    }
}

/// A coordinator's judgements about places (docs/SCORING.md, "Country").
@Suite("Country judgements")
struct CountryJudgementTests {
    let judgements: SpecialtyJudgementTests
    init() throws { judgements = try SpecialtyJudgementTests() }

    @Test("a Somali national ranks first for a Somaliland need, and the reverse")
    func somaliForSomaliland() throws {
        let hargeisa = judgements.need("XS", specialties: ["paediatrics"])
        let somali = judgements.doctor("S1", ["paediatrics"], ties: [("SO", .nationality)])
        let worked = judgements.doctor("S2", ["paediatrics"], ties: [("XS", .worked)])
        let kenyan = judgements.doctor("S3", ["paediatrics"], ties: [("KE", .nationality)])
        #expect(judgements.ranking([kenyan, worked, somali], for: hargeisa) == ["S1", "S2", "S3"])
        let scorer = Scorer(reference: judgements.reference)
        let country = try #require(
            scorer.explain(somali, for: hargeisa).components.first { $0.component == .country })
        #expect(abs(country.value - 0.95) < 1e-12)
        #expect(country.reason.contains("which counts for Somaliland (country affinity 0.95)"))
        // Born in Somaliland, for a need in Somalia.
        let mogadishu = judgements.need("SO", specialties: ["paediatrics"])
        let born = judgements.doctor("S4", ["paediatrics"], ties: [("XS", .birth)])
        let value = try #require(
            scorer.explain(born, for: mogadishu).components.first { $0.component == .country }
        ).value
        #expect(abs(value - 0.95 * 0.95) < 1e-12)
    }

    @Test("without the affinity, Somalia is only Somaliland's subregion")
    func withoutAffinity() throws {
        var config = ScoringConfig()
        config.country.affinities = []
        let hargeisa = judgements.need("XS", specialties: ["paediatrics"])
        let somali = judgements.doctor("S1", ["paediatrics"], ties: [("SO", .nationality)])
        let value = try #require(
            Scorer(reference: judgements.reference, config: config)
                .explain(somali, for: hargeisa).components.first { $0.component == .country }
        ).value
        #expect(abs(value - 0.3) < 1e-12)
    }

    @Test("a bad affinity in a configuration file is named")
    func badAffinity() {
        #expect(throws: ScoringConfigError.self) {
            try ScoringConfig(
                json: Data(#"{"country":{"affinities":[{"countries":["SO"],"factor":0.9}]}}"#.utf8))
        }
        #expect(throws: ScoringConfigError.self) {
            try ScoringConfig(
                json: Data(
                    #"{"country":{"affinities":[{"countries":["SO","XS"],"factor":2}]}}"#.utf8))
        }
    }
}

/// Needs that several professions may fill (an IPC lead: a doctor, a nurse or a pharmacist).
@Suite("Multi-profession needs")
struct MultiProfessionTests {
    let judgements: SpecialtyJudgementTests
    init() throws { judgements = try SpecialtyJudgementTests() }

    func person(_ id: String, _ profession: String) -> Staff {
        Staff(
            id: RecordID(rawValue: id), profession: SpecialtyCode(rawValue: profession),
            specialties: [], seniority: Seniority(rawValue: 3)!,
            languages: [Staff.LanguageSkill(language: LanguageCode(rawValue: "en"), level: .native)],
            hasConsented: true, updatedAt: Timestamp(secondsSince1970: 0))
    }

    @Test("any of the need's professions is a candidate; others are excluded, named")
    func anyProfession() {
        var lead = judgements.need("MW", specialties: [])
        lead.professions = ["doctor", "nurse", "pharmacist"].map(SpecialtyCode.init(rawValue:))
        let people = [
            person("S1", "doctor"), person("S2", "nurse"), person("S3", "pharmacist"),
            person("S4", "midwife"),
        ]
        #expect(Set(judgements.ranking(people, for: lead)) == ["S1", "S2", "S3"])
        let excluded = Scorer(reference: judgements.reference).explain(people[3], for: lead)
        #expect(
            excluded.exclusions.map(\.description)
                == ["profession is midwife, the need asks for doctor or nurse or pharmacist"])
    }
}
