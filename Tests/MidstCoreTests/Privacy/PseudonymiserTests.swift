import Testing

@testable import MidstCore

@Suite("Pseudonyms")
struct PseudonymiserTests {
    @Test("a pseudonym is the first 8 bytes of HMAC-SHA256 (RFC 4231 test case 1)")
    func knownAnswer() {
        let pseudonymiser = Pseudonymiser(key: [UInt8](repeating: 0x0b, count: 20))
        #expect(pseudonymiser.pseudonym(for: "Hi There") == "P-b0344c61d8db3853")
    }

    @Test("pseudonyms are stable for a key, differ between keys, and differ between people")
    func stability() {
        let key = Pseudonymiser.newKey()
        let first = Pseudonymiser(key: key)
        let again = Pseudonymiser(key: key)
        let other = Pseudonymiser(key: Pseudonymiser.newKey())
        #expect(first.pseudonym(for: "S0288") == again.pseudonym(for: "S0288"))
        #expect(first.pseudonym(for: "S0288") != other.pseudonym(for: "S0288"))
        #expect(first.pseudonym(for: "S0288") != first.pseudonym(for: "S0289"))
        #expect(key.count == 32)
    }
}
