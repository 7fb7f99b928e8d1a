import MidstCore
import Testing

@Suite("Bundled reference data")
struct BundledReferenceDataTests {
    let reference: ReferenceData

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
    }

    private func spoken(in country: String) -> Set<String> {
        Set(reference.languages(spokenIn: countryCode(country)).map(\.language.rawValue))
    }

    // MARK: Countries and languages

    @Test("Uganda's languages include Luganda and Swahili, Swahili first")
    func uganda() throws {
        #expect(spoken(in: "UG").isSuperset(of: ["lg", "sw", "en"]))
        #expect(
            reference.languages(spokenIn: countryCode("UG")).first?.language == languageCode("sw"))
    }

    @Test("Nigeria's languages include Hausa, Yoruba and Igbo")
    func nigeria() {
        #expect(spoken(in: "NG").isSuperset(of: ["ha", "yo", "ig", "en"]))
    }

    @Test("a country's languages are listed most widely spoken first")
    func spokenOrder() {
        for country in reference.countries {
            let percents = reference.languages(spokenIn: country.code).map(\.populationPercent)
            #expect(percents == percents.sorted(by: >), "\(country.code)")
        }
    }

    @Test("every country has an alpha-3 code, a region and a subregion")
    func regions() {
        #expect(reference.countries.count > 240)
        let incomplete = reference.countries.filter {
            $0.code.rawValue.count != 2 || $0.alpha3.count != 3 || $0.regionCode.isEmpty
                || $0.region.isEmpty
                || $0.subregionCode.isEmpty || $0.subregion.isEmpty
        }
        #expect(incomplete.map(\.code) == [])
    }

    @Test("Somaliland is XS, in Somalia's region and subregion, with Somalia's languages")
    func somaliland() throws {
        let somaliland = try #require(reference.info(for: countryCode("XS")))
        let somalia = try #require(reference.info(for: countryCode("SO")))
        #expect(somaliland.alpha3 == "XSL")
        #expect(somaliland.name == "Somaliland")
        #expect((somaliland.regionCode, somaliland.region) == (somalia.regionCode, somalia.region))
        #expect(
            (somaliland.subregionCode, somaliland.subregion) == (
                somalia.subregionCode, somalia.subregion
            ))
        #expect(spoken(in: "XS") == spoken(in: "SO"))
        #expect(spoken(in: "XS").contains("so"))
    }

    @Test(
        "country codes normalise from alpha-2 or alpha-3 in any case",
        arguments: [
            ("NG", "NG"), ("ng", "NG"), ("nga", "NG"), ("NGA", "NG"), ("UGA", "UG"), ("XS", "XS"),
            ("XSL", "XS"),
            ("xsl", "XS"), ("gbr", "GB"),
        ])
    func country(text: String, code: String) {
        #expect(reference.country(text) == countryCode(code))
    }

    @Test(
        "unknown country codes and names are nil",
        arguments: ["", "ZZ", "XX", "ZZZ", "N", "NGAA", "Narnia", "566"])
    func unknownCountry(text: String) {
        #expect(reference.country(text) == nil)
    }

    @Test(
        "language codes normalise from 639-1, 639-3, 639-2/B and BCP 47 tags",
        arguments: [
            ("yo", "yo"), ("yor", "yo"), ("YOR", "yo"), ("pt-BR", "pt"), ("zh_Hant", "zh"),
            ("zh-Hant-TW", "zh"),
            ("ger", "de"), ("deu", "de"), ("chi", "zh"), ("bem", "bem"), ("lug", "lg"),
            ("sw-KE", "sw"),
            ("EN", "en"),
        ])
    func language(text: String, code: String) {
        #expect(reference.language(text) == languageCode(code))
    }

    @Test("unknown language codes are nil", arguments: ["", "xx", "qqq", "-en", "english", "e"])
    func unknownLanguage(text: String) {
        #expect(reference.language(text) == nil)
    }

    @Test("every language is found again by its own codes")
    func languageAliases() {
        #expect(reference.languages.count > 7_000)
        let lost = reference.languages.filter { language in
            reference.language(language.code.rawValue) != language.code
                || reference.language(language.alpha3) != language.code
                || language.alpha3B.map { reference.language($0) != language.code } ?? false
        }
        #expect(lost.map(\.code) == [])
    }

    // MARK: Taxonomy

    @Test("neonatal medicine is a sub-specialty of paediatrics for doctors")
    func neonatalMedicine() throws {
        let entry = try #require(reference.specialty("neonatal_medicine"))
        #expect(entry.parent == specialtyCode("paediatrics"))
        #expect(entry.profession == specialtyCode("doctor"))
        #expect(entry.level == .subspecialty)
        #expect(
            reference.specialty("NEONATAL_MEDICINE")?.code == specialtyCode("neonatal_medicine"))
    }

    @Test("the professions are the ones FORMATS.md lists")
    func professions() {
        let professions = reference.specialties.filter { $0.level == .profession }.map(
            \.code.rawValue)
        #expect(
            professions == [
                "doctor", "nurse", "midwife", "allied_health", "pharmacist", "healthcare_scientist",
                "management",
            ])
        #expect(reference.isProfession(specialtyCode("doctor")))
        #expect(!reference.isProfession(specialtyCode("paediatrics")))
        #expect(!reference.isProfession(specialtyCode("surgeon")))
    }

    @Test("every entry below a profession has an earlier parent of the same profession; skills stand apart")
    func taxonomyParents() {
        var seen: [SpecialtyCode: Specialty] = [:]
        var orphans: [SpecialtyCode] = []
        for entry in reference.specialties {
            if entry.level == .profession {
                if entry.parent != nil || entry.profession != entry.code {
                    orphans.append(entry.code)
                }
            } else if entry.isSkill {
                // A skill: top-level, or below an earlier skill.
                if entry.profession != Specialty.skillBranch
                    || entry.parent.map({ seen[$0]?.isSkill != true }) == true
                {
                    orphans.append(entry.code)
                }
            } else if let parent = entry.parent.flatMap({ seen[$0] }),
                parent.profession == entry.profession,
                parent.level != .subspecialty
            {
                // A well-placed entry.
            } else {
                orphans.append(entry.code)
            }
            seen[entry.code] = entry
        }
        #expect(orphans == [])
        #expect(seen.count == reference.specialties.count)
    }

    @Test("the taxonomy has between 80 and 300 entries")
    func taxonomySize() {
        #expect((80...300).contains(reference.specialties.count))
    }
}

