/// Validates a staff CSV row straight from its bytes when the row is already written the way
/// Midst stores it, and declines (returns `nil`) every other row, which then goes through
/// ``StaffValidator``.
///
/// A plain row has ASCII fields without doubled quotes or surrounding spaces; codes in their
/// canonical spelling (`paediatrics`, `NG:trained:4`, `yo:native`); levels 1–5 or grades; dates
/// `YYYY-MM-DD` (an `updated_at` no later than the ``DateHorizon``); consent `yes`/`no`/`true`/`false`/`1`/`0`/`y`/`n`; modes `remote`/`in-country`.
/// Anything unusual — a bad value, a lower-case country, an alpha-3 code, a repeated item, more
/// than ``PlainStaff/capacity`` items — is declined rather than judged: ``StaffValidator`` is the
/// one place that normalises and explains. So a row this accepts is one ``StaffValidator``
/// accepts with the same values and the same stored text (ImportTests check both paths store the
/// same rows). It exists for speed: it allocates nothing, where decoding a row into strings and
/// validating them cost most of a 1M-row import (ImportBenchmarks).
package struct PlainStaffValidator: Sendable {
    private let fieldOfColumn: [Int]
    private let fieldCount: Int
    private let specialties: ByteCodeTable
    /// By specialty number: whether it is a profession, and the number of its profession.
    private let isProfession: [Bool]
    private let professionOf: [Int]
    /// By specialty number: whether it is a skill (open to every profession).
    private let isSkill: [Bool]
    /// Country numbers by alpha-2 letters (`(first - A) * 26 + (second - A)`), or -1.
    private let countryByLetters: [Int16]
    /// Language numbers by two or three lower-case letters (base 27, a = 1), or -1.
    private let languageByLetters: [Int16]
    /// The latest `updated_at` that is plain; a later one is left to ``StaffValidator`` to refuse.
    private let horizon: DateHorizon

    /// A validator for rows laid out as `header` says, against `reference`, declining records
    /// dated after `horizon`.
    package init(
        reference: ReferenceData, header: ImportHeader<StaffColumn>, horizon: DateHorizon
    ) {
        self.horizon = horizon
        fieldOfColumn = StaffColumn.allCases.map { header.fieldIndex(of: $0) ?? -1 }
        fieldCount = header.fieldCount
        let codes = reference.specialties.map(\.code)
        specialties = ByteCodeTable(codes.map { Array($0.rawValue.utf8) })
        isProfession = reference.specialties.map { $0.level == .profession }
        professionOf = reference.specialties.map { reference.number(of: $0.profession) ?? -1 }
        isSkill = reference.specialties.map(\.isSkill)
        var countries = [Int16](repeating: -1, count: 26 * 26)
        for country in reference.countries {
            let letters = Array(country.code.rawValue.utf8)
            // Only spellings that the reference itself maps to the same code are plain.
            guard letters.count == 2, let slot = Self.countrySlot(letters[0], letters[1]),
                reference.country(country.code.rawValue) == country.code,
                let number = reference.number(of: country.code)
            else { continue }
            countries[slot] = Int16(number)
        }
        countryByLetters = countries
        var languages = [Int16](repeating: -1, count: 27 * 27 * 27)
        for language in reference.languages {
            let letters = Array(language.code.rawValue.utf8)
            guard let slot = Self.languageSlot(letters[...]),
                reference.language(language.code.rawValue) == language.code,
                let number = reference.number(of: language.code)
            else { continue }
            languages[slot] = Int16(number)
        }
        languageByLetters = languages
    }

    /// The record, when the row (its fields' places in `bytes`) is plain and valid; else `nil`.
    package func validate(_ fields: [CSVFieldSpan], in bytes: FileBytes)
        -> PlainStaff?
    {
        guard fields.count == fieldCount else { return nil }
        let row = Row(fields: fields, fieldOfColumn: fieldOfColumn, bytes: bytes)
        var staff = PlainStaff()
        guard let id = row.text(.id), (1...64).contains(id.count),
            row.bytes(id).allSatisfy(Self.isIDByte),
            let name = row.text(.name), let email = row.text(.email),
            email.isEmpty || StaffValidator.looksLikeEmail(utf8: row.bytes(email)),
            let employer = row.text(.employer),
            let profession = row.text(.profession),
            let professionNumber = specialties.number(of: row.bytes(profession)),
            isProfession[professionNumber]
        else { return nil }
        (staff.id, staff.name, staff.email, staff.employer) = (id, name, email, employer)
        staff.profession = profession
        staff.professionNumber = UInt16(professionNumber)
        guard let specialtiesText = row.text(.specialties), !specialtiesText.isEmpty,
            readSpecialties(specialtiesText, profession: professionNumber, row, into: &staff),
            let skillsText = row.text(.skills), readSkills(skillsText, row, into: &staff),
            let seniority = row.text(.seniority), readSeniority(seniority, row, into: &staff),
            let countries = row.text(.countries), readTies(countries, row, into: &staff),
            let languages = row.text(.languages), readLanguages(languages, row, into: &staff),
            let from = row.text(.availableFrom), let to = row.text(.availableTo),
            let modes = row.text(.modes), let modeSet = readModes(modes, row),
            let maxAssignments = row.number(.maxAssignments, upTo: 20, default: 1),
            let consent = row.text(.consent), let hasConsented = Self.consent(row.bytes(consent)),
            let placements = row.number(.placements, upTo: 1000, default: 0),
            let updatedOn = row.text(.updatedAt)
        else { return nil }
        staff.specialties = specialtiesText
        staff.skills = skillsText
        staff.countries = countries
        staff.languages = languages
        let start = from.isEmpty ? nil : CalendarDate(isoBytes: row.bytes(from))
        let end = to.isEmpty ? nil : CalendarDate(isoBytes: row.bytes(to))
        guard from.isEmpty || start != nil, to.isEmpty || end != nil,
            updatedOn.isEmpty
                || CalendarDate(isoBytes: row.bytes(updatedOn)).map(horizon.admits) == true
        else { return nil }
        if let start, let end, end < start { return nil }
        (staff.availableFrom, staff.availableTo, staff.updatedOn) = (from, to, updatedOn)
        staff.modes = modeSet
        staff.maxAssignments = Int32(maxAssignments)
        staff.hasConsented = hasConsented
        staff.placements = Int32(placements)
        return staff
    }

    // MARK: Fields

    private func readSpecialties(
        _ text: TextSpan, profession: Int, _ row: Row, into staff: inout PlainStaff
    ) -> Bool {
        var afterSkill = false
        return row.forEachItem(of: text) { item in
            // A specialty after a skill would be stored before it: not plain.
            guard staff.specialtyCount < PlainStaff.capacity,
                let number = specialties.number(of: row.bytes(item)), !isProfession[number],
                isSkill[number] || (professionOf[number] == profession && !afterSkill)
            else { return false }
            afterSkill = afterSkill || isSkill[number]
            return staff.appendSpecialty(number)
        }
    }

    /// The skills column: skills only, after the specialties, none repeated.
    private func readSkills(_ text: TextSpan, _ row: Row, into staff: inout PlainStaff) -> Bool {
        row.forEachItem(of: text) { item in
            guard staff.specialtyCount < PlainStaff.capacity,
                let number = specialties.number(of: row.bytes(item)), isSkill[number]
            else { return false }
            return staff.appendSpecialty(number)
        }
    }

    private func readSeniority(_ text: TextSpan, _ row: Row, into staff: inout PlainStaff) -> Bool
    {
        let bytes = row.bytes(text)
        if bytes.count == 1, let level = Seniority(rawValue: Int(bytes[0]) - 0x30) {
            staff.seniority = level
            return true
        }
        // A grade: rare enough in bulk files to parse as text (a short string, not allocated).
        let grade = String(decoding: bytes, as: UTF8.self)
        guard !grade.isEmpty, let level = Seniority(grade: grade) else { return false }
        staff.seniority = level
        staff.grade = Int(grade) == nil ? text : .empty
        return true
    }

    private func readTies(_ text: TextSpan, _ row: Row, into staff: inout PlainStaff) -> Bool {
        row.forEachItem(of: text) { item in
            let bytes = row.bytes(item)
            // CC:kind or CC:kind:years
            guard staff.tieCount < PlainStaff.capacity, bytes.count >= 4, bytes[2] == 0x3A,
                let slot = Self.countrySlot(bytes[0], bytes[1]), countryByLetters[slot] >= 0
            else { return false }
            let rest = bytes.part(from: 3)
            let colon = rest.firstIndex(of: 0x3A) ?? rest.count
            guard let kind = Self.tieKind(rest.part(0..<colon)) else {
                return false
            }
            var years: UInt8 = 0
            if colon < rest.count {
                let digits = rest[(colon + 1)...]
                guard (1...2).contains(digits.count), digits.count == 1 || digits.first != 0x30,
                    let value = CalendarDate.number(digits), value <= 80
                else { return false }
                years = UInt8(value + 1)
            }
            let country = UInt16(countryByLetters[slot])
            let count = Int(staff.tieCount)
            for earlier in 0..<count
            where staff.tieCountries[earlier] == country && staff.tieKinds[earlier] == kind {
                return false
            }
            staff.tieCountries[count] = country
            staff.tieKinds[count] = kind
            staff.tieYears[count] = years
            staff.tieCount += 1
            return true
        }
    }

    private func readLanguages(_ text: TextSpan, _ row: Row, into staff: inout PlainStaff)
        -> Bool
    {
        row.forEachItem(of: text) { item in
            let bytes = row.bytes(item)
            guard staff.languageCount < PlainStaff.capacity,
                let colon = bytes.firstIndex(of: 0x3A),
                let slot = Self.languageSlot(bytes[..<colon]), languageByLetters[slot] >= 0,
                let level = Self.level(bytes.part(from: colon + 1))
            else { return false }
            let language = UInt16(languageByLetters[slot])
            let count = Int(staff.languageCount)
            for earlier in 0..<count where staff.languageNumbers[earlier] == language {
                return false
            }
            staff.languageNumbers[count] = language
            staff.languageLevels[count] = UInt8(level.rawValue)
            staff.languageCount += 1
            return true
        }
    }

    private func readModes(_ text: TextSpan, _ row: Row) -> Staff.WorkModes? {
        guard !text.isEmpty else { return .both }
        var modes: Staff.WorkModes = []
        let isPlain = row.forEachItem(of: text) { item in
            let bytes = row.bytes(item)
            if bytes.elementsEqual("remote".utf8) {
                modes.insert(.remote)
            } else if bytes.elementsEqual("in-country".utf8) {
                modes.insert(.inCountry)
            } else {
                return false
            }
            return true
        }
        return isPlain ? modes : nil
    }

    // MARK: Codes

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
            || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x5F || byte == 0x2D
    }

    private static func countrySlot(_ first: UInt8, _ second: UInt8) -> Int? {
        guard (0x41...0x5A).contains(first), (0x41...0x5A).contains(second) else { return nil }
        return Int(first - 0x41) * 26 + Int(second - 0x41)
    }

    private static func languageSlot(_ letters: some Collection<UInt8>) -> Int? {
        guard (2...3).contains(letters.count) else { return nil }
        var slot = 0
        for letter in letters {
            guard (0x61...0x7A).contains(letter) else { return nil }
            slot = slot * 27 + Int(letter - 0x60)
        }
        return slot
    }

    private static let tieKinds = CountryTie.Kind.allCases.map { Array($0.rawValue.utf8) }

    private static func tieKind(_ bytes: FileBytes) -> UInt8? {
        tieKinds.firstIndex { bytes.elementsEqual($0) }.map(UInt8.init)
    }

    private static let levels = LanguageLevel.allCases.map { ($0, Array($0.code.utf8)) }

    private static func level(_ bytes: FileBytes) -> LanguageLevel? {
        levels.first { bytes.elementsEqual($0.1) }?.0
    }

    private static func consent(_ bytes: FileBytes) -> Bool? {
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case 0x31, 0x79: true  // 1, y
            case 0x30, 0x6E: false  // 0, n
            default: nil
            }
        case 2: bytes.elementsEqual("no".utf8) ? false : nil
        case 3: bytes.elementsEqual("yes".utf8) ? true : nil
        case 4: bytes.elementsEqual("true".utf8) ? true : nil
        case 5: bytes.elementsEqual("false".utf8) ? false : nil
        default: nil
        }
    }
}

