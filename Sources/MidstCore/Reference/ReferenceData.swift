/// The reference data Midst validates and scores against: countries with regions, languages,
/// languages spoken per country, and the clinical taxonomy.
///
/// Built once from the bundled reference tables (see ``init(tables:)``) and shared read-only.
public struct ReferenceData: Sendable {
    /// All countries, ordered by code.
    package let countries: [Country]
    /// All languages, ordered by code (made the first time they are read when the reference
    /// data was loaded with ``init(readingOnUse:)``).
    package var languages: [Language] { languageList.value }
    /// All taxonomy entries, in file order (parents before children).
    package let specialties: [Specialty]
    /// By position in ``specialties``: each entry's parent, and whether it is a skill. Every
    /// need's plan reads them for the whole taxonomy; read from ``specialties``, each entry
    /// (six strings) was copied and released per need (notes for issue 23, "The report's
    /// gathering").
    package let specialtyParents: [SpecialtyCode?]
    package let specialtyIsSkill: [Bool]
    /// UK organisations (NHS bodies of the four nations, their sites and former names, and
    /// partners that employ no NHS staff), ordered by code.
    package var organisations: [Organisation] { organisationTable.value.organisations }

    private let countryIndex: [CountryCode: Int]
    private let countryAliases: [String: CountryCode]
    private let languageCodes: LanguageCodes
    let languageList: ReferencePart<[Language]>
    private let specialtyIndex: [SpecialtyCode: Int]
    private let spokenLanguages: [CountryCode: [CountryLanguage]]
    private let languageEquivalents: [LanguageCode: [LanguageCode]]
    /// Countries and taxonomy entries by name: for text that is not a code.
    let names: ReferencePart<NameLookups>
    let organisationTable: ReferencePart<OrganisationTable>

    /// Builds the lookups; `countryLanguages` rows naming unknown codes are a programming error in
    /// the reference tables and are rejected by ``init(tables:)``.
    package init(
        countries: [Country], languages: [Language], countryLanguages: [CountryLanguage],
        specialties: [Specialty], macrolanguages: [Macrolanguage] = [],
        organisations: [Organisation] = []
    ) {
        let languages = languages.sorted { $0.code < $1.code }
        let countries = countries.sorted { $0.code < $1.code }
        self.init(
            countries: countries,
            languageCodes: LanguageCodes(
                ordered: languages.map { ($0.code, $0.alpha3, $0.alpha3B) }),
            languageList: ReferencePart(languages), countryLanguages: countryLanguages,
            specialties: specialties, macrolanguages: macrolanguages,
            names: ReferencePart(NameLookups(countries: countries, specialties: specialties)),
            organisations: ReferencePart(OrganisationTable(organisations)))
    }

    /// Builds the lookups every query reads, from `countries` ordered by code; the parts given
    /// may be made later.
    init(
        countries: [Country], languageCodes: LanguageCodes,
        languageList: ReferencePart<[Language]>, countryLanguages: [CountryLanguage],
        specialties: [Specialty], macrolanguages: [Macrolanguage],
        names: ReferencePart<NameLookups>, organisations: ReferencePart<OrganisationTable>
    ) {
        self.countries = countries
        self.languageCodes = languageCodes
        self.languageList = languageList
        self.names = names
        organisationTable = organisations
        self.specialties = specialties
        specialtyParents = specialties.map(\.parent)
        specialtyIsSkill = specialties.map(\.isSkill)
        // Sized once: growing them was a tenth of loading the lookups a query reads.
        var countryIndex = [CountryCode: Int](minimumCapacity: countries.count)
        var countryAliases = [String: CountryCode](minimumCapacity: 2 * countries.count)
        for (index, country) in countries.enumerated() {
            countryIndex[country.code] = index
            countryAliases[country.code.rawValue] = country.code
            countryAliases[country.alpha3.uppercased()] = country.code
        }
        let specialtyIndex = Self.specialtyIndex(specialties)
        var spoken: [CountryCode: [CountryLanguage]] = [:]
        for row in countryLanguages { spoken[row.country, default: []].append(row) }
        for key in spoken.keys {
            spoken[key]!.sort {
                ($0.populationPercent, $1.language) > ($1.populationPercent, $0.language)
            }
        }
        self.countryIndex = countryIndex
        self.countryAliases = countryAliases
        self.specialtyIndex = specialtyIndex
        self.spokenLanguages = spoken
        var equivalents: [LanguageCode: Set<LanguageCode>] = [:]
        for membership in macrolanguages {
            equivalents[membership.macrolanguage, default: []].insert(membership.member)
            equivalents[membership.member, default: []].insert(membership.macrolanguage)
        }
        self.languageEquivalents = equivalents.mapValues { $0.sorted() }
    }

