/// The text of the reference tables, as shipped with Midst (see `docs/FORMATS.md`).
package struct ReferenceTables: Sendable {
    package var countries: String
    package var languages: String
    package var countryLanguages: String
    package var specialties: String
    /// ISO 639-3 macrolanguage memberships (`macrolanguage,language`); nil for none.
    package var macrolanguages: String?
    /// UK organisations (`uk_organisations.csv`); nil for none.
    package var organisations: String?
    package init(
        countries: String, languages: String, countryLanguages: String, specialties: String,
        macrolanguages: String? = nil, organisations: String? = nil
    ) {
        self.organisations = organisations
        self.countries = countries
        self.languages = languages
        self.countryLanguages = countryLanguages
        self.specialties = specialties
        self.macrolanguages = macrolanguages
    }
}

/// A defect in a reference table, naming the table and line.
package struct ReferenceDataError: Error, Sendable, CustomStringConvertible {
    package var table: String
    package var line: Int
    package var message: String
    package var description: String { "\(table):\(line): \(message)" }
}

extension ReferenceData {
    /// Parses and cross-checks the reference tables: every code is well formed, every country has
    /// a region, every country-language row names a known country and language, and every taxonomy
    /// entry's parent exists and belongs to the same profession.
    package init(tables: ReferenceTables) throws(ReferenceDataError) {
        let countries = try Self.countries(in: tables.countries)
        let languages = try Self.languages(in: tables.languages)
        let codes = LanguageCodes(ordered: languages.map { ($0.code, $0.alpha3, $0.alpha3B) })
        self.init(
            countries: countries, languages: languages,
            countryLanguages: try Self.countryLanguages(
                in: tables, countries: countries, languages: codes.numbers),
            specialties: try Self.specialties(in: tables.specialties),
            macrolanguages: try Self.macrolanguages(in: tables, languages: codes.numbers),
            organisations: try Self.organisations(in: tables.organisations))
    }

    /// Reads the tables Midst ships: now the parts every query of a need reads (countries and
    /// the languages spoken in them, the languages' codes, the taxonomy, macrolanguages),
    /// checked as ``init(tables:)`` checks them; the languages' names, the organisations and the
    /// lookups by name the first time they are read. At a million staff this was a fifth of
    /// `midst candidates` (notes for issue 23, "query-speed4").
    ///
    /// For tables whose every part the tests check with ``init(tables:)``: a defect in a part
    /// read later stops the process, as a bug would.
    package init(readingOnUse tables: ReferenceTables) throws(ReferenceDataError) {
        let countries = try Self.countries(in: tables.countries).sorted { $0.code < $1.code }
        let codes = try Self.languageCodes(in: tables.languages)
        let specialties = try Self.specialties(in: tables.specialties)
        let languagesText = tables.languages
        let organisationsText = tables.organisations
        self.init(
            countries: countries, languageCodes: codes,
            languageList: ReferencePart {
                Self.readOnUse { () throws(ReferenceDataError) in
                    try Self.languages(in: languagesText).sorted { $0.code < $1.code }
                }
            },
            countryLanguages: try Self.countryLanguages(
                in: tables, countries: countries, languages: codes.numbers),
            specialties: specialties,
            macrolanguages: try Self.macrolanguages(in: tables, languages: codes.numbers),
            names: ReferencePart { NameLookups(countries: countries, specialties: specialties) },
            organisations: ReferencePart {
                OrganisationTable(
                    Self.readOnUse { () throws(ReferenceDataError) in
                        try Self.organisations(in: organisationsText)
                    })
            })
    }

    /// What `read` gives, for a part of ``init(readingOnUse:)``'s tables.
    private static func readOnUse<Part>(_ read: () throws(ReferenceDataError) -> Part) -> Part {
        do {
            return try read()
        } catch {
            // Only tables the tests read whole are read on use, so a defect here is a bug.
            fatalError("reference table read on use is invalid: \(error)")
        }
    }