/// One row's fields, by column, over the file's bytes.
private struct Row {
    let fields: [CSVFieldSpan]
    let fieldOfColumn: [Int]
    let bytes: FileBytes

    /// The column's text: empty when the column is absent or empty; `nil` when the field is not
    /// plain (non-ASCII, doubled quotes, or spaces around it).
    func text(_ column: StaffColumn) -> TextSpan? {
        let index = fieldOfColumn[column.position]
        guard index >= 0 else { return .empty }
        let field = fields[index]
        guard field.isPlain else { return nil }
        guard field.end > field.start else { return .empty }
        for byte in [bytes[field.start], bytes[field.end - 1]] where byte == 0x20 || byte == 0x09 {
            return nil
        }
        return TextSpan(start: field.start, end: field.end)
    }

    func bytes(_ span: TextSpan) -> FileBytes { bytes.part(span) }

    /// A whole number of up to four digits, at most `limit`; `fallback` when empty.
    func number(_ column: StaffColumn, upTo limit: Int, default fallback: Int) -> Int? {
        guard let text = text(column) else { return nil }
        guard !text.isEmpty else { return fallback }
        let digits = bytes(text)
        guard digits.count <= 4, let value = CalendarDate.number(digits), value <= limit else {
            return nil
        }
        return value
    }

