/// The character that separates the fields of a CSV file: a comma, or what Excel writes where
/// the comma is the decimal separator (a semicolon), or in "Unicode text" (a tab).
public enum CSVDelimiter: String, CaseIterable, Sendable {
    case comma, semicolon, tab

    /// The delimiter's byte.
    package var byte: UInt8 {
        switch self {
        case .comma: 0x2C
        case .semicolon: 0x3B
        case .tab: 0x09
        }
    }

    /// The delimiter `text` names: `comma`, `semicolon` or `tab`, or the character itself
    /// (`,`, `;`, a tab or `\t`).
    public init?(naming text: String) {
        switch text.lowercased() {
        case "comma", ",": self = .comma
        case "semicolon", ";": self = .semicolon
        case "tab", "\t", "\\t": self = .tab
        default: return nil
        }
    }

    /// The delimiter of the CSV file whose UTF-8 text is `bytes`: of comma, semicolon and tab,
    /// the one found most often outside quotes on the first line that is not blank (the
    /// header), a comma when there is none, and on a tie the earlier of comma, semicolon, tab.
    /// Column names never hold these characters, so the header tells them apart reliably.
    ///
    /// - Complexity: O(length of the header line).
    package static func detected(inHeaderOf bytes: [UInt8]) -> CSVDelimiter {
        var counts = [0, 0, 0]
        var isQuoted = false
        var hasText = false
        scan: for byte in bytes {
            switch byte {
            case 0x22: isQuoted.toggle()
            case 0x0A where !isQuoted:
                if hasText { break scan }
            case 0x0D, 0x20: break
            case 0x2C where !isQuoted: counts[0] += 1
            case 0x3B where !isQuoted: counts[1] += 1
            case 0x09 where !isQuoted: counts[2] += 1
            default: hasText = true
            }
        }
        let most = counts.max()!
        return most == 0 ? .comma : allCases[counts.firstIndex(of: most)!]
    }
}
