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

    @Test("about 60% of projects send a team whose members share host, country and dates")
    func teams() throws {
        let text = needsCSV(seed: 11, count: 6_000)
        var reader = try RecordReader<NeedColumn>(
            bytes: Array(text.utf8), format: .csv, file: "needs.csv")
        let validator = NeedValidator(reference: reference, now: now, horizon: .anyDate)
        var ledger = TeamLedger(file: "needs.csv")
        var needs: [Need] = []
        var line = 1
        while let record = try reader.next() {
            line += 1
            let need = try validator.validate(record.row.get(), file: "needs.csv").get()
            #expect(ledger.admit(need, line: line) == nil)
            needs.append(need)
        }
        // Members come one after another, so a project is a run of one team or a lone need.
        var projects: [[Need]] = []
        for need in needs {
            if let team = need.team, let last = projects.last?.first, last.team == team {
                projects[projects.count - 1].append(need)
            } else {
                projects.append([need])
            }
        }
        let teams = projects.filter { $0[0].team != nil }
        let teamShare = Double(teams.count) / Double(projects.count)
        #expect(abs(teamShare - DataGenerator.teamShare) < 0.03, "team share \(teamShare)")
        #expect(Set(teams.map { $0[0].team }).count == teams.count)
        #expect(ledger.warnings.isEmpty)
        // All but the last team (which the count may cut short) have 2 to 4 members.
        #expect(teams.dropLast().allSatisfy { (2...4).contains($0.count) })
        for team in teams {
            let first = team[0]
            #expect(
                team.allSatisfy {
                    $0.hostInstitution == first.hostInstitution && $0.countries == first.countries
                        && $0.dates == first.dates && $0.partners == first.partners
                        && $0.slots == 1 && $0.countries.count == 1
                })
            #expect(team.dropFirst().allSatisfy { $0.teamLanguages.isEmpty })
        }
        let mixed = teams.filter { (team: [Need]) in Set(team.map { $0.specialties[0] }).count > 1 }
        #expect(mixed.count > teams.count / 2)
        // Half the teams sent where a language other than English is spoken name it.
        let localTeams = teams.filter {
            reference.languages(spokenIn: $0[0].country).contains {
                $0.populationPercent >= 5 && $0.language.rawValue != "en"
            }
        }
        let named = localTeams.filter { !$0[0].teamLanguages.isEmpty }
        let languageShare = Double(named.count) / Double(localTeams.count)
        #expect(abs(languageShare - DataGenerator.teamLanguageShare) < 0.06, "\(languageShare)")
        #expect(teams.count { !$0[0].teamLanguages.isEmpty } == named.count)
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
