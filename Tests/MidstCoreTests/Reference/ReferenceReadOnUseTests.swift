import Testing

@testable import MidstCore

/// The reference data Midst ships is read on use (``ReferenceData/init(readingOnUse:)``): what
/// it answers must be what the tables read whole answer, and a query of a need must not make the
/// parts it does not read.
@Suite("Reference data read on use")
struct ReferenceReadOnUseTests {
    let whole: ReferenceData
    let tables: ReferenceTables

    init() throws {
        whole = try ReferenceFixtures.bundledReference()
        tables = try ReferenceFixtures.bundledTables()
    }

    private func onUse() throws -> ReferenceData { try ReferenceData(readingOnUse: tables) }

    @Test("nothing read on use is made when the tables are loaded; read whole, everything is")
    func nothingMadeAtLoad() throws {
        #expect(try onUse().madeParts.isEmpty)
        #expect(whole.madeParts == Set(ReferenceData.Part.allCases))
    }

    @Test("every country, language, taxonomy entry and organisation is found as when read whole")
    func sameLookups() throws {
        let reference = try onUse()
        for country in whole.countries {
            for text in [
                country.code.rawValue, country.alpha3, country.alpha3.lowercased(), country.name,
            ] {
                #expect(reference.country(text) == whole.country(text), "\(text)")
            }
            #expect(reference.number(of: country.code) == whole.number(of: country.code))
            #expect(
                reference.languages(spokenIn: country.code)
                    == whole.languages(spokenIn: country.code))
        }
        for language in whole.languages {
            for text in [
                language.code.rawValue, language.alpha3, language.alpha3B ?? "",
                language.code.rawValue + "-GB",
            ] {
                #expect(reference.language(text) == whole.language(text), "\(text)")
            }
            #expect(reference.number(of: language.code) == whole.number(of: language.code))
            #expect(
                reference.equivalents(of: language.code) == whole.equivalents(of: language.code))
        }
        for specialty in whole.specialties {
            for text in [specialty.code.rawValue, specialty.name, specialty.name.uppercased()] {
                #expect(reference.specialty(text) == whole.specialty(text), "\(text)")
            }
            #expect(reference.number(of: specialty.code) == whole.number(of: specialty.code))
        }
        for organisation in whole.organisations {
            for text in [organisation.code, organisation.name] + organisation.aliases {
                #expect(
                    reference.organisation(named: text) == whole.organisation(named: text),
                    "\(text)")
            }
        }
        for text in [
            "Congo", "Ugnada", "Swahili", "Acholi", "Sheffeld Teaching Hospitals", "zz", "",
        ] {
            #expect(reference.countries(namedLike: text) == whole.countries(namedLike: text))
            #expect(reference.languages(namedLike: text) == whole.languages(namedLike: text))
            #expect(reference.organisations(like: text) == whole.organisations(like: text))
        }
    }

    @Test("the lists read on use are the lists read whole")
    func sameLists() throws {
        let reference = try onUse()
        #expect(reference.countries == whole.countries)
        #expect(reference.languages == whole.languages)
        #expect(reference.specialties == whole.specialties)
        #expect(reference.specialtyParents == whole.specialtyParents)
        #expect(reference.specialtyIsSkill == whole.specialtyIsSkill)
        #expect(reference.organisations == whole.organisations)
    }

    @Test("languages.csv out of code order numbers the languages as in order (codes read from bytes)")
    func languagesOutOfOrder() throws {
        // The header and comments, then the rows last first.
        let lines = tables.languages.split(separator: "\n", omittingEmptySubsequences: false)
        let firstRow = try #require(lines.firstIndex { $0.hasPrefix("code,") }) + 1
        let rows = lines[firstRow...].filter { !$0.isEmpty }
        try #require(rows.count > 7_000)
        var shuffled = tables
        shuffled.languages =
            (lines[..<firstRow] + rows.reversed()).joined(separator: "\n") + "\n"
        let reference = try ReferenceData(readingOnUse: shuffled)
        for language in whole.languages {
            #expect(reference.number(of: language.code) == whole.number(of: language.code))
            for text in [language.alpha3, language.alpha3B ?? language.alpha3] {
                #expect(reference.language(text) == whole.language(text), "\(text)")
            }
        }
        #expect(reference.languages == whole.languages)
    }

    @Test(
        "a language code that is not two or three lower-case letters is refused on load",
        arguments: [
            "EN,eng,,English", "e1,eng,,English", "en,en,,English", "en,eng,GER,English",
            "engl,eng,,English", "en,engl,,English", "en,eng,ge,English",
        ])
    func badLanguageCode(row: String) throws {
        var bad = tables
        bad.languages += row + "\n"
        let lines = bad.languages.split(separator: "\n").count
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(readingOnUse: bad)
        }
        #expect(error.table == "languages.csv")
        #expect(error.line == lines)
        #expect(error.message == "bad language code '\(row.prefix { $0 != "," })'")
    }

    @Test("a need without a partner is ranked without the organisations, names or language names")
    func planReadsNoMore() throws {
        let (staff, needs) = try ReferenceFixtures.generated(staff: 2_000, needs: 40, seed: 5)
        let reference = try onUse()
        // A query reads the people from the snapshot, coded when it was written (employers'
        // keys included), not through the reference data it ranks with.
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: whole)
        let withoutPartners = needs.filter(\.partners.isEmpty)
        try #require(!withoutPartners.isEmpty)
        for need in withoutPartners {
            let plan = NeedPlan(need: need, scorer: Scorer(reference: reference))
            let ranked = plan.topCandidates(
                among: table.rows(ofProfessions: plan.professionCodes), in: table, top: 20)
            let wholePlan = NeedPlan(need: need, scorer: Scorer(reference: whole))
            let expected = wholePlan.topCandidates(
                among: table.rows(ofProfessions: wholePlan.professionCodes), in: table, top: 20)
            #expect(ranked.map(\.row) == expected.map(\.row), "\(need.id)")
            #expect(ranked.map(\.score) == expected.map(\.score), "\(need.id)")
        }
        #expect(reference.madeParts.isEmpty)
    }

    @Test("a need that names a partner makes the organisations, and ranks as when read whole")
    func partnerMakesOrganisations() throws {
        let (staff, needs) = try ReferenceFixtures.generated(staff: 2_000, needs: 40, seed: 5)
        let reference = try onUse()
        var need = try #require(needs.first)
        need.partners = ["Leeds Teaching Hospitals"]
        let plan = NeedPlan(need: need, scorer: Scorer(reference: reference))
        #expect(reference.madeParts == [.organisations])
        let wholePlan = NeedPlan(need: need, scorer: Scorer(reference: whole))
        #expect(plan.partnership.keys == wholePlan.partnership.keys)
        try #require(!plan.partnership.keys.isEmpty)
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: whole)
        let rows = table.rows(ofProfessions: plan.professionCodes)
        #expect(
            plan.topCandidates(among: rows, in: table, top: 30).map(\.score)
                == wholePlan.topCandidates(among: rows, in: table, top: 30).map(\.score))
    }

    @Test("parts first read by many tasks at once are the same for all")
    func readTogether() async throws {
        let reference = try onUse()
        let lists = await withTaskGroup(of: ([Organisation], [Language]).self) { group in
            for _ in 0..<8 { group.addTask { (reference.organisations, reference.languages) } }
            var lists: [([Organisation], [Language])] = []
            for await list in group { lists.append(list) }
            return lists
        }
        #expect(lists.count == 8)
        #expect(lists.allSatisfy { $0.0 == whole.organisations && $0.1 == whole.languages })
    }
}
