/// Posting lists over a ``StaffTable``, the batch's candidate blocking: within each profession,
/// the people holding each specialty, with a tie to each country, with a tie to each country
/// holding each specialty, speaking each language, speaking each language holding each
/// specialty, working for each employer, and working for each employer holding each specialty,
/// in table order.
///
/// People with no free capacity can never be eligible, so they are left out. Built once per run
/// in O(n) (two counting passes per column); 4 bytes per specialty, tie, tie × specialty,
/// language, language × specialty and employer × specialty.
public struct CandidateIndex: Sendable {
    let specialtyCount: Int
    let countryCount: Int
    /// Key `profession * specialtyCount + specialty`: rows `specialtyRows[specialtyStart[key] ..< specialtyStart[key + 1]]`.
    let specialtyStart: [Int32]
    let specialtyRows: [Int32]
    /// Key `profession * countryCount + country`, likewise.
    let countryStart: [Int32]
    let countryRows: [Int32]
    /// Dense numbers of the professions people hold (-1: none holds it), by profession code.
    let professionNumber: [Int32]
    /// Key `(professionNumber * countryCount + country) * specialtyCount + specialty`: the people
    /// with a tie to the country who hold the specialty, likewise.
    let tieSpecialtyStart: [Int32]
    let tieSpecialtyRows: [Int32]
    let languageCount: Int
    /// Key `profession * languageCount + language`, likewise.
    let languageStart: [Int32]
    let languageRows: [Int32]
    /// Dense numbers of the languages people speak (-1: nobody speaks it), by language code.
    let languageNumber: [Int32]
    /// How many languages somebody speaks.
    let languagesSpoken: Int
    /// Key `(professionNumber * spoken languages + languageNumber) * specialtyCount +
    /// specialty`: the people speaking the language (at any level) who hold the specialty.
    let languageSpecialtyStart: [Int32]
    let languageSpecialtyRows: [Int32]
    /// Dense numbers of the employers' ``OrganisationKey``s (no employer has none).
    let employerNumber: [UInt64: Int]
    /// Key `profession * employerNumber.count + employer`, likewise.
    let employerStart: [Int32]
    let employerRows: [Int32]
    /// Key `(professionNumber * employerNumber.count + employer) * specialtyCount + specialty`:
    /// the employer's staff who hold the specialty, likewise.
    let employerSpecialtyStart: [Int32]
    let employerSpecialtyRows: [Int32]

