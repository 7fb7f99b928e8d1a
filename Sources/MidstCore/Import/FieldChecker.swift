/// Reads typed values out of one ``ImportRow``, collecting an issue for every bad field so that a
/// record's problems are all reported together.
///
/// Messages name the problem; they quote the value only for files without personal data
/// (``ImportColumn/holdsPersonalData``), harmlessly (``shown(_:)``). A value holding a NUL
/// character is refused.
struct FieldChecker<Column: ImportColumn> {
    let row: ImportRow<Column>
    let file: String
    let reference: ReferenceData
    private(set) var issues: [ImportIssue] = []

    init(row: ImportRow<Column>, file: String, reference: ReferenceData) {
        self.row = row
        self.file = file
        self.reference = reference
        for position in row.positionsWithNUL {
            fail(
                Column.allCases[position],
                "holds a NUL character (byte 0), which would cut the text short: refused")
        }
    }

    /// The value as a message shows it: ` 'value'` (with its leading space), controls escaped
    /// and cut short (``Swift/String/quotedForMessage(limit:)``); nothing at all in a file
    /// about people, so that a name or an e-mail address in the wrong column never reaches a
    /// terminal or a log. Written after the noun it names: `"unknown specialty\(shown(text))"`.
    func shown(_ value: some StringProtocol) -> String {
        Column.holdsPersonalData ? "" : " " + String(value).quotedForMessage()
    }

    mutating func fail(_ column: Column, _ message: String) {
        issues.append(ImportIssue(file: file, line: row.line, field: column.name, message: message))
    }

    /// The value of a column, recording "is required" when a required one is absent.
    mutating func text(_ column: Column) -> String? {
        let value = row[column]
        if value == nil, column.isRequired { fail(column, "a value is required") }
        return value
    }

    mutating func id(_ column: Column) -> RecordID? {
        guard let text = text(column) else { return nil }
        guard let id = RecordID(validating: text) else {
            fail(
                column,
                "the value\(shown(text)) is not a valid id (1–64 characters of A–Z, a–z, 0–9, '.', '_', '-')"
            )
            return nil
        }
        return id
    }

    mutating func integer(_ column: Column, in range: ClosedRange<Int>, default fallback: Int)
        -> Int
    {
        guard let text = text(column) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            fail(
                column,
                "the value\(shown(text)) is not a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
            return fallback
        }
        return value
    }

