/// The languages' codes in order, and the tables that number them: all a query needs of the
/// languages (positions in compact tables, codes in and out), without their names.
struct LanguageCodes: Sendable {
    /// Each language's code, ordered by code: position `n` is language number `n`.
    let codes: [LanguageCode]
    /// Each language's position by its code.
    let numbers: LetterCodeTable
    /// The same, by its code, its ISO 639-3 code or its ISO 639-2/B code.
    let aliasNumbers: LetterCodeTable

    /// Where one language's codes go in a ``LetterCodeTable`` (``LetterCodeTable/key(utf8:)``):
    /// its code's place, its ISO 639-3 code's and its ISO 639-2/B code's; nil for a code that is
    /// not two or three lower-case letters, which no table holds.
    struct Keys: Sendable {
        var code: Int?
        var alpha3: Int?
        var alpha3B: Int?
    }

    /// The codes of languages given in code order.
    init(ordered languages: [(code: LanguageCode, alpha3: String, alpha3B: String?)]) {
        // Codes that are not two or three lower-case letters are refused by
        // ``ReferenceData/init(tables:)``; given here, they are not found, as no text names them.
        self.init(
            ordered: languages.map { language in
                (
                    language.code,
                    Keys(
                        code: LetterCodeTable.key(utf8: language.code.rawValue.utf8),
                        alpha3: LetterCodeTable.key(utf8: language.alpha3.utf8),
                        alpha3B: language.alpha3B.flatMap { LetterCodeTable.key(utf8: $0.utf8) })
                )
            })
    }

    /// The codes of languages given in code order, with their places in the tables (read from
    /// a table's bytes, without a string for the ISO 639-3 and 639-2/B codes).
    init(ordered languages: [(code: LanguageCode, keys: Keys)]) {
        var numbers = LetterCodeTable()
        var aliasNumbers = LetterCodeTable()
        for (index, language) in languages.enumerated() {
            if let key = language.keys.code {
                numbers.set(key: key, to: index)
                aliasNumbers.set(key: key, to: index)
            }
            if let key = language.keys.alpha3 { aliasNumbers.set(key: key, to: index) }
            if let key = language.keys.alpha3B { aliasNumbers.set(key: key, to: index) }
        }
        codes = languages.map(\.code)
        self.numbers = numbers
        self.aliasNumbers = aliasNumbers
    }
}
