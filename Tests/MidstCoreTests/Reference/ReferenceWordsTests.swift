import Testing

@testable import MidstCore

/// Countries, specialties, modes and levels by the words people write (issue 25).
@Suite("Words for codes")
struct ReferenceWordsTests {
    @Test(
        "a country is found by its English name and common short forms",
        arguments: [
            ("Uganda", "UG"), ("uganda", "UG"), ("DRC", "CD"), ("DR Congo", "CD"),
            ("Democratic Republic of the Congo", "CD"), ("Côte d'Ivoire", "CI"),
            ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("Ivory Coast", "CI"),
            ("The Gambia", "GM"), ("UK", "GB"), ("U.K.", "GB"), ("St Lucia", "LC"),
            ("Tanzania", "TZ"), ("Türkiye", "TR"), ("Turkey", "TR"), ("Holy See", "VA"),
            ("Republic of the Congo", "CG"), ("Somaliland", "XS"), ("UGA", "UG"), ("ug", "UG"),
        ])
    func countryByName(text: String, code: String) throws {
        let reference = try ReferenceFixtures.bundledReference()
        #expect(reference.country(text) == CountryCode(rawValue: code))
    }

    @Test(
        "a name of several countries finds none, and suggests them all",
        arguments: [("Congo", ["CD", "CG"]), ("Korea", ["KP", "KR"]), ("Virgin Islands", ["VG", "VI"])])
    func ambiguousCountry(text: String, codes: [String]) throws {
        let reference = try ReferenceFixtures.bundledReference()
        #expect(reference.country(text) == nil)
        #expect(reference.countries(namedLike: text).map(\.code.rawValue) == codes)
    }

    @Test("a misspelt country is suggested; a short word is not")
    func misspeltCountry() throws {
        let reference = try ReferenceFixtures.bundledReference()
        #expect(reference.country("Ugannda") == nil)
        #expect(reference.countries(namedLike: "Ugannda").map(\.code.rawValue) == ["UG"])
        #expect(reference.countries(namedLike: "Xy").isEmpty)
    }

    @Test("every country is found by its own name in the reference table, or named ambiguous")
    func everyOwnName() throws {
        let reference = try ReferenceFixtures.bundledReference()
        for country in reference.countries {
            let found = reference.country(country.name)
            let choices = reference.countries(namedLike: country.name).map(\.code)
            #expect(found == country.code || (found == nil && choices.contains(country.code)), "\(country.name)")
        }
    }

    @Test("a specialty or skill is found by the name midst reference prints, in any case")
    func specialtyByName() throws {
        let reference = try ReferenceFixtures.bundledReference()
        #expect(reference.specialty("Neonatal medicine")?.code.rawValue == "neonatal_medicine")
        #expect(reference.specialty("NEONATAL MEDICINE")?.code.rawValue == "neonatal_medicine")
        for entry in reference.specialties {
            #expect(reference.specialty(entry.name)?.code == entry.code, "\(entry.name)")
        }
        #expect(reference.specialty("Neonatal medicin") == nil)
    }

    @Test(
        "language levels by their usual words",
        arguments: [
            ("fluent", LanguageLevel.c1), ("Fluent", .c1), ("native", .native),
            ("mother tongue", .native), ("Upper-intermediate", .b2), ("basic", .a1),
            ("proficient", .c2), ("B2", .b2),
        ])
    func levelWords(text: String, level: LanguageLevel) {
        #expect(LanguageLevel(code: text) == level)
    }

    @Test("every level word is read as its level, and no other word is")
    func levelWordList() {
        for (word, level) in LanguageLevel.words { #expect(LanguageLevel(code: word) == level) }
        #expect(LanguageLevel(code: "good") == nil)
        #expect(LanguageLevel(code: "fluent\u{0}") == nil)
    }

    @Test(
        "modes by their usual words, for a need and for a person",
        arguments: [
            ("both", Need.Mode.either, Staff.WorkModes.both), ("Either", .either, .both),
            ("in country", .inCountry, .inCountry), ("in_country", .inCountry, .inCountry),
            ("In person", .inCountry, .inCountry), ("online", .remote, .remote),
            ("remote", .remote, .remote),
        ])
    func modeWords(text: String, mode: Need.Mode, modes: Staff.WorkModes) {
        #expect(Need.Mode(word: text) == mode)
        #expect(Staff.WorkModes(word: text) == modes)
    }

    @Test("a word that names no mode is none")
    func unknownMode() {
        #expect(Need.Mode(word: "hybrid") == nil)
        #expect(Staff.WorkModes(word: "either\u{0}") == nil)
    }
}
