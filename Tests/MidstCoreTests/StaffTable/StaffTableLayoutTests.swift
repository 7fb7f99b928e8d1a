import Testing

@testable import MidstCore

/// A reader of the whole table opens the staff snapshot and checks it whole; its offsets are
/// checked without a branch each (so that the loop is vectorised), and must still refuse any
/// that go back.
@Suite("Staff table layout checks")
struct StaffTableLayoutTests {
    @Test("a snapshot whose offsets go back anywhere is refused, though its checksum holds")
    func decreasingOffsetsRefused() throws {
        let reference = try ReferenceFixtures.bundledReference()
        let staff = try ReferenceFixtures.generated(staff: 300, seed: 3).staff
        let table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference,
            generation: 7)
        let good = Array(table.bytes)
        // The id bytes come first, then their offsets (`idStart`, one per person and one more).
        let idBytes = good.withUnsafeBytes { Int($0.load(fromByteOffset: 24, as: Int64.self)) }
        let startsAt = 24 + 8 + (idBytes + 7) / 8 * 8
        let starts = good.withUnsafeBytes {
            Int($0.load(fromByteOffset: startsAt, as: Int64.self))
        }
        try #require(starts == table.count + 1)
        _ = try StaffTable(storage: StaffTableStorage(copying: good), expectedGeneration: 7)
        for person in [1, table.count / 2, table.count - 1] {
            var bytes = good
            let place = startsAt + 8 + person * 4
            // Offsets `person` and `person + 1` swapped: the list goes back once; the sums
            // made again, so that only the offsets can tell.
            let first = Array(bytes[place..<place + 4])
            bytes.replaceSubrange(place..<place + 4, with: bytes[place + 4..<place + 8])
            bytes.replaceSubrange(place + 4..<place + 8, with: first)
            let columnsEnd = bytes.withUnsafeBytes {
                Int($0.load(fromByteOffset: $0.count - 8, as: Int64.self))
            }
            bytes.withUnsafeMutableBytes { StaffTable.seal($0, columnsEnd: columnsEnd) }
            #expect(throws: StaffTableFormatError.self, "person \(person)") {
                _ = try StaffTable(
                    storage: StaffTableStorage(copying: bytes), expectedGeneration: 7)
            }
        }
    }
}
