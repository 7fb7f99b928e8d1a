import MidstCore

/// One typed cell of a sheet Midst writes (``WorkbookWriter``).
public enum WorkbookCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A number shown with `decimals` places (the value itself is kept whole).
    case number(Double, decimals: Int)
    /// A day, written as Excel's date serial with a `yyyy-mm-dd` format.
    case date(CalendarDate)
    case empty

    /// How many characters the cell shows, for the column's width.
    var shownWidth: Int {
        switch self {
        case .text(let text): text.count
        case .integer(let value): String(value).count
        case .number(let value, let decimals): String(Int(value)).count + 1 + decimals
        case .date: 10
        case .empty: 0
        }
    }
}