@Suite("Checking reference tables")
struct ReferenceTableCheckTests {
    static let countries = """
        # test countries
        alpha2,alpha3,numeric,name,region_code,region,subregion_code,subregion
        UG,UGA,800,Uganda,002,Africa,014,Eastern Africa
        NG,NGA,566,Nigeria,002,Africa,011,Western Africa

        """
    static let languages = """
        code,alpha3,alpha3_b,name
        en,eng,,English
        yo,yor,,Yoruba
        de,deu,ger,German

        """
    static let countryLanguages = """
        # test country languages
        # second comment line
        country,language,population_percent,official_status
        NG,yo,13,official
        NG,en,53,
        UG,en,3.9,official

        """
    static let specialties = """
        code,parent,profession,level,name,source,aliases
        doctor,,doctor,profession,Doctor,GMC,
        paediatrics,doctor,doctor,specialty,Paediatrics,GMC,
        neonatal_medicine,paediatrics,doctor,subspecialty,Neonatal medicine,GMC,
        nurse,,nurse,profession,Nurse,NMC,

        """

    private func tables(
        countries: String = countries, languages: String = languages,
        countryLanguages: String = countryLanguages, specialties: String = specialties
    ) -> ReferenceTables {
        ReferenceTables(
            countries: countries, languages: languages, countryLanguages: countryLanguages,
            specialties: specialties)
    }

