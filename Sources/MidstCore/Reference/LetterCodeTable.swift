/// Numbers by code, for codes of two or three lower-case ASCII letters: ISO 639 language codes
/// and their alpha-3 aliases.
///
/// A flat array indexed by the letters stands in for a dictionary of strings: a lookup reads
/// the code's two or three bytes and one element, with no hashing, and filling it for the 7,000
/// bundled languages is one store each. Hashing those strings into dictionaries was most of the
/// time every command spent loading the reference data (notes for issue 23, "queries").
struct LetterCodeTable: Sendable {
    /// By ``key(_:)``: the number + 1, or 0 for none.
    private var numbers: [UInt16]

    /// The largest number a table holds.
    static let largestNumber = Int(UInt16.max) - 1

    /// An empty table.
    init() {
        // Three letters of 1...26 each, so that two-letter codes (28...728) and three-letter
        // codes (757...19682) never share a key.
        numbers = [UInt16](repeating: 0, count: 27 * 27 * 27)
    }

    /// The place of `code` in ``numbers``, or nil when it is not two or three lower-case
    /// letters.
    private static func key(_ code: some StringProtocol) -> Int? { key(utf8: code.utf8) }

    /// The place in a table of the code spelt by the UTF-8 bytes `code`, or nil when they are
    /// not two or three lower-case letters: a code read from a file's bytes, with no string.
    /// Two-letter codes are 28...728, three-letter codes 757...19682.
    static func key(utf8 code: some Sequence<UInt8>) -> Int? {
        var key = 0
        var length = 0
        for byte in code {
            let letter = byte &- UInt8(ascii: "a")
            guard letter < 26, length < 3 else { return nil }
            key = key * 27 + Int(letter) + 1
            length += 1
        }
        return length >= 2 ? key : nil
    }

    /// The code whose place is `key` (``key(utf8:)``): its two or three letters.
    static func code(atKey key: Int) -> String {
        precondition((28..<27 * 27 * 27).contains(key), "not the place of a code")
        let letters = key < 27 * 27 ? [key / 27, key % 27] : [key / 729, key / 27 % 27, key % 27]
        return String(decoding: letters.map { UInt8(ascii: "a") + UInt8($0 - 1) }, as: UTF8.self)
    }

    /// Whether `code` is two or three lower-case ASCII letters: a code a table can hold.
    static func isCode(_ code: some StringProtocol) -> Bool { key(code) != nil }

    /// Gives `code` the number `number` (replacing any it had); a `code` a table cannot hold
    /// is passed over.
    mutating func set(_ code: some StringProtocol, to number: Int) {
        guard let key = Self.key(code) else { return }
        set(key: key, to: number)
    }

    /// Gives the code at `key` (``key(utf8:)``) the number `number`, replacing any it had.
    mutating func set(key: Int, to number: Int) {
        precondition((0...Self.largestNumber).contains(number), "code number out of range")
        numbers[key] = UInt16(number + 1)
    }

    /// The number of `code`, or nil when it has none.
    func number(_ code: some StringProtocol) -> Int? {
        guard let key = Self.key(code) else { return nil }
        let stored = numbers[key]
        return stored == 0 ? nil : Int(stored) - 1
    }
}
