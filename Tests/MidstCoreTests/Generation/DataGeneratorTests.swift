import MidstCore
import Testing

@Suite("Generating data")
struct DataGeneratorTests {
    let reference: ReferenceData
    let now = Timestamp(secondsSince1970: 1_790_000_000)

    init() throws {
        reference = try ReferenceFixtures.bundledReference()
    }

    private func staffCSV(seed: UInt64, count: Int) -> String {
        var generator = DataGenerator(reference: reference, seed: seed)
        return DataGenerator.staffHeader
            + (0..<count).map { generator.staffLine(index: $0) }.joined()
    }

    private func needsCSV(seed: UInt64, count: Int) -> String {
        var generator = DataGenerator(reference: reference, seed: seed)
        return DataGenerator.needHeader + (0..<count).map { generator.needLine(index: $0) }.joined()
    }

    @Test("2,000 generated staff lines all read and validate")
    func staffValidate() throws {
        var reader = try RecordReader<StaffColumn>(
            bytes: Array(staffCSV(seed: 7, count: 2_000).utf8), format: .csv, file: "staff.csv")
        let validator = StaffValidator(reference: reference, now: now, horizon: .anyDate)
        var staff: [Staff] = []
        var problems: [String] = []
        while let record = try reader.next() {
            switch record.row {
            case .failure(let issue): problems.append(issue.description)
            case .success(let row):
                switch validator.validate(row, file: "staff.csv") {
                case .success(let member): staff.append(member)
                case .failure(let failure): problems.append(failure.description)
                }
            }
        }
        #expect(problems.prefix(5) == [])
        #expect(staff.count == 2_000)
        #expect(staff.map(\.id.rawValue) == (0..<2_000).map { "S\($0)" })
        #expect(Set(staff.map(\.profession)).count >= 5)
        #expect(staff.contains { $0.hasConsented } && staff.contains { !$0.hasConsented })
        #expect(staff.allSatisfy { !$0.languages.isEmpty && !$0.countryTies.isEmpty })
    }

    @Test("5,000 generated needs all read and validate")
    func needsValidate() throws {
        var reader = try RecordReader<NeedColumn>(
            bytes: Array(needsCSV(seed: 7, count: 5_000).utf8), format: .csv, file: "needs.csv")
        let validator = NeedValidator(reference: reference, now: now, horizon: .anyDate)
        var needs: [Need] = []
        var problems: [String] = []
        while let record = try reader.next() {
            switch record.row {
            case .failure(let issue): problems.append(issue.description)
            case .success(let row):
                switch validator.validate(row, file: "needs.csv") {
                case .success(let need): needs.append(need)
                case .failure(let failure): problems.append(failure.description)
                }
            }
        }
        #expect(problems.prefix(5) == [])
        #expect(needs.count == 5_000)
        #expect(needs.map(\.id.rawValue) == (0..<5_000).map { "N\($0)" })
        #expect(
            needs.allSatisfy { !$0.specialties.isEmpty && $0.dates.start != nil && $0.dates.end != nil }
        )
        #expect(Set(needs.map(\.country)).count >= 10)
    }

    @Test("the same seed gives the same lines")
    func deterministic() {
        #expect(staffCSV(seed: 2026, count: 300) == staffCSV(seed: 2026, count: 300))
        #expect(needsCSV(seed: 2026, count: 100) == needsCSV(seed: 2026, count: 100))
    }

    @Test("another seed gives other lines")
    func seedMatters() {
        #expect(staffCSV(seed: 2026, count: 100) != staffCSV(seed: 2027, count: 100))
        #expect(needsCSV(seed: 2026, count: 100) != needsCSV(seed: 2027, count: 100))
    }

    @Test("the seeded generator is SplitMix64")
    func splitMix() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = SeededRandom(seed: 0)
        #expect(
            [random.next(), random.next(), random.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ])
    }
}
