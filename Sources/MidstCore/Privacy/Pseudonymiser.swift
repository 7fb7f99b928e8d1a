import Crypto
import Foundation

/// Replaces staff ids with stable keyed pseudonyms for exports that leave the organisation.
///
/// A pseudonym is `P-` and the first 16 hex digits of HMAC-SHA256(key, id): the same id and key
/// always give the same pseudonym, so exports can be joined with each other, but without the key
/// the id cannot be recovered or confirmed by guessing.
package struct Pseudonymiser: Sendable {
    private let key: [UInt8]

    /// A pseudonymiser with a secret key of at least 16 bytes.
    package init(key: [UInt8]) {
        precondition(key.count >= 16, "a pseudonymisation key needs at least 16 bytes")
        self.key = key
    }

    /// A new random key, to be kept secret and reused for stable pseudonyms.
    package static func newKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The pseudonym of `id`.
    package func pseudonym(for id: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(id.utf8), using: SymmetricKey(data: key))
        return "P-"
            + code.prefix(8).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }
}