    /// Calls `body` with each `;`-separated item; stops and returns `false` at an empty item or
    /// when `body` returns `false`.
    func forEachItem(of text: TextSpan, _ body: (TextSpan) -> Bool) -> Bool {
        let end = Int(text.start) + Int(text.count)
        var start = Int(text.start)
        guard end > start else { return true }
        for index in start...end where index == end || bytes[index] == 0x3B {
            guard index > start, body(TextSpan(start: start, end: index)) else { return false }
            start = index + 1
        }
        return true
    }
}

/// Finds codes by their UTF-8 bytes without building strings: an FNV-1a hash, then a check of
/// the bytes.
private struct ByteCodeTable: Sendable {
    private let numberByHash: [UInt64: Int]
    private let codes: [[UInt8]]

    init(_ codes: [[UInt8]]) {
        self.codes = codes
        var numbers: [UInt64: Int] = [:]
        for (number, code) in codes.enumerated() {
            // Two codes with one hash: the later is left to the slow path.
            if numbers[Self.hash(code[...])] == nil { numbers[Self.hash(code[...])] = number }
        }
        numberByHash = numbers
    }

    func number(of bytes: FileBytes) -> Int? {
        guard let number = numberByHash[Self.hash(bytes)], codes[number].elementsEqual(bytes)
        else { return nil }
        return number
    }

    private static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 { FNV1a.hash(bytes) }
}
