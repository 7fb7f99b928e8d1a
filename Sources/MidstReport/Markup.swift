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

    /// A number with `decimals` places, for the page: `-` only when a digit shown is not 0.
    static func number(_ value: Double, decimals: Int = 1) -> String {
        withDigits(of: value, decimals: decimals) { String(decoding: $0, as: UTF8.self) }
    }

    /// ``number(_:decimals:)`` as UTF-8, passed to `body`.
    ///
    /// Written digit by digit into a buffer on the stack, not by editing a string: a large page
    /// writes a million of them (notes for issue 23, "The report's rendering").
    static func withDigits<Result>(
        of value: Double, decimals: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var scaled = UInt(Int((abs(value) * pow10(decimals)).rounded()))
        let isNegative = value < 0 && scaled != 0
        // 20 digits at most, the point, the sign, and zeros before the point.
        let capacity = 24 + max(decimals, 0)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var start = capacity
            var digits = 0
            repeat {
                start -= 1
                buffer[start] = 0x30 + UInt8(scaled % 10)
                scaled /= 10
                digits += 1
                if digits == decimals {
                    start -= 1
                    buffer[start] = 0x2E
                }
            } while scaled > 0 || digits <= decimals
            if isNegative {
                start -= 1
                buffer[start] = 0x2D
            }
            return body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    private static let powersOf10: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    private static func pow10(_ exponent: Int) -> Double {
        powersOf10.indices.contains(exponent)
            ? powersOf10[exponent] : (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
