import MidstCore
import Plot

/// Text and attribute values for the page, escaped here: Plot writes attribute values as
/// given and keeps entities it finds in text, so anything a record holds is escaped before it
/// reaches Plot, and control characters and bidirectional overrides are shown as `\u{…}`.
enum Markup {
    /// `text` as page text.
    static func text<Context>(_ text: String) -> Node<Context> {
        .raw(escaped(text.showingControls))
    }

    /// An attribute named `name` with value `value`.
    static func attribute<Context>(_ name: String, _ value: String) -> Node<Context> {
        .attribute(named: name, value: escaped(value.showingControls))
    }

    /// `text` with the five characters HTML gives a meaning to replaced by entities.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A number with `decimals` places, for the page.
    static func number(_ value: Double, decimals: Int = 1) -> String {
        var text = String(Int((abs(value) * pow10(decimals)).rounded()))
        if decimals > 0 {
            while text.count <= decimals { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "") + text
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
