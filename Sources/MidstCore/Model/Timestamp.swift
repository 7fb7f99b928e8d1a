/// An instant written in ISO 8601 UTC, `YYYY-MM-DDTHH:MM:SSZ`, the form Midst stores.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical text, which sorts in time order.
    public let iso: String

    /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, converting an
    /// offset to UTC; a time without a zone is taken as UTC. A space may stand for the `T`.
    /// Returns `nil` for malformed text and for times that an offset moves outside years 1–9999.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(iso: text.prefix(10)) else { return nil }
        if bytes.count == 10 {
            // Already canonical but for the time: no need to format the date again.
            self.init(canonical: text + "T00:00:00Z")
            return
        }
        guard bytes.count >= 16, bytes[10] == 0x54 || bytes[10] == 0x20 || bytes[10] == 0x74,
            bytes[13] == 0x3A,
            let hour = CalendarDate.number(bytes[11..<13]), hour < 24,
            let minute = CalendarDate.number(bytes[14..<16]), minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == 0x3A {
            guard bytes.count >= 19, let value = CalendarDate.number(bytes[17..<19]), value < 61
            else { return nil }
            second = min(value, 59)
            index = 19
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                let digitsStart = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                guard index > digitsStart else { return nil }
            }
        }
        var offsetMinutes = 0
        if index < bytes.count {
            switch bytes[index] {
            case 0x5A, 0x7A:
                guard index + 1 == bytes.count else { return nil }
            case 0x2B, 0x2D:
                guard bytes.count == index + 6, bytes[index + 3] == 0x3A,
                    let hours = CalendarDate.number(bytes[(index + 1)..<(index + 3)]), hours < 24,
                    let minutes = CalendarDate.number(bytes[(index + 4)..<(index + 6)]),
                    minutes < 60
                else { return nil }
                offsetMinutes = (hours * 60 + minutes) * (bytes[index] == 0x2B ? 1 : -1)
            default:
                return nil
            }
        }
        let seconds =
            date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        guard (Self.earliestSecond...Self.latestSecond).contains(seconds) else { return nil }
        self.init(secondsSince1970: seconds)
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z, which must fall within years 1–9999.
    public init(secondsSince1970 seconds: Int) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(date: CalendarDate(dayNumber: day), secondsOfDay: seconds - day * 86_400)
    }

    private init(canonical: String) { iso = canonical }

    private init(date: CalendarDate, secondsOfDay: Int) {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let hour = secondsOfDay / 3600
        let minute = secondsOfDay % 3600 / 60
        let second = secondsOfDay % 60
        iso = "\(date)T\(pad(hour)):\(pad(minute)):\(pad(second))Z"
    }

    public var description: String { iso }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range ``CalendarDate`` covers.
    private static let earliestSecond = CalendarDate(year: 1, month: 1, day: 1)!.dayNumber * 86_400
    private static let latestSecond =
        CalendarDate(year: 9999, month: 12, day: 31)!.dayNumber * 86_400 + 86_399

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.iso < rhs.iso }
}

extension CalendarDate {
    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }
}