    @Test("well-formed tables load")
    func wellFormed() throws {
        let reference = try ReferenceData(tables: tables())
        #expect(reference.countries.map(\.code) == [countryCode("NG"), countryCode("UG")])
        #expect(reference.language("ger") == languageCode("de"))
        #expect(
            reference.languages(spokenIn: countryCode("NG")).map(\.language) == [
                languageCode("en"), languageCode("yo"),
            ])
        #expect(
            reference.languages(spokenIn: countryCode("NG")).map(\.officialStatus) == [
                .none, .official,
            ])
        #expect(
            reference.specialties.map(\.code.rawValue) == [
                "doctor", "paediatrics", "neonatal_medicine", "nurse",
            ])
    }

    @Test("a wrong header names the table and the header's line")
    func wrongHeader() throws {
        let broken = "# comment\nalpha2,alpha3,name\nUG,UGA,Uganda\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables(countries: broken))
        }
        #expect(error.table == "countries.csv")
        #expect(error.line == 2)
        #expect(error.message.contains("expected the header alpha2,alpha3,numeric"))
        #expect(error.description.hasPrefix("countries.csv:2: "))
    }

    @Test("a row with too few fields names its line")
    func wrongFieldCount() throws {
        let broken = Self.languages + "fr,fra,fre\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables(languages: broken))
        }
        #expect((error.table, error.line) == ("languages.csv", 5))
        #expect(error.message.contains("expected 4 fields, found 3"))
    }

    @Test("a country without a region is rejected")
    func countryWithoutRegion() throws {
        let broken = Self.countries + "AQ,ATA,010,Antarctica,,,,\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables(countries: broken))
        }
        #expect((error.table, error.line) == ("countries.csv", 5))
        #expect(error.message.contains("AQ"))
    }

    @Test(
        "a country-language row naming an unknown country or language, or a bad value, names its line",
        arguments: ["ZZ,en,1,", "NG,xx,1,", "NG,ha,1,", "NG,en,lots,", "NG,en,1,national"])
    func unknownCountryLanguage(row: String) throws {
        let broken = Self.countryLanguages + row + "\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables(countryLanguages: broken))
        }
        #expect((error.table, error.line) == ("country_languages.csv", 7))
        #expect(error.message.contains(row))
    }

    @Test(
        "a specialty whose parent is missing, later in the file or of another profession is rejected",
        arguments: [
            "neonatal_nursing,nursing_children,nurse,subspecialty,Neonatal nursing,NMC,",
            "cardiology,general_medicine,doctor,subspecialty,Cardiology,GMC,",
            "nursing_children,doctor,nurse,specialty,Children's nursing,NMC,",
            "surgery,,doctor,specialty,Surgery,GMC,",
            "midwife,,nurse,profession,Midwife,NMC,",
            "teaching,paediatrics,skill,skill,Teaching,Midst,",
            "teaching,,doctor,skill,Teaching,Midst,",
        ])
    func brokenTaxonomy(row: String) throws {
        let broken = Self.specialties + row + "\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables(specialties: broken))
        }
        #expect((error.table, error.line) == ("specialties.csv", 6))
        #expect(error.message.contains("'\(row.prefix { $0 != "," })'"))
    }

    @Test("a repeated specialty or an unknown level is rejected")
    func repeatedSpecialty() throws {
        for row in [
            "paediatrics,doctor,doctor,specialty,Paediatrics again,GMC,",
            "surgery,doctor,doctor,field,Surgery,GMC,",
        ] {
            let error = try #require(throws: ReferenceDataError.self) {
                try ReferenceData(tables: tables(specialties: Self.specialties + row + "\n"))
            }
            #expect((error.table, error.line) == ("specialties.csv", 6))
        }
    }
}
