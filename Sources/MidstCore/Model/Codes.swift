/// An ISO 3166-1 alpha-2 country code in upper case (`NG`), or Midst's user-assigned `XS` for
/// Somaliland. Obtain one through ``ReferenceData/country(_:)`` so that it is known to be valid.
public struct CountryCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A language code: ISO 639-1 where one exists (`yo`), ISO 639-3 otherwise (`bem`).
public struct LanguageCode: RawRepresentable, Hashable, Comparable, Sendable,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A code in the clinical taxonomy: a profession (`doctor`), a specialty (`paediatrics`) or a
/// sub-specialty (`neonatal_medicine`).
public struct SpecialtyCode: RawRepresentable, Hashable, Comparable, Sendable,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The identifier of a staff member or a need as written in import files: 1–64 characters of
/// `A–Z a–z 0–9 . _ -`.
public struct RecordID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Validates `text` as an identifier, or returns `nil`.
    public init?(validating text: String) {
        guard (1...64).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x5F
                    || byte == 0x2D
            })
        else { return nil }
        self.rawValue = text
    }

    /// How a message names an id given on the command line: `id 'S0001'` when `text` is a
    /// valid id (its characters are harmless on a terminal, and no e-mail address is one);
    /// otherwise not at all, as a name or an e-mail address typed in an id's place is personal
    /// data.
    package static func named(_ text: String) -> String {
        guard RecordID(validating: text) == nil else { return "id '\(text)'" }
        return
            "the id given (not a valid id: 1–64 characters of A–Z, a–z, 0–9, '.', '_', '-'; not repeated)"
    }
}
