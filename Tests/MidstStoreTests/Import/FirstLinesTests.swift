import Testing

@testable import MidstStore

/// ``FirstLines``, the import's table of ids, against a `[String: Int]` doing the same.
@Suite("First lines of ids")
struct FirstLinesTests {
    /// Ids of every length from 1 to 64 that share long prefixes, differ in one byte or only in
    /// length, with many repeats, into a table small enough to grow several times on the way.
    @Test func sameLinesAsADictionary() {
        var random = SystemRandomNumberGenerator()
        let letters = Array("AB019._-".utf8)
        var ids: [String] = []
        for length in 1...64 {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in letters.randomElement(using: &random)! }
                ids.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        ids += (1...3000).map { "S\($0)" } + ["S1\u{0}", "S", "S10", "S01"]
        var lines = FirstLines(capacity: 4)
        var expected: [String: Int] = [:]
        var repeats = 0
        for line in 1...20_000 {
            if line == 5000 { lines.reserveCapacity(10_000) }
            var id = ids.randomElement(using: &random)!
            let first = id.withUTF8 { lines.firstLine(of: $0, seenOn: line) }
            #expect(first == expected[id], "id \(id) on line \(line)")
            if first != nil { repeats += 1 }
            if expected[id] == nil { expected[id] = line }
        }
        #expect(lines.count == expected.count)
        #expect(repeats > 5000 && expected.count > 3000)
    }

    /// Every id hashed with another seed lands elsewhere: the hash depends on the seed (so a
    /// file cannot choose colliding ids) and on every byte, the length included.
    @Test func hashDependsOnSeedBytesAndLength() {
        func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
            bytes.withUnsafeBufferPointer { FirstLines.hash($0, seed: seed) }
        }
        let id = Array("staff.member-0042".utf8)
        #expect(hash(id, seed: 1) != hash(id, seed: 2))
        for index in id.indices {
            var changed = id
            changed[index] ^= 1
            #expect(hash(changed, seed: 1) != hash(id, seed: 1))
        }
        #expect(hash(id + [0], seed: 1) != hash(id, seed: 1))
        #expect(hash([], seed: 1) != hash([0], seed: 1))
    }
}