    /// The position of each taxonomy entry in `specialties` by its code, and by each older code
    /// it replaces (``Specialty/aliases``) that is not an entry's code: ``number(of:)-(SpecialtyCode)``.
    static func specialtyIndex(_ specialties: [Specialty]) -> [SpecialtyCode: Int] {
        var index = [SpecialtyCode: Int](
            minimumCapacity: specialties.count + specialties.reduce(0) { $0 + $1.aliases.count })
        for (position, specialty) in specialties.enumerated() {
            index[specialty.code] = position
        }
        for (position, specialty) in specialties.enumerated() {
            for alias in specialty.aliases where index[alias] == nil {
                index[alias] = position
            }
        }
        return index
    }

    /// The languages whose name is most like `text`, by code: the same name in any case, else
    /// names that begin with it (`Swahili` → `Swahili (macrolanguage)`), else the names fewest
    /// letters away, at most two (`Acholi` → `Acoli`). For suggestions when a code is unknown;
    /// empty for text under three letters.
    package func languages(namedLike text: String) -> [Language] {
        let wanted = text.lowercased()
        guard wanted.count >= 3 else { return [] }
        let wantedLetters = Array(wanted)
        var found: [(distance: Int, language: Language)] = []
        for language in languages {
            let name = language.name.lowercased()
            if name == wanted {
                found.append((0, language))
            } else if name.hasPrefix(wanted + " (") || name.hasPrefix(wanted + ", ") {
                found.append((1, language))
            } else if wanted.count >= 5, abs(name.count - wanted.count) <= 2 {
                let distance = ReferenceName.editDistance(wantedLetters, Array(name), limit: 2)
                if distance <= 2 { found.append((1 + distance, language)) }
            }
        }
        let nearest = found.map(\.distance).min()
        return found.filter { $0.distance == nearest }.sorted { $0.language.code < $1.language.code }
            .map(\.language)
    }

    /// The organisation with code `code` (any case), or nil.
    package func organisation(code: String) -> Organisation? {
        organisationIndex(code: code).map { organisations[$0] }
    }

    /// The position in ``organisations`` of the one with code `code` (any case).
    func organisationIndex(code: String) -> Int? {
        organisationTable.value.byCode[code.uppercased()]
    }

    /// Normalised name or alias → the positions of the current organisations it names.
    var organisationsByWords: [String: [Int]] { organisationTable.value.lookups.byWords }

    /// Normalised own name of a current organisation → its position in ``organisations``.
    var organisationsByOwnName: [String: Int] { organisationTable.value.lookups.byOwnName }

    /// The languages that count as `language` when matching: its macrolanguage (Akan `ak` for
    /// Twi `tw`) or, for a macrolanguage, its individual languages (Twi and Fante for Akan).
    /// Members of one macrolanguage are not equivalent to each other. Empty for most languages.
    package func equivalents(of language: LanguageCode) -> [LanguageCode] {
        languageEquivalents[language] ?? []
    }

    // MARK: Countries

