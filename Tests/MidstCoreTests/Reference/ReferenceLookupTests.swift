import Foundation
import Testing

@testable import MidstCore

/// Language codes are looked up in tables indexed by their letters instead of dictionaries of
/// strings (every command loads the reference data); the answers must be the dictionaries'.
@Suite("Reference lookups")
struct ReferenceLookupTests {
    let reference: ReferenceData

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
    }

    /// The rows of the bundled languages.csv (which quotes no field), split by hand.
    static func languageRows() throws -> [[String]] {
        let tables = try ReferenceFixtures.bundledTables()
        let lines = tables.languages.split(separator: "\n").filter { !$0.hasPrefix("#") }
        return lines.dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("every language code, 639-3 code and 639-2/B code finds what a dictionary finds")
    func languagesAsDictionaries() throws {
        let rows = try Self.languageRows()
        try #require(rows.count > 7000)
        let codes = rows.map { $0[0] }.sorted()
        var number: [String: Int] = [:]
        for (index, code) in codes.enumerated() { number[code] = index }
        // The old lookups: later entries (in code order) replace earlier ones.
        var alias: [String: String] = [:]
        for row in rows.sorted(by: { $0[0] < $1[0] }) {
            alias[row[0]] = row[0]
            alias[row[1]] = row[0]
            if !row[2].isEmpty { alias[row[2]] = row[0] }
        }
        #expect(reference.languages.map(\.code.rawValue) == codes)
        for code in codes {
            #expect(reference.number(of: LanguageCode(rawValue: code)) == number[code])
            #expect(reference.info(for: LanguageCode(rawValue: code))?.code.rawValue == code)
        }
        for (text, code) in alias {
            #expect(reference.language(text)?.rawValue == code, "\(text)")
            #expect(reference.language(text.uppercased())?.rawValue == code, "\(text)")
            #expect(reference.language(text + "-Latn")?.rawValue == code, "\(text)")
        }
        // Two- and three-letter texts that name nothing, and texts no table can hold.
        var random = SeededRandom(seed: 23)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0..<20_000 {
            let length = Int.random(in: 2...3, using: &random)
            let text = String((0..<length).map { _ in letters.randomElement(using: &random)! })
            #expect(reference.language(text)?.rawValue == alias[text])
            #expect(reference.number(of: LanguageCode(rawValue: text)) == number[text])
        }
        for text in ["", "e", "engl", "EN", "e1", "é", "en ", "z{", "`a", "_en"] {
            #expect(reference.number(of: LanguageCode(rawValue: text)) == number[text], "\(text)")
        }
        for text in ["", "e", "engl", "e1", "é", "z{", "`a", "_en"] {
            #expect(reference.language(text) == nil, "\(text)")
        }
    }

    @Test("a table whose columns are reordered or added to loads the same reference data")
    func reorderedAndAddedColumns() throws {
        var tables = try ReferenceFixtures.bundledTables()
        func reordered(_ text: String, _ order: [Int], adding extra: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                guard !line.hasPrefix("#"), !line.isEmpty else { return String(line) }
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return (order.map { String(fields[$0]) } + [extra]).joined(separator: ",")
            }.joined(separator: "\n")
        }
        // languages.csv and macrolanguages.csv quote no field.
        tables.languages = reordered(tables.languages, [3, 2, 0, 1], adding: "x")
        tables.macrolanguages = reordered(tables.macrolanguages!, [1, 0], adding: "")
        let loaded = try ReferenceData(tables: tables)
        #expect(loaded.languages == reference.languages)
        for language in reference.languages {
            #expect(
                loaded.equivalents(of: language.code) == reference.equivalents(of: language.code))
            #expect(loaded.language(language.alpha3) == reference.language(language.alpha3))
        }
        #expect(loaded.countries == reference.countries)
        #expect(loaded.specialties == reference.specialties)
        #expect(loaded.organisations == reference.organisations)
    }

    @Test(
        "a language code that is not two or three lower-case letters is refused",
        arguments: ["EN,eng,,English", "e1,eng,,English", "en,en,,English", "en,eng,GER,English"])
    func badLanguageCode(row: String) throws {
        var tables = try ReferenceFixtures.bundledTables()
        tables.languages += row + "\n"
        let error = try #require(throws: ReferenceDataError.self) {
            try ReferenceData(tables: tables)
        }
        #expect(error.table == "languages.csv")
        #expect(error.message.contains("bad language code"))
    }
}
