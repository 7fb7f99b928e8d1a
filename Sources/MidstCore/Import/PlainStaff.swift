/// A run of bytes in an import file: `count` bytes from offset `start`.
package struct TextSpan: Sendable, Equatable {
    package var start: UInt32
    package var count: UInt32

    package init(start: Int, end: Int) {
        self.start = UInt32(start)
        count = UInt32(end - start)
    }

    /// No text: the column was empty.
    package static let empty = TextSpan(start: 0, end: 0)

    package var isEmpty: Bool { count == 0 }
}

/// A staff record validated straight from the bytes of a CSV row that is already written in
/// the form Midst stores (see ``PlainStaffValidator``).
///
/// Plain data, no references: texts are spans of the import file, to be stored as they stand;
/// codes are numbers in the reference tables (``ReferenceData/number(of:)-…``). Up to
/// ``capacity`` specialties, ties and languages each.
package struct PlainStaff: Sendable {
    /// The most items of one multi-valued field a plain record holds.
    package static let capacity = 8

    package var id = TextSpan.empty
    package var name = TextSpan.empty
    package var email = TextSpan.empty
    package var profession = TextSpan.empty
    /// The profession's number in the reference tables.
    package var professionNumber: UInt16 = 0
    /// The `specialties` column as written: codes separated by `;`, primary first.
    package var specialties = TextSpan.empty
    /// The `skills` column as written (stored after the specialties).
    package var skills = TextSpan.empty
    package var seniority = Seniority.lowest
    /// The grade as written, when the seniority was given as a grade rather than a level.
    package var grade = TextSpan.empty
    /// The `countries` column as written.
    package var countries = TextSpan.empty
    /// The `languages` column as written.
    package var languages = TextSpan.empty
    package var availableFrom = TextSpan.empty
    package var availableTo = TextSpan.empty
    package var modes = Staff.WorkModes.both
    package var maxAssignments: Int32 = 1
    package var hasConsented = false
    package var employer = TextSpan.empty
    package var placements: Int32 = 0
    /// A date (`YYYY-MM-DD`, stored at midnight UTC) or empty (the import's time).
    package var updatedOn = TextSpan.empty

    /// Specialty numbers, primary first, then the skills column's.
    package var specialtyNumbers = SIMD8<UInt16>()
    package var specialtyCount: UInt8 = 0
    package var tieCountries = SIMD8<UInt16>()
    /// Each tie's kind, as its position in ``CountryTie/Kind/allCases``.
    package var tieKinds = SIMD8<UInt8>()
    /// Each tie's years plus one; 0 when not given.
    package var tieYears = SIMD8<UInt8>()
    package var tieCount: UInt8 = 0
    package var languageNumbers = SIMD8<UInt16>()
    /// Each language's ``LanguageLevel`` raw value.
    package var languageLevels = SIMD8<UInt8>()
    package var languageCount: UInt8 = 0

    /// An empty record, filled in by ``PlainStaffValidator``.
    init() {}

    /// Appends specialty (or skill) `number` unless it is already listed; false when it is
    /// (a repeat is not plain). The caller checks the capacity.
    mutating func appendSpecialty(_ number: Int) -> Bool {
        let count = Int(specialtyCount)
        for earlier in 0..<count where specialtyNumbers[earlier] == number { return false }
        specialtyNumbers[count] = UInt16(number)
        specialtyCount += 1
        return true
    }
}
