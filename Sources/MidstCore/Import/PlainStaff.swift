/// A run of bytes in an import file: `count` bytes from offset `start`.
public struct TextSpan: Sendable, Equatable {
    public var start: UInt32
    public var count: UInt32

    public init(start: Int, end: Int) {
        self.start = UInt32(start)
        count = UInt32(end - start)
    }

    /// No text: the column was empty.
    public static let empty = TextSpan(start: 0, end: 0)

    public var isEmpty: Bool { count == 0 }
}

/// A staff record validated straight from the bytes of a CSV row that is already written in
/// the form Midst stores (see ``PlainStaffValidator``).
///
/// Plain data, no references: texts are spans of the import file, to be stored as they stand;
/// codes are numbers in the reference tables (``ReferenceData/number(of:)-…``). Up to
/// ``capacity`` specialties, ties and languages each.
public struct PlainStaff: Sendable {
    /// The most items of one multi-valued field a plain record holds.
    public static let capacity = 8

    public var id = TextSpan.empty
    public var name = TextSpan.empty
    public var email = TextSpan.empty
    public var profession = TextSpan.empty
    /// The profession's number in the reference tables.
    public var professionNumber: UInt16 = 0
    /// The `specialties` column as written: codes separated by `;`, primary first.
    public var specialties = TextSpan.empty
    /// The `skills` column as written (stored after the specialties).
    public var skills = TextSpan.empty
    public var seniority = Seniority.lowest
    /// The grade as written, when the seniority was given as a grade rather than a level.
    public var grade = TextSpan.empty
    /// The `countries` column as written.
    public var countries = TextSpan.empty
    /// The `languages` column as written.
    public var languages = TextSpan.empty
    public var availableFrom = TextSpan.empty
    public var availableTo = TextSpan.empty
    public var modes = WorkModes.both
    public var maxAssignments: Int32 = 1
    public var hasConsented = false
    public var employer = TextSpan.empty
    public var placements: Int32 = 0
    /// A date (`YYYY-MM-DD`, stored at midnight UTC) or empty (the import's time).
    public var updatedOn = TextSpan.empty

    /// Specialty numbers, primary first, then the skills column's.
    public var specialtyNumbers = SIMD8<UInt16>()
    public var specialtyCount: UInt8 = 0
    public var tieCountries = SIMD8<UInt16>()
    /// Each tie's kind, as its position in ``TieKind/allCases``.
    public var tieKinds = SIMD8<UInt8>()
    /// Each tie's years plus one; 0 when not given.
    public var tieYears = SIMD8<UInt8>()
    public var tieCount: UInt8 = 0
    public var languageNumbers = SIMD8<UInt16>()
    /// Each language's ``LanguageLevel`` raw value.
    public var languageLevels = SIMD8<UInt8>()
    public var languageCount: UInt8 = 0

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