    /// Indexes `table`: the numbering first, then the seven kinds of list, each on a core of its
    /// own (each is two passes over the table).
    public init(table: StaffTable) {
        // Professions and specialties share the reference's specialty codes.
        let specialtyCount =
            1 + max(Int(table.profession.max() ?? 0), Int(table.specialtyCodes.max() ?? 0))
        let countryCount = 1 + Int(table.tieCountries.max() ?? 0)
        let languageCount = 1 + Int(table.languageCodes.max() ?? 0)
        self.languageCount = languageCount
        self.specialtyCount = specialtyCount
        self.countryCount = countryCount
        let professionCount = specialtyCount
        var professionNumber = [Int32](repeating: -1, count: professionCount)
        var professionsHeld: Int32 = 0
        for row in 0..<table.count where professionNumber[Int(table.profession[row])] < 0 {
            professionNumber[Int(table.profession[row])] = professionsHeld
            professionsHeld += 1
        }
        self.professionNumber = professionNumber
        var languageNumber = [Int32](repeating: -1, count: languageCount)
        var languagesSpoken: Int32 = 0
        for code in table.languageCodes where languageNumber[Int(code)] < 0 {
            languageNumber[Int(code)] = languagesSpoken
            languagesSpoken += 1
        }
        self.languageNumber = languageNumber
        self.languagesSpoken = Int(languagesSpoken)
        var employerNumber: [UInt64: Int] = [:]
        var rowEmployer = [Int](repeating: -1, count: table.count)
        for row in 0..<table.count where table.employerKeys[row] != 0 {
            let key = table.employerKeys[row]
            if let number = employerNumber[key] {
                rowEmployer[row] = number
            } else {
                rowEmployer[row] = employerNumber.count
                employerNumber[key] = employerNumber.count
            }
        }
        self.employerNumber = employerNumber
        let employerCount = employerNumber.count
        let numbered = (
            profession: professionNumber, professionsHeld: Int(professionsHeld),
            language: languageNumber, languagesSpoken: Int(languagesSpoken),
            employer: rowEmployer
        )
        let lists = ListKind.allCases.concurrentMap { kind -> ([Int32], [Int32]) in
            switch kind {
            case .specialty:
                Self.postingLists(table: table, keyCount: professionCount * specialtyCount) {
                    row, emit in
                    let base = Int(table.profession[row]) * specialtyCount
                    let specialties =
                        Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1])
                    for index in specialties { emit(base + Int(table.specialtyCodes[index])) }
                }
            case .country:
                Self.postingLists(table: table, keyCount: professionCount * countryCount) {
                    row, emit in
                    let base = Int(table.profession[row]) * countryCount
                    let first = Int(table.tieStart[row])
                    for index in first..<Int(table.tieStart[row + 1]) {
                        let country = table.tieCountries[index]
                        // A person with several ties to one country is listed once.
                        if !table.tieCountries[first..<index].contains(country) {
                            emit(base + Int(country))
                        }
                    }
                }
            case .tieSpecialty:
                Self.postingLists(
                    table: table, keyCount: numbered.professionsHeld * countryCount * specialtyCount
                ) { row, emit in
                    let profession = Int(numbered.profession[Int(table.profession[row])])
                    let first = Int(table.tieStart[row])
                    for index in first..<Int(table.tieStart[row + 1]) {
                        let country = table.tieCountries[index]
                        guard !table.tieCountries[first..<index].contains(country) else { continue }
                        Self.emitSpecialties(
                            of: row, in: table,
                            base: (profession * countryCount + Int(country)) * specialtyCount, emit)
                    }
                }
            case .language:
                Self.postingLists(table: table, keyCount: professionCount * languageCount) {
                    row, emit in
                    let base = Int(table.profession[row]) * languageCount
                    let first = Int(table.languageStart[row])
                    for index in first..<Int(table.languageStart[row + 1]) {
                        let language = table.languageCodes[index]
                        if !table.languageCodes[first..<index].contains(language) {
                            emit(base + Int(language))
                        }
                    }
                }
            case .languageSpecialty:
                Self.postingLists(
                    table: table,
                    keyCount: numbered.professionsHeld * numbered.languagesSpoken * specialtyCount
                ) { row, emit in
                    let profession = Int(numbered.profession[Int(table.profession[row])])
                    let first = Int(table.languageStart[row])
                    for index in first..<Int(table.languageStart[row + 1]) {
                        let language = table.languageCodes[index]
                        guard !table.languageCodes[first..<index].contains(language) else {
                            continue
                        }
                        let number = Int(numbered.language[Int(language)])
                        Self.emitSpecialties(
                            of: row, in: table,
                            base: (profession * numbered.languagesSpoken + number) * specialtyCount,
                            emit)
                    }
                }
            case .employer:
                Self.postingLists(table: table, keyCount: professionCount * employerCount) {
                    row, emit in
                    if numbered.employer[row] >= 0 {
                        emit(Int(table.profession[row]) * employerCount + numbered.employer[row])
                    }
                }
            case .employerSpecialty:
                Self.postingLists(
                    table: table,
                    keyCount: numbered.professionsHeld * employerCount * specialtyCount
                ) { row, emit in
                    guard numbered.employer[row] >= 0 else { return }
                    let profession = Int(numbered.profession[Int(table.profession[row])])
                    Self.emitSpecialties(
                        of: row, in: table,
                        base: (profession * employerCount + numbered.employer[row])
                            * specialtyCount, emit)
                }
            }
        }
        (specialtyStart, specialtyRows) = lists[ListKind.specialty.rawValue]
        (countryStart, countryRows) = lists[ListKind.country.rawValue]
        (tieSpecialtyStart, tieSpecialtyRows) = lists[ListKind.tieSpecialty.rawValue]
        (languageStart, languageRows) = lists[ListKind.language.rawValue]
        (languageSpecialtyStart, languageSpecialtyRows) = lists[ListKind.languageSpecialty.rawValue]
        (employerStart, employerRows) = lists[ListKind.employer.rawValue]
        (employerSpecialtyStart, employerSpecialtyRows) = lists[ListKind.employerSpecialty.rawValue]
    }

    /// The kinds of posting list, in the order they are built.
    private enum ListKind: Int, CaseIterable {
        case specialty, country, tieSpecialty, language, languageSpecialty, employer
        case employerSpecialty
    }

    /// Emits `base + code` for each of person `row`'s specialty codes, each code once.
    @inline(__always)
    private static func emitSpecialties(
        of row: Int, in table: StaffTable, base: Int, _ emit: (Int) -> Void
    ) {
        let specialties = Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1])
        for specialty in specialties
        where !table.specialtyCodes[specialties.lowerBound..<specialty].contains(
            table.specialtyCodes[specialty])
        {
            emit(base + Int(table.specialtyCodes[specialty]))
        }
    }

    /// The people of `profession` whose employer has `key` (an ``OrganisationKey``).
    func rows(profession: UInt16, employer key: UInt64) -> ArraySlice<Int32> {
        guard let employer = employerNumber[key] else { return [] }
        let index = Int(profession) * employerNumber.count + employer
        guard index + 1 < employerStart.count else { return [] }
        return employerRows[Int(employerStart[index])..<Int(employerStart[index + 1])]
    }

    /// The people of `profession` whose employer has `key` and who hold `specialty`.
    func rows(profession: UInt16, employer key: UInt64, specialty: Int) -> ArraySlice<Int32> {
        guard Int(profession) < professionNumber.count, specialty < specialtyCount,
            let employer = employerNumber[key]
        else { return [] }
        let number = Int(professionNumber[Int(profession)])
        guard number >= 0 else { return [] }
        let key = (number * employerNumber.count + employer) * specialtyCount + specialty
        return employerSpecialtyRows[
            Int(employerSpecialtyStart[key])..<Int(employerSpecialtyStart[key + 1])]
    }

    /// The people of `profession` who hold `specialty` (primary or secondary).
    func rows(profession: UInt16, specialty: Int) -> ArraySlice<Int32> {
        let key = Int(profession) * specialtyCount + specialty
        guard specialty < specialtyCount, key + 1 < specialtyStart.count else { return [] }
        return specialtyRows[Int(specialtyStart[key])..<Int(specialtyStart[key + 1])]
    }

    /// The people of `profession` with any tie to `country`.
    func rows(profession: UInt16, country: Int) -> ArraySlice<Int32> {
        let key = Int(profession) * countryCount + country
        guard country < countryCount, key + 1 < countryStart.count else { return [] }
        return countryRows[Int(countryStart[key])..<Int(countryStart[key + 1])]
    }

    /// The people of `profession` with a tie to `country` who hold `specialty`.
    func rows(profession: UInt16, country: Int, specialty: Int) -> ArraySlice<Int32> {
        guard Int(profession) < professionNumber.count, country < countryCount,
            specialty < specialtyCount
        else { return [] }
        let number = Int(professionNumber[Int(profession)])
        guard number >= 0 else { return [] }
        let key = (number * countryCount + country) * specialtyCount + specialty
        return tieSpecialtyRows[Int(tieSpecialtyStart[key])..<Int(tieSpecialtyStart[key + 1])]
    }

    /// The people of `profession` who speak `language`, at any level.
    func rows(profession: UInt16, language: Int) -> ArraySlice<Int32> {
        let key = Int(profession) * languageCount + language
        guard language < languageCount, key + 1 < languageStart.count else { return [] }
        return languageRows[Int(languageStart[key])..<Int(languageStart[key + 1])]
    }

    /// The people of `profession` who speak `language` (at any level) and hold `specialty`.
    func rows(profession: UInt16, language: Int, specialty: Int) -> ArraySlice<Int32> {
        guard Int(profession) < professionNumber.count, language < languageNumber.count,
            specialty < specialtyCount
        else { return [] }
        let number = Int(professionNumber[Int(profession)])
        let languageNumber = Int(self.languageNumber[language])
        guard number >= 0, languageNumber >= 0 else { return [] }
        let key = (number * languagesSpoken + languageNumber) * specialtyCount + specialty
        return languageSpecialtyRows[
            Int(languageSpecialtyStart[key])..<Int(languageSpecialtyStart[key + 1])]
    }

    /// Compressed lists: `keys(row, emit)` calls `emit` with each key row belongs under.
    private static func postingLists(
        table: StaffTable, keyCount: Int, keys: (Int, (Int) -> Void) -> Void
    ) -> ([Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: keyCount + 1)
        for row in 0..<table.count where table.freeCapacity[row] > 0 {
            keys(row) { start[$0 + 1] += 1 }
        }
        for key in 0..<keyCount { start[key + 1] += start[key] }
        var next = start
        var rows = [Int32](repeating: 0, count: Int(start[keyCount]))
        for row in 0..<table.count where table.freeCapacity[row] > 0 {
            keys(row) { key in
                rows[Int(next[key])] = Int32(row)
                next[key] += 1
            }
        }
        return (start, rows)
    }
}
