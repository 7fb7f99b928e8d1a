/// The languages' codes in order, and the tables that number them: all a query needs of the
/// languages (positions in compact tables, codes in and out), without their names.
struct LanguageCodes: Sendable {
    /// Each language's code, ordered by code: position `n` is language number `n`. Read from a
    /// table's bytes (``init(orderedKeys:)``), made the first time it is read: only text that
    /// names a language (a flag, an import) needs it, not a query of a need.
    var codes: [LanguageCode] { codeList.value }
    /// Each language's position by its code.
    let numbers: LetterCodeTable
    /// The same, by its code, its ISO 639-3 code or its ISO 639-2/B code.
    let aliasNumbers: LetterCodeTable
    private let codeList: ReferencePart<[LanguageCode]>

    /// Where one language's codes go in a ``LetterCodeTable`` (``LetterCodeTable/key(utf8:)``):
    /// its code's place, its ISO 639-3 code's and its ISO 639-2/B code's; 0 for none, or for a
    /// code that is not two or three lower-case letters, which no table holds.
    struct Keys: Sendable {
        var code: UInt16
        var alpha3: UInt16
        var alpha3B: UInt16
    }

    /// The codes of languages given in code order.
    init(ordered languages: [(code: LanguageCode, alpha3: String, alpha3B: String?)]) {
        // Codes that are not two or three lower-case letters are refused by
        // ``ReferenceData/init(tables:)``; given here, they are not found, as no text names them.
        func key(_ code: String?) -> UInt16 {
            code.flatMap { LetterCodeTable.key(utf8: $0.utf8) }.map(UInt16.init) ?? 0
        }
        self.init(
            keys: languages.map {
                Keys(code: key($0.code.rawValue), alpha3: key($0.alpha3), alpha3B: key($0.alpha3B))
            },
            codes: ReferencePart(languages.map(\.code)))
    }

    /// The codes of languages given in code order by their places in the tables, every code two
    /// or three lower-case letters (read from a table's bytes, with no string).
    init(orderedKeys keys: [Keys]) {
        let codeKeys = keys.map(\.code)
        self.init(
            keys: keys,
            codes: ReferencePart {
                codeKeys.map { LanguageCode(rawValue: LetterCodeTable.code(atKey: Int($0))) }
            })
    }

    private init(keys: [Keys], codes: ReferencePart<[LanguageCode]>) {
        var numbers = LetterCodeTable()
        var aliasNumbers = LetterCodeTable()
        for (index, language) in keys.enumerated() {
            if language.code != 0 {
                numbers.set(key: Int(language.code), to: index)
                aliasNumbers.set(key: Int(language.code), to: index)
            }
            if language.alpha3 != 0 { aliasNumbers.set(key: Int(language.alpha3), to: index) }
            if language.alpha3B != 0 { aliasNumbers.set(key: Int(language.alpha3B), to: index) }
        }
        codeList = codes
        self.numbers = numbers
        self.aliasNumbers = aliasNumbers
    }
}
