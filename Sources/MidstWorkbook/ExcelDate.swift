import MidstCore

/// Excel's dates: a number of days (the serial) counted from the workbook's epoch, the time of
/// day as its fraction.
///
/// In the 1900 date system (the default) serial 1 is 1900-01-01, and serial 60 is 1900-02-29,
/// a day that never was: Lotus 1-2-3 took 1900 for a leap year and Excel kept the error, so
/// every serial from 61 (1900-03-01) on counts from 1899-12-30. In the 1904 system (old Mac
/// workbooks, `<workbookPr date1904="1">`) serial 0 is 1904-01-01.
public enum ExcelDate {
    /// The day `serial` names, in the 1904 system when `is1904`; the day of a date-time. `nil`
    /// for 1900-02-29 (serial 60 in the 1900 system) and for serials before the epoch.
    public static func day(serial: Double, is1904: Bool = false) -> CalendarDate? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        let days = Int(serial.rounded(.down))
        if is1904 { return epoch1904.adding(days: days) }
        switch days {
        case 60: return nil
        case ..<60: return lotusEpoch.adding(days: days)
        default: return epoch1900.adding(days: days)
        }
    }

    /// The serial of `day`: what a date cell holds.
    public static func serial(of day: CalendarDate, is1904: Bool = false) -> Int {
        if is1904 { return day.dayNumber - epoch1904.dayNumber }
        let days = day.dayNumber - epoch1900.dayNumber
        // Before 1900-03-01 the fictitious 1900-02-29 is not counted.
        return days >= 61 ? days : days - 1
    }

    /// The cell's text as an import reads it: `YYYY-MM-DD` for a whole day,
    /// `YYYY-MM-DDTHH:MM:SSZ` (taken as UTC, to the nearest second) for a date-time; the serial
    /// as written when it names no day (1900-02-29 among them: the import then says why).
    static func text(serial: Double, written: String, is1904: Bool) -> String {
        let seconds = ((serial - serial.rounded(.down)) * 86_400).rounded()
        var whole = serial.rounded(.down)
        var secondOfDay = Int(seconds)
        if secondOfDay == 86_400 {
            whole += 1
            secondOfDay = 0
        }
        guard let day = day(serial: whole, is1904: is1904) else {
            return whole == 60 && !is1904 ? "1900-02-29" : written
        }
        guard secondOfDay > 0 else { return day.description }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(day)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// Whether a format code shows a date or time: it has a `y`, `m`, `d`, `h` or `s` outside
    /// quoted text, escapes and `[…]` (colours, conditions, elapsed time aside).
    package static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        // Only the first section (positive numbers) says how a date shows.
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\" where !inQuotes: escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case ";" where !inQuotes && !inBrackets: return false
            default:
                if !inQuotes, !inBrackets, "ymdhs".contains(character) { return true }
            }
        }
        return false
    }

    // Serials 1...59 count from 1899-12-31; from 61 on, from 1899-12-30.
    private static let lotusEpoch = CalendarDate(year: 1899, month: 12, day: 31)!
    private static let epoch1900 = CalendarDate(year: 1899, month: 12, day: 30)!
    private static let epoch1904 = CalendarDate(year: 1904, month: 1, day: 1)!
}