    /// Normalises an alpha-2 or alpha-3 code in any case, or a name that stands for one country
    /// only (``CountryNames``: `Uganda`, `DRC`, `Cote d'Ivoire`), to a known country, or `nil`.
    package func country(_ text: some StringProtocol) -> CountryCode? {
        if let code = countryAliases[text.uppercased()] { return code }
        guard let named = names.value.countriesByName[ReferenceName.key(text)], named.count == 1
        else {
            return nil
        }
        return named[0]
    }

    /// The countries `text` may mean, for a suggestion when ``country(_:)`` finds none: those a
    /// name stands for when it stands for several (`Congo` → CD, CG), else those whose names are
    /// fewest letters away, at most two (`Ugnada` → UG), for text of five letters or more.
    /// Ordered by code.
    package func countries(namedLike text: String) -> [Country] {
        let key = ReferenceName.key(text)
        let countriesByName = names.value.countriesByName
        if let named = countriesByName[key] {
            return named.sorted().compactMap { info(for: $0) }
        }
        guard key.count >= 5 else { return [] }
        let letters = Array(key)
        var found: [(distance: Int, code: CountryCode)] = []
        for (name, codes) in countriesByName where abs(name.count - key.count) <= 2 {
            let distance = ReferenceName.editDistance(letters, Array(name), limit: 2)
            if distance <= 2 { found += codes.map { (distance, $0) } }
        }
        let nearest = found.map(\.distance).min()
        return Set(found.filter { $0.distance == nearest }.map(\.code)).sorted()
            .compactMap { info(for: $0) }
    }

    /// The country for a known code.
    package func info(for code: CountryCode) -> Country? {
        countryIndex[code].map { countries[$0] }
    }

    // MARK: Languages

    /// Normalises a 639-1, 639-3 or 639-2/B code or a BCP 47 tag (`pt-BR`, `zh_Hant`) to a known
    /// language, or `nil`.
    package func language(_ text: some StringProtocol) -> LanguageCode? {
        var primary = Substring(text)
        if let separator = primary.firstIndex(where: { $0 == "-" || $0 == "_" }) {
            primary = primary[..<separator]
        }
        return languageCodes.aliasNumbers.number(primary.lowercased()).map {
            languageCodes.codes[$0]
        }
    }

    /// The language for a known code.
    package func info(for code: LanguageCode) -> Language? {
        languageCodes.numbers.number(code.rawValue).map { languages[$0] }
    }

    /// Languages spoken in a country, most widely spoken first.
    package func languages(spokenIn country: CountryCode) -> [CountryLanguage] {
        spokenLanguages[country] ?? []
    }

    // MARK: Numbers for compact tables

    /// The position of a country in ``countries``: its small-integer code in compact tables.
    package func number(of code: CountryCode) -> Int? { countryIndex[code] }

    /// The position of a language in ``languages``.
    package func number(of code: LanguageCode) -> Int? {
        languageCodes.numbers.number(code.rawValue)
    }

    /// The position of a taxonomy entry in ``specialties``.
    package func number(of code: SpecialtyCode) -> Int? { specialtyIndex[code] }

    // MARK: Taxonomy

    /// The taxonomy entry for a code (codes are lower case), for an older code it replaces
    /// (``Specialty/aliases``) or for its name as `midst reference` prints it, in any case
    /// (`Neonatal medicine`, compared as ``ReferenceName/key(_:)`` makes it), or `nil`.
    package func specialty(_ text: some StringProtocol) -> Specialty? {
        // Text that is ASCII without capitals is its own lower case: looked up as it is, with
        // no new string (a report's reasons look up a code several times per candidate).
        let isLower = !text.utf8.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) }
        let code = isLower ? String(text) : text.lowercased()
        guard let index = specialtyIndex[SpecialtyCode(rawValue: code)]
            ?? names.value.specialtyIndexByName[ReferenceName.key(text)]
        else { return nil }
        return specialties[index]
    }

    /// Whether `code` names a profession (a root of the taxonomy).
    package func isProfession(_ code: SpecialtyCode) -> Bool {
        specialtyIndex[code].map { specialties[$0].level == .profession } ?? false
    }
}
