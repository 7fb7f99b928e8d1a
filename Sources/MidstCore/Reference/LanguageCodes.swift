/// The languages' codes in order, and the tables that number them: all a query needs of the
/// languages (positions in compact tables, codes in and out), without their names.
struct LanguageCodes: Sendable {
    /// Each language's code, ordered by code: position `n` is language number `n`.
    let codes: [LanguageCode]
    /// Each language's position by its code.
    let numbers: LetterCodeTable
    /// The same, by its code, its ISO 639-3 code or its ISO 639-2/B code.
    let aliasNumbers: LetterCodeTable

    /// The codes of languages given in code order.
    init(ordered languages: [(code: LanguageCode, alpha3: String, alpha3B: String?)]) {
        var numbers = LetterCodeTable()
        var aliasNumbers = LetterCodeTable()
        for (index, language) in languages.enumerated() {
            // Codes that are not two or three lower-case letters are refused by
            // ``ReferenceData/init(tables:)``; given here, they are not found, as no text names
            // them.
            numbers.set(language.code.rawValue, to: index)
            aliasNumbers.set(language.code.rawValue, to: index)
            aliasNumbers.set(language.alpha3, to: index)
            if let bibliographic = language.alpha3B {
                aliasNumbers.set(bibliographic, to: index)
            }
        }
        codes = languages.map(\.code)
        self.numbers = numbers
        self.aliasNumbers = aliasNumbers
    }
}