    private static func countries(in text: String) throws(ReferenceDataError) -> [Country] {
        try rows(
            text, table: "countries.csv",
            columns: [
                "alpha2", "alpha3", "numeric", "name", "region_code", "region", "subregion_code",
                "subregion",
            ]
        ) { row, line throws(ReferenceDataError) in
            guard row[0].count == 2, !row[4].isEmpty, !row[6].isEmpty else {
                throw ReferenceDataError(
                    table: "countries.csv", line: line,
                    message: "country '\(row[0])' lacks a code or region")
            }
            return Country(
                code: CountryCode(rawValue: row[0]), alpha3: row[1], name: row[3],
                regionCode: row[4],
                region: row[5], subregionCode: row[6], subregion: row[7])
        }
    }

    private static func languages(in text: String) throws(ReferenceDataError) -> [Language] {
        try rows(text, table: "languages.csv", columns: ["code", "alpha3", "alpha3_b", "name"]) {
            row, line throws(ReferenceDataError) in
            try checkLanguageCodes(row, line: line)
            return Language(
                code: LanguageCode(rawValue: row[0]), alpha3: row[1],
                alpha3B: row[2].isEmpty ? nil : row[2], name: row[3])
        }
    }

    /// The codes of `languages.csv` without the names, ordered by code: all a query needs
    /// (``LanguageCodes``), checked as ``checkLanguageCodes(_:line:)`` checks them. Read from the
    /// table's bytes into the code tables, with no string (a string per field was a third of
    /// loading the reference data; notes for issue 23, "query-speed5").
    private static func languageCodes(in text: String) throws(ReferenceDataError)
        -> LanguageCodes
    {
        var languages: [LanguageCodes.Keys] = []
        var isOrdered = true
        try records(text, table: "languages.csv", columns: ["code", "alpha3", "alpha3_b"]) {
            fields, reader, line throws(ReferenceDataError) in
            let bytes = reader.input
            func key(_ field: CSVFieldSpan, lengths: ClosedRange<Int>) -> UInt16? {
                guard lengths.contains(field.end - field.start) else { return nil }
                return LetterCodeTable.key(utf8: bytes[field.start..<field.end]).map(UInt16.init)
            }
            let hasAlpha3B = fields[2].end > fields[2].start
            guard let code = key(fields[0], lengths: 2...3),
                let alpha3 = key(fields[1], lengths: 3...3),
                let alpha3B = hasAlpha3B ? key(fields[2], lengths: 3...3) : 0
            else {
                throw ReferenceDataError(
                    table: "languages.csv", line: line,
                    message: "bad language code '\((try? reader.text(of: fields[0])) ?? "")'")
            }
            if let last = languages.last, codeOrder(last.code) >= codeOrder(code) {
                isOrdered = false
            }
            languages.append(LanguageCodes.Keys(code: code, alpha3: alpha3, alpha3B: alpha3B))
        }
        // Shipped in code order; sorted only when a table is not.
        if !isOrdered { languages.sort { codeOrder($0.code) < codeOrder($1.code) } }
        return LanguageCodes(orderedKeys: languages)
    }

    /// A number that orders codes as their text does, from a code's place in a
    /// ``LetterCodeTable`` (two-letter codes 28...728, three-letter codes 757 and up): `aa`
    /// before `aaa` before `ab`.
    private static func codeOrder(_ key: UInt16) -> Int { key < 757 ? Int(key) * 27 : Int(key) }

    /// Checks that a row of `languages.csv` (code, alpha3, alpha3_b first) holds two or three
    /// lower-case letters in each code, as ISO 639 writes them: what the code tables of
    /// ``ReferenceData`` hold.
    private static func checkLanguageCodes(_ row: [String], line: Int)
        throws(ReferenceDataError)
    {
        guard LetterCodeTable.isCode(row[0]), row[1].utf8.count == 3,
            LetterCodeTable.isCode(row[1]),
            row[2].isEmpty || (row[2].utf8.count == 3 && LetterCodeTable.isCode(row[2]))
        else {
            throw ReferenceDataError(
                table: "languages.csv", line: line, message: "bad language code '\(row[0])'")
        }
    }