    /// A date; with a `horizon`, one no later than its last day (a record's own date).
    mutating func date(_ column: Column, within horizon: DateHorizon? = nil) -> CalendarDate? {
        guard let text = text(column) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            fail(column, dateProblem(text))
            return nil
        }
        if let horizon, !horizon.admits(date) {
            fail(column, horizon.problem(date))
            return nil
        }
        return date
    }

    /// Why `text` is not a date: a well-formed date that the calendar does not have
    /// (`2026-02-30`) is "no such date", anything else is not of the form.
    func dateProblem(_ text: String) -> String {
        CalendarDate.problem(parsing: text, showingValue: !Column.holdsPersonalData)
    }

    /// Two dates forming a window; an end before the start is reported on the end column.
    mutating func window(from startColumn: Column, to endColumn: Column) -> CalendarDate.Window {
        let start = date(startColumn)
        let end = date(endColumn)
        if let start, let end, end < start {
            fail(endColumn, "\(end) is before \(startColumn.name) \(start)")
        }
        return CalendarDate.Window(start: start, end: end)
    }

    /// When a record was last changed: a date or an ISO 8601 time, no later than the
    /// `horizon`'s last day; `fallback` when empty.
    mutating func timestamp(
        _ column: Column, default fallback: Timestamp, within horizon: DateHorizon
    ) -> Timestamp {
        guard let text = text(column) else { return fallback }
        guard let value = Timestamp(parsing: text) else {
            fail(
                column,
                text.utf8.count == 10
                    ? dateProblem(text)
                    : "the value\(shown(text)) is not a date (YYYY-MM-DD) or an ISO 8601 time (YYYY-MM-DDTHH:MM:SSZ)"
            )
            return fallback
        }
        guard horizon.admits(value) else {
            fail(column, horizon.problem(CalendarDate(iso: value.iso.prefix(10))!))
            return fallback
        }
        return value
    }

    mutating func boolean(_ column: Column) -> Bool? {
        guard let text = text(column) else { return nil }
        switch text.lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default:
            fail(column, "the value\(shown(text)) is not yes/no, true/false or 1/0")
            return nil
        }
    }

    mutating func seniority(_ column: Column) -> (Seniority, grade: String?)? {
        guard let text = text(column) else { return nil }
        guard let seniority = Seniority(grade: text) else {
            fail(
                column,
                "the value\(shown(text)) is not a level 1–5, an NHS grade (FY1, ST4, consultant …) or an AfC band (band5 … band9)"
            )
            return nil
        }
        return (seniority, Int(text) == nil ? text : nil)
    }

    mutating func country(_ column: Column) -> CountryCode? {
        guard let text = text(column) else { return nil }
        return country(text, in: column)
    }

    /// One or more countries, `;`-separated, each once; nil when the field is empty or any item
    /// is bad (each bad item is an issue).
    mutating func countries(_ column: Column) -> [CountryCode]? {
        guard let text = text(column) else { return nil }
        var found: [CountryCode] = []
        var isValid = true
        for item in items(text) {
            guard item.count == 1, let code = country(item[0], in: column) else {
                if item.count != 1 {
                    fail(column, "an item\(shown(item.joined(separator: ":"))) is not a country code")
                }
                isValid = false
                continue
            }
            if found.contains(code) {
                fail(column, "a country\(shown(code.rawValue)) is listed twice")
                isValid = false
            } else {
                found.append(code)
            }
        }
        return isValid && !found.isEmpty ? found : nil
    }

    /// Free-text items, `;`-separated and trimmed, each once (compared ignoring case).
    mutating func textItems(_ column: Column) -> [String] {
        guard let text = text(column) else { return [] }
        var found: [String] = []
        for item in items(text) {
            let value = item.joined(separator: ":")
            if found.contains(where: { $0.lowercased() == value.lowercased() }) {
                fail(column, "an item\(shown(value)) is listed twice")
            } else if !value.isEmpty {
                found.append(value)
            }
        }
        return found
    }

    /// A decimal number within `range`; nil when the field is empty or bad.
    mutating func decimal(_ column: Column, in range: ClosedRange<Double>) -> Double? {
        guard let text = text(column) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            fail(
                column,
                "the value\(shown(text)) is not a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))"
            )
            return nil
        }
        return value
    }

    mutating func country(_ text: String, in column: Column) -> CountryCode? {
        guard let code = reference.country(text) else {
            // About a person, the codes alone, as for languages.
            let guesses = reference.countries(namedLike: text).prefix(4)
                .map { Column.holdsPersonalData ? "\($0.code)" : "\($0.code) (\($0.name))" }
            let guess = guesses.isEmpty ? "" : "; did you mean \(guesses.joined(separator: " or "))?"
            fail(
                column,
                "unknown country code\(shown(text)) (use ISO 3166-1 alpha-2 or alpha-3, XS for Somaliland, or the country's English name)\(guess)"
            )
            return nil
        }
        return code
    }

    mutating func language(_ text: String, in column: Column) -> LanguageCode? {
        guard let code = reference.language(text) else {
            // About a person, the codes alone: a name may be the value written.
            let guesses = reference.languages(namedLike: text).prefix(3)
                .map { Column.holdsPersonalData ? "\($0.code)" : "\($0.code) (\($0.name))" }
            let guess = guesses.isEmpty ? "" : "; did you mean \(guesses.joined(separator: " or "))?"
            fail(
                column,
                "unknown language code\(shown(text)) (use ISO 639-1, 639-3 or a BCP 47 tag)\(guess)")
            return nil
        }
        return code
    }

    mutating func level(_ text: String, in column: Column) -> LanguageLevel? {
        guard let level = LanguageLevel(code: text) else {
            fail(
                column,
                "the level\(shown(text)) is not a language level (A1, A2, B1, B2, C1, C2 or native, or a word such as basic, intermediate, fluent: docs/FORMATS.md)")
            return nil
        }
        return level
    }

    mutating func profession(_ column: Column) -> SpecialtyCode? {
        guard let text = text(column) else { return nil }
        return profession(text, in: column)
    }

    /// One or more professions, `;`-separated, each once; nil when the field is empty or any
    /// item is bad (each bad item is an issue).
    mutating func professions(_ column: Column) -> [SpecialtyCode]? {
        guard let text = text(column) else { return nil }
        var found: [SpecialtyCode] = []
        var isValid = true
        for item in items(text) {
            guard item.count == 1, let code = profession(item[0], in: column) else {
                if item.count != 1 {
                    fail(
                        column, "an item\(shown(item.joined(separator: ":"))) is not a profession code")
                }
                isValid = false
                continue
            }
            if found.contains(code) {
                fail(column, "profession '\(code)' is listed twice")
                isValid = false
            } else {
                found.append(code)
            }
        }
        return isValid && !found.isEmpty ? found : nil
    }

    private mutating func profession(_ text: String, in column: Column) -> SpecialtyCode? {
        guard let entry = reference.specialty(text), entry.level == .profession else {
            let known = reference.specialties.filter { $0.level == .profession }.map(
                \.code.rawValue)
            fail(
                column, "unknown profession\(shown(text)) (known: \(known.joined(separator: ", ")))")
            return nil
        }
        return entry.code
    }

    /// The codes of a specialty column and of an optional skills column, each once: the
    /// specialties in the order written, then the skills (a skill may also be written among the
    /// specialties, as files did before skills had a column of their own). A specialty must
    /// belong to one of `professions` (any profession's when nil); a skill belongs to none. Older
    /// codes are read as the entries that replace them (``Specialty/aliases``).
    mutating func specialtiesAndSkills(
        _ specialtyColumn: Column, skills skillColumn: Column, professions: [SpecialtyCode]?
    ) -> [SpecialtyCode] {
        var specialties: [SpecialtyCode] = []
        var skills: [SpecialtyCode] = []
        for column in [specialtyColumn, skillColumn] {
            let isSkillColumn = column == skillColumn
            for item in text(column).map(items) ?? [] {
                guard item.count == 1, !item[0].isEmpty else {
                    let what = isSkillColumn ? "skill" : "specialty"
                    fail(column, "an item\(shown(item.joined(separator: ":"))) is not a \(what) code")
                    continue
                }
                guard let entry = entry(item[0], in: column, isSkillColumn: isSkillColumn) else {
                    continue
                }
                if entry.isSkill {
                    if skills.contains(entry.code) {
                        fail(column, "skill '\(entry.code)' is listed twice")
                    } else {
                        skills.append(entry.code)
                    }
                    continue
                }
                if let professions, !professions.contains(entry.profession) {
                    let names = professions.map { "'\($0)'" }.joined(separator: " or ")
                    fail(
                        column,
                        "specialty '\(entry.code)' belongs to profession '\(entry.profession)', not \(names)"
                    )
                } else if specialties.contains(entry.code) {
                    fail(column, "specialty '\(entry.code)' is listed twice")
                } else {
                    specialties.append(entry.code)
                }
            }
        }
        return specialties + skills
    }

    private mutating func entry(_ text: String, in column: Column, isSkillColumn: Bool)
        -> Specialty?
    {
        guard let entry = reference.specialty(text), entry.level != .profession else {
            fail(
                column,
                isSkillColumn
                    ? "unknown skill\(shown(text)) (see `midst reference skills`)"
                    : "unknown specialty\(shown(text)) (see `midst reference specialties`)")
            return nil
        }
        if isSkillColumn, !entry.isSkill {
            fail(
                column,
                "'\(entry.code)' is a specialty, not a skill: write it in the specialties column")
            return nil
        }
        return entry
    }

    /// Splits a multi-valued field into items (`;`-separated) and their parts (`:`-separated),
    /// trimmed of spaces. Works on UTF-8 bytes: this runs several times for every imported record.
    func items(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [[String]] = []
            var parts: [String] = []
            var partStart = 0
            var index = 0
            while true {
                let isEnd = index == bytes.count
                let byte = isEnd ? 0x3B : bytes[index]
                if byte == 0x3A || byte == 0x3B {
                    var first = partStart
                    var last = index
                    while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                    while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 {
                        last -= 1
                    }
                    // The split is at ASCII bytes only, so each part is whole UTF-8.
                    parts.append(String(decoding: bytes[first..<last], as: UTF8.self))
                    if byte == 0x3B {
                        if !(parts.count == 1 && parts[0].isEmpty) { result.append(parts) }
                        parts = []
                    }
                    if isEnd { break }
                    partStart = index + 1
                }
                index += 1
            }
            return result
        }
    }

    /// Language items `LANG:LEVEL` (or `LANG` alone when `defaultLevel` is given); repeated
    /// languages are an issue.
    /// The languages of a need's site(s), each `LANG`, `LANG:LEVEL` (the level wished for,
    /// `defaultLevel` when left out) or, for a regional need, `COUNTRY:LANG[:LEVEL]`: a language
    /// of the site in that country, one of `countries`. A language of the main country (the
    /// first) is kept without its country.
    mutating func siteLanguageItems(
        _ column: Column, countries: [CountryCode], defaultLevel: LanguageLevel
    ) -> [Need.LanguageRequirement] {
        guard let text = text(column) else { return [] }
        var result: [Need.LanguageRequirement] = []
        for parts in items(text) {
            // Two parts are COUNTRY:LANG when they read as a country and a language (and the
            // second is no level), else LANG:LEVEL.
            let hasCountry =
                parts.count == 3
                || (parts.count == 2 && LanguageLevel(code: parts[1]) == nil
                    && reference.country(parts[0]) != nil && reference.language(parts[1]) != nil)
            guard (1...3).contains(parts.count) else {
                fail(
                    column,
                    "an item\(shown(parts.joined(separator: ":"))) is not LANG, LANG:LEVEL or COUNTRY:LANG:LEVEL, e.g. 'ach', 'ach:B1' or 'UG:ach:B1'"
                )
                continue
            }
            var country: CountryCode?
            if hasCountry {
                guard let named = self.country(parts[0], in: column) else { continue }
                guard countries.contains(named) else {
                    let listed = countries.map(\.rawValue).joined(separator: ";")
                    fail(
                        column,
                        "the site language\(shown(parts.joined(separator: ":"))) names country \(named), which is not one of the need's countries (\(listed))"
                    )
                    continue
                }
                country = named == countries.first ? nil : named
            }
            let rest = hasCountry ? parts.dropFirst() : parts[...]
            let language = language(rest.first!, in: column)
            let level =
                rest.count == 2 ? self.level(rest.last!, in: column) : defaultLevel
            guard let language, let level else { continue }
            if result.contains(where: { $0.language == language && $0.country == country }) {
                fail(column, "a language\(shown(language.rawValue)) is listed twice for one site")
                continue
            }
            result.append(
                Need.LanguageRequirement(language: language, minimumLevel: level, country: country))
        }
        return result
    }

    mutating func languageItems(_ column: Column, defaultLevel: LanguageLevel?) -> [(
        LanguageCode, LanguageLevel
    )] {
        guard let text = text(column) else { return [] }
        var result: [(LanguageCode, LanguageLevel)] = []
        for parts in items(text) {
            guard parts.count == 2 || (parts.count == 1 && defaultLevel != nil) else {
                fail(
                    column,
                    "an item\(shown(parts.joined(separator: ":"))) is not LANG:LEVEL, e.g. 'en:C1' or 'yo:native'"
                )
                continue
            }
            let language = language(parts[0], in: column)
            let level = parts.count == 2 ? self.level(parts[1], in: column) : defaultLevel
            guard let language, let level else { continue }
            if result.contains(where: { $0.0 == language }) {
                fail(column, "a language\(shown(language.rawValue)) is listed twice")
                continue
            }
            result.append((language, level))
        }
        return result
    }
}
