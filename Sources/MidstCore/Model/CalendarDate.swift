/// A day in the proleptic Gregorian calendar, as written `YYYY-MM-DD`.
///
/// Pure and allocation-free: comparisons and spans use ``dayNumber``, days since 1970-01-01.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates a calendar date (including leap years), or returns `nil`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        self.init(isoBytes: Array(text.utf8)[...])
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes, without allocating.
    public init?<Bytes: RandomAccessCollection<UInt8>>(isoBytes bytes: Bytes)
    where Bytes.Index == Int {
        let base = bytes.startIndex
        guard bytes.count == 10, bytes[base + 4] == 0x2D, bytes[base + 7] == 0x2D,
            let year = CalendarDate.number(bytes[(base)..<(base + 4)]),
            let month = CalendarDate.number(bytes[(base + 5)..<(base + 7)]),
            let day = CalendarDate.number(bytes[(base + 8)..<(base + 10)])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Why `text` is not a date, in words: "'2026-02-30' is no such date (check the month and
    /// the day)", or "'26/2/30' is not a date of the form YYYY-MM-DD". The text is quoted
    /// harmlessly (``Swift/String/quotedForMessage(limit:)``); without `showingValue`, not at
    /// all ("the value is not a date …"), for a field that may hold personal data.
    public static func problem(parsing text: String, showingValue: Bool = true) -> String {
        let subject = showingValue ? text.quotedForMessage() : "the value"
        let bytes = Array(text.utf8)
        let isWellFormed =
            bytes.count == 10 && bytes[4] == 0x2D && bytes[7] == 0x2D
            && bytes.enumerated().allSatisfy {
                $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element)
            }
        return isWellFormed
            ? "\(subject) is no such date (check the month and the day)"
            : "\(subject) is not a date of the form YYYY-MM-DD"
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` later (earlier when negative), held within years 1–9999.
    public func adding(days: Int) -> CalendarDate {
        let target = min(max(dayNumber + days, Self.first.dayNumber), Self.last.dayNumber)
        return CalendarDate(dayNumber: target)
    }

    /// The first and last dates a ``CalendarDate`` holds.
    static let first = CalendarDate(year: 1, month: 1, day: 1)!
    static let last = CalendarDate(year: 9999, month: 12, day: 31)!

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func number(_ digits: some Sequence<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

extension CalendarDate {
    /// A window of days; either end may be open.
    public struct Window: Hashable, Sendable {
        public var start: CalendarDate?
        public var end: CalendarDate?
        public init(start: CalendarDate? = nil, end: CalendarDate? = nil) {
            self.start = start
            self.end = end
        }
    }
}