    /// The rows of `country_languages.csv`, each naming one of `countries` and a language
    /// numbered in `languages`.
    private static func countryLanguages(
        in tables: ReferenceTables, countries: [Country], languages: LetterCodeTable
    ) throws(ReferenceDataError) -> [CountryLanguage] {
        let knownCountries = Set(countries.map(\.code))
        return try rows(
            tables.countryLanguages, table: "country_languages.csv",
            columns: ["country", "language", "population_percent", "official_status"]
        ) { row, line throws(ReferenceDataError) in
            let country = CountryCode(rawValue: row[0])
            let language = LanguageCode(rawValue: row[1])
            guard knownCountries.contains(country),
                languages.number(language.rawValue) != nil,
                let percent = Double(row[2]), let status = OfficialStatus(rawValue: row[3])
            else {
                throw ReferenceDataError(
                    table: "country_languages.csv", line: line,
                    message:
                        "unknown country, language, percentage or status in '\(row.joined(separator: ","))'"
                )
            }
            return CountryLanguage(
                country: country, language: language, populationPercent: percent,
                officialStatus: status)
        }
    }

    /// The taxonomy's numbers (``number(of:)-(SpecialtyCode)``) read from `specialties.csv`
    /// alone, checked as ``init(tables:)`` checks it: what a query needs to find its need's
    /// professions in the staff snapshot while the rest of the reference data loads.
    package static func specialtyNumbers(in text: String) throws(ReferenceDataError)
        -> [SpecialtyCode: Int]
    {
        specialtyIndex(try specialties(in: text))
    }

    private static func specialties(in text: String) throws(ReferenceDataError) -> [Specialty] {
        var seen: [SpecialtyCode: Specialty] = [:]
        return try rows(
            text, table: "specialties.csv",
            columns: ["code", "parent", "profession", "level", "name", "source", "aliases"]
        ) { row, line throws(ReferenceDataError) in
            let code = SpecialtyCode(rawValue: row[0])
            let parent = row[1].isEmpty ? nil : SpecialtyCode(rawValue: row[1])
            let profession = SpecialtyCode(rawValue: row[2])
            guard let level = TaxonomyLevel(rawValue: row[3]), seen[code] == nil else {
                throw ReferenceDataError(
                    table: "specialties.csv", line: line,
                    message: "bad or repeated entry '\(row[0])'")
            }
            let parentEntry = parent.flatMap { seen[$0] }
            let isConsistent =
                switch level {
                case .profession: parent == nil && profession == code
                case .skill:
                    profession == Specialty.skillBranch
                        && (parent == nil || parentEntry?.level == .skill)
                case .specialty, .subspecialty:
                    parentEntry != nil && parentEntry!.profession == profession
                }
            guard isConsistent else {
                throw ReferenceDataError(
                    table: "specialties.csv", line: line,
                    message:
                        "entry '\(row[0])' has a parent that is missing, later in the file or of another profession"
                )
            }
            let entry = Specialty(
                code: code, parent: parent, profession: profession, level: level, name: row[4],
                source: row[5],
                aliases: row[6].split(separator: ";").map { SpecialtyCode(rawValue: String($0)) })
            seen[code] = entry
            return entry
        }
    }

    private static func macrolanguages(in tables: ReferenceTables, languages: LetterCodeTable)
        throws(ReferenceDataError) -> [Macrolanguage]
    {
        try rows(
            tables.macrolanguages ?? "macrolanguage,language\n", table: "macrolanguages.csv",
            columns: ["macrolanguage", "language"]
        ) { row, line throws(ReferenceDataError) in
            let macrolanguage = LanguageCode(rawValue: row[0])
            let language = LanguageCode(rawValue: row[1])
            guard languages.number(macrolanguage.rawValue) != nil,
                languages.number(language.rawValue) != nil, macrolanguage != language
            else {
                throw ReferenceDataError(
                    table: "macrolanguages.csv", line: line,
                    message: "unknown language in '\(row.joined(separator: ","))'")
            }
            return Macrolanguage(macrolanguage: macrolanguage, member: language)
        }
    }

