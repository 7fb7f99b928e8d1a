import Testing

@testable import MidstCore

/// A snapshot opened to be checked as it is read (what `midst candidates` and `midst search`
/// do) checks each part against its sums before it reads it: a flipped bit anywhere a query of
/// one profession reads must still be found, as it is when the whole snapshot is checked.
@Suite("Staff snapshot checked as it is read")
struct StaffTableChecksTests {
    let reference: ReferenceData
    let table: StaffTable

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
        let staff = try ReferenceFixtures.generated(staff: 3000, seed: 11).staff
        table = StaffTable(
            staff: staff, contexts: staff.map { _ in Staff.Context() }, reference: reference,
            generation: 5)
    }

    /// The table's bytes opened again, to be checked as read.
    private func opened(_ bytes: [UInt8]) throws(StaffTableFormatError) -> StaffTable {
        try StaffTable(
            storage: StaffTableStorage(copying: bytes), expectedGeneration: 5, checking: .asRead)
    }

    /// The professions that have people in the table, by code.
    private var professions: [UInt16] {
        (0..<table.professionStart.count - 1).filter {
            table.professionStart[$0] < table.professionStart[$0 + 1]
        }.map(UInt16.init)
    }

    /// Which chunks of the file checking `profession`'s people checks.
    private func chunksChecked(for profession: UInt16, in bytes: [UInt8]) throws -> [Int] {
        let good = try opened(bytes)
        try good.checkBlocks(ofProfessions: [profession])
        let checks = try #require(good.checks)
        let columnsEnd = Int(
            bytes.withUnsafeBytes { $0.load(fromByteOffset: bytes.count - 8, as: Int64.self) })
        return (0..<StaffTable.chunkCount(columnsEnd: columnsEnd)).filter { chunk in
            checks.isChecked(
                UnsafeRawBufferPointer(
                    start: good.storage.base + max(chunk * StaffTable.chunkSize, 24), count: 1))
        }
    }

    @Test("a bit flipped in any chunk a profession's people lie in is found before it is read")
    func flippedBitInReadPartFound() throws {
        let good = Array(table.bytes)
        var random = SeededRandom(seed: 7)
        let codes = professions
        try #require(codes.count >= 3)
        for profession in codes {
            let checked = try chunksChecked(for: profession, in: good)
            let columnsEnd = Int(
                good.withUnsafeBytes { $0.load(fromByteOffset: good.count - 8, as: Int64.self) })
            let all = StaffTable.chunkCount(columnsEnd: columnsEnd)
            // A query of one profession checks part of the file, not all of it.
            #expect(!checked.isEmpty && checked.count < all, "profession \(profession)")
            for chunk in checked {
                let start = max(chunk * StaffTable.chunkSize, 24)
                let end = min((chunk + 1) * StaffTable.chunkSize, columnsEnd)
                var bytes = good
                let position = Int.random(in: start..<end, using: &random)
                bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                #expect(
                    throws: StaffTableFormatError.self, "byte \(position), profession \(profession)"
                ) {
                    try opened(bytes).checkBlocks(ofProfessions: [profession])
                }
            }
        }
    }

    @Test("a bit flipped in the sums, or in where the columns end, is refused when opened")
    func flippedBitInSumsRefused() throws {
        let good = Array(table.bytes)
        let columnsEnd = Int(
            good.withUnsafeBytes { $0.load(fromByteOffset: good.count - 8, as: Int64.self) })
        var random = SeededRandom(seed: 8)
        let positions =
            [columnsEnd, good.count - 8, good.count - 1]
            + (0..<100).map { _ in Int.random(in: columnsEnd..<good.count, using: &random) }
        for position in positions {
            var bytes = good
            bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            #expect(throws: StaffTableFormatError.self, "byte \(position)") {
                _ = try opened(bytes)
            }
        }
    }

    @Test("offsets that go back within a profession's people are refused, though the sums hold")
    func decreasingOffsetsInBlockRefused() throws {
        let good = Array(table.bytes)
        let columnsEnd = Int(
            good.withUnsafeBytes { $0.load(fromByteOffset: good.count - 8, as: Int64.self) })
        // The id bytes come first, then their offsets (`idStart`, one per person and one more).
        let idBytes = good.withUnsafeBytes { Int($0.load(fromByteOffset: 24, as: Int64.self)) }
        let startsAt = 24 + 8 + (idBytes + 7) / 8 * 8
        for profession in professions {
            let first = Int(table.professionRows[Int(table.professionStart[Int(profession)])])
            var bytes = good
            // Offsets of the block's first person and the next swapped: the list goes back.
            let place = startsAt + 8 + (first + 1) * 4
            let offset = Array(bytes[place..<place + 4])
            bytes.replaceSubrange(place..<place + 4, with: bytes[place + 4..<place + 8])
            bytes.replaceSubrange(place + 4..<place + 8, with: offset)
            bytes.withUnsafeMutableBytes { StaffTable.seal($0, columnsEnd: columnsEnd) }
            let damaged = try opened(bytes)
            #expect(throws: StaffTableFormatError.self, "profession \(profession)") {
                try damaged.checkBlocks(ofProfessions: [profession])
            }
        }
    }

    @Test("a table checked as read ranks a profession's people as the table checked whole does")
    func sameRanking() throws {
        let (_, needs) = try ReferenceFixtures.generated(staff: 10, needs: 30, seed: 12)
        let asRead = try opened(Array(table.bytes))
        let scorer = Scorer(reference: reference)
        for need in needs {
            let plan = NeedPlan(need: need, scorer: scorer)
            let whole = OverlaidStaffTable(base: table, overlay: nil)
            let checked = OverlaidStaffTable(base: asRead, overlay: nil)
            #expect(
                try checked.best(for: plan, top: 10, keptOff: [])
                    == whole.best(for: plan, top: 10, keptOff: []))
        }
    }
}
