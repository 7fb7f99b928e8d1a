/// Numbers by code, for codes of two or three ASCII letters of one case: ISO 639 language codes
/// (lower case) and their alpha-3 aliases.
///
/// A flat array indexed by the letters stands in for a dictionary of strings: a lookup reads
/// the code's two or three bytes and one element, with no hashing, and filling it for the 7,000
/// bundled languages is one store each. Hashing those strings into dictionaries was most of the
/// time every command spent loading the reference data (notes for issue 23, "queries").
struct LetterCodeTable: Sendable {
    /// The first letter of the case the codes are written in (`a` or `A`).
    private let firstLetter: UInt8
    /// By ``key(_:)``: the number + 1, or 0 for none.
    private var numbers: [UInt16]

    /// The largest number a table holds.
    static let largestNumber = Int(UInt16.max) - 1

    /// An empty table for codes in lower case (`lowercase`) or upper case.
    init(lowercase: Bool) {
        firstLetter = lowercase ? UInt8(ascii: "a") : UInt8(ascii: "A")
        // Three letters of 1...26 each, so that two-letter codes (28...728) and three-letter
        // codes (757...19682) never share a key.
        numbers = [UInt16](repeating: 0, count: 27 * 27 * 27)
    }

    /// The place of `code` in ``numbers``, or nil when it is not two or three letters of the
    /// table's case.
    private func key(_ code: some StringProtocol) -> Int? {
        Self.key(code, firstLetter: firstLetter)
    }

    private static func key(_ code: some StringProtocol, firstLetter: UInt8) -> Int? {
        var key = 0
        var length = 0
        for byte in code.utf8 {
            let letter = byte &- firstLetter
            guard letter < 26, length < 3 else { return nil }
            key = key * 27 + Int(letter) + 1
            length += 1
        }
        return length >= 2 ? key : nil
    }

    /// Whether `code` is two or three lower-case ASCII letters: a code a table for lower-case
    /// codes can hold.
    static func isLowercaseCode(_ code: some StringProtocol) -> Bool {
        key(code, firstLetter: UInt8(ascii: "a")) != nil
    }

    /// Gives `code` the number `number` (replacing any it had); returns false, changing
    /// nothing, when `code` cannot be held.
    @discardableResult
    mutating func set(_ code: some StringProtocol, to number: Int) -> Bool {
        precondition((0...Self.largestNumber).contains(number), "code number out of range")
        guard let key = key(code) else { return false }
        numbers[key] = UInt16(number + 1)
        return true
    }

    /// The number of `code`, or nil when it has none.
    func number(_ code: some StringProtocol) -> Int? {
        guard let key = key(code) else { return nil }
        let stored = numbers[key]
        return stored == 0 ? nil : Int(stored) - 1
    }
}