    private static func organisations(in text: String?) throws(ReferenceDataError)
        -> [Organisation]
    {
        var seenCodes: Set<String> = []
        let organisations = try rows(
            text ?? organisationColumns.joined(separator: ",") + "\n",
            table: "uk_organisations.csv", columns: Self.organisationColumns
        ) { row, line throws(ReferenceDataError) in
            guard !row[0].isEmpty, !row[1].isEmpty, seenCodes.insert(row[0].uppercased()).inserted
            else {
                throw ReferenceDataError(
                    table: "uk_organisations.csv", line: line,
                    message: "empty or repeated organisation '\(row[0])'")
            }
            guard let kind = Organisation.Kind(rawValue: row[2]), ["yes", "no"].contains(row[5]) else {
                throw ReferenceDataError(
                    table: "uk_organisations.csv", line: line,
                    message: "unknown kind '\(row[2])' or employs_nhs_staff '\(row[5])'")
            }
            func list(_ text: String) -> [String] {
                text.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            }
            return Organisation(
                code: row[0], name: row[1], kind: kind, nation: row[3],
                resolvesTo: row[4].isEmpty ? nil : row[4], employsNHSStaff: row[5] == "yes",
                aliases: list(row[6]), members: list(row[7]))
        }
        // A site or former name stands for a current organisation of the table.
        for organisation in organisations {
            for code in [organisation.resolvesTo].compactMap({ $0 }) + organisation.members
            where !seenCodes.contains(code.uppercased()) {
                throw ReferenceDataError(
                    table: "uk_organisations.csv", line: 0,
                    message: "\(organisation.code) refers to unknown organisation '\(code)'")
            }
        }
        return organisations
    }

    /// The columns of `uk_organisations.csv` Midst reads, in this order (its `source` column,
    /// where a row comes from, is for people).
    private static let organisationColumns = [
        "code", "name", "kind", "nation", "resolves_to", "employs_nhs_staff", "aliases", "members",
    ]

    /// The rows of `text`, each made by `make` from the fields of `columns`, in that order.
    ///
    /// The header names the columns; those asked for may come in any order, and columns not
    /// asked for are passed over, so that a table may gain columns (and rows) before the code
    /// reads them.
    private static func rows<Row>(
        _ text: String, table: String, columns: [String],
        _ make: ([String], Int) throws(ReferenceDataError) -> Row
    ) throws(ReferenceDataError) -> [Row] {
        var fields: [String] = []
        var result: [Row] = []
        try records(text, table: table, columns: columns) {
            spans, reader, line throws(ReferenceDataError) in
            fields.removeAll(keepingCapacity: true)
            for span in spans { fields.append(try Self.text(of: span, in: reader, table: table)) }
            result.append(try make(fields, line))
        }
        return result
    }

    /// Calls `visit` with each record of `text` after the header: the spans of the fields of
    /// `columns`, in that order, the reader that holds their bytes, and the record's line (as
    /// ``rows(_:table:columns:_:)``, for a table read from its bytes).
    private static func records(
        _ text: String, table: String, columns: [String],
        _ visit: ([CSVFieldSpan], CSVReader, Int) throws(ReferenceDataError) -> Void
    ) throws(ReferenceDataError) {
        var reader = CSVReader(bytes: Array(text.utf8), skipsCommentLines: true)
        var spans: [CSVFieldSpan] = []
        var wantedSpans: [CSVFieldSpan] = []
        func next() throws(ReferenceDataError) -> Bool {
            do {
                return try reader.nextRecord(spans: &spans)
            } catch {
                throw ReferenceDataError(table: table, line: error.line, message: error.message)
            }
        }
        var header: [String] = []
        if try next() {
            for span in spans { header.append(try Self.text(of: span, in: reader, table: table)) }
        }
        // Where each column asked for is in the header; the first column missing, if any.
        let places = columns.map { column in header.firstIndex(of: column) }
        if let missing = zip(columns, places).first(where: { $0.1 == nil })?.0 {
            throw ReferenceDataError(
                table: table, line: reader.recordLine,
                message:
                    "expected the header \(columns.joined(separator: ",")) (in any order, other columns allowed); '\(missing)' is missing"
            )
        }
        let wanted = places.map { $0! }
        while try next() {
            guard spans.count == header.count else {
                throw ReferenceDataError(
                    table: table, line: reader.recordLine,
                    message: "expected \(header.count) fields, found \(spans.count)")
            }
            wantedSpans.removeAll(keepingCapacity: true)
            for place in wanted { wantedSpans.append(spans[place]) }
            try visit(wantedSpans, reader, reader.recordLine)
        }
    }

    /// The text of the field at `span`, its quotes undoubled and checked as UTF-8.
    private static func text(of span: CSVFieldSpan, in reader: CSVReader, table: String)
        throws(ReferenceDataError) -> String
    {
        do {
            return try reader.text(of: span)
        } catch {
            throw ReferenceDataError(table: table, line: error.line, message: error.message)
        }
    }
}
