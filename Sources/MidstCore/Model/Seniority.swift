/// Seniority on Midst's normalised 1–5 scale.
///
/// | level | doctors | Agenda for Change bands |
/// |---|---|---|
/// | 1 | FY1, FY2 | band 5 |
/// | 2 | CT1–CT3, ST1–ST3 | band 6 |
/// | 3 | ST4–ST8, StR, SAS / specialty doctor | band 7 |
/// | 4 | associate specialist, specialist | bands 8a, 8b |
/// | 5 | consultant | bands 8c, 8d, 9 |
public struct Seniority: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    /// A level from 1 to 5, or `nil` outside that range.
    public init?(rawValue: Int) {
        guard (1...5).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The most junior level.
    public static let lowest = Seniority(rawValue: 1)!

    /// Parses a level (`1`–`5`), an NHS medical grade (`FY2`, `ST4`, `StR`, `SAS`,
    /// `specialty-doctor`, `associate-specialist`, `specialist`, `consultant`) or an Agenda for
    /// Change band (`band7`, `band 8a`, `AfC 6`, `8b`). Case, spaces, `-` and `_` are ignored.
    public init?(grade: String) {
        var key = ""
        for character in grade.lowercased()
        where character != " " && character != "-" && character != "_" {
            key.append(character)
        }
        if let number = Int(key) {
            self.init(rawValue: number)
            return
        }
        for prefix in ["band", "afc"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        let level: Int
        switch key {
        case "fy1", "fy2", "5": level = 1
        case "ct1", "ct2", "ct3", "st1", "st2", "st3", "6": level = 2
        case "st4", "st5", "st6", "st7", "st8", "str", "sas", "specialtydoctor", "7": level = 3
        case "associatespecialist", "specialist", "8a", "8b": level = 4
        case "consultant", "8c", "8d", "9": level = 5
        default: return nil
        }
        self.init(rawValue: level)
    }
}
