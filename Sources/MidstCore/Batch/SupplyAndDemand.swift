/// Where open needs outnumber the people who could fill them, by country × specialty ×
/// language: so recruiters know whom to look for.
///
/// Each need falls in one group: its main country, its first specialty (or its profession when
/// it names none) and its first required language (none when it requires none). The demand of
/// a group is its needs and their slots. Its supply is the matchable people (consenting,
/// active, with free capacity) who hold that specialty or profession, have a tie of any kind to
/// that country, and speak that language (or an equivalent) at the lowest level the group's
/// needs require. Dates, mode and seniority are left out: they are a need's, not a group's.
package struct SupplyAndDemand: Sendable {
    /// One country × specialty × language group.
    package struct Group: Sendable, Hashable {
        package var country: CountryCode
        package var specialty: SpecialtyCode
        /// The first required language of the group's needs; `nil` when they require none.
        package var language: LanguageCode?
        /// The lowest level the group's needs require of ``language``.
        package var minimumLevel: LanguageLevel?
        /// Open needs in the group, and the people they want.
        package var needs: Int
        package var slots: Int
        /// Suitable matchable people with free capacity.
        package var people: Int

        /// Slots beyond the people who could fill them (0 when there are enough).
        package var shortfall: Int { max(0, slots - people) }
    }

    /// Every group with an open need; largest shortfall first, then most slots, then by key.
    package var groups: [Group]

    private struct Key: Hashable {
        var country: Int
        var specialty: Int
        /// -1: no language required.
        var language: Int
    }

    /// Groups `needs` and counts the suitable people of `table` for each group.
    ///
    /// - Complexity: O(needs + people × specialties × ties × languages), one pass over the table.
    package init(needs: [Need], table: StaffTable, reference: ReferenceData) {
        var groups: [Group] = []
        var index: [Key: Int] = [:]
        var minimumRank: [UInt8] = []
        for need in needs {
            guard let specialty = need.mainSpecialty,
                let specialtyNumber = reference.number(of: specialty),
                let countryNumber = reference.number(of: need.country)
            else { continue }
            let required = need.requiredLanguages.first
            let languageNumber = required.flatMap { reference.number(of: $0.language) } ?? -1
            let key = Key(country: countryNumber, specialty: specialtyNumber, language: languageNumber)
            let rank = UInt8(required?.minimumLevel.rawValue ?? 0)
            if let position = index[key] {
                groups[position].needs += 1
                groups[position].slots += need.slots
                if rank < minimumRank[position] {
                    minimumRank[position] = rank
                    groups[position].minimumLevel = required?.minimumLevel
                }
            } else {
                index[key] = groups.count
                minimumRank.append(rank)
                groups.append(
                    Group(
                        country: need.country, specialty: specialty,
                        language: languageNumber < 0 ? nil : required?.language,
                        minimumLevel: languageNumber < 0 ? nil : required?.minimumLevel,
                        needs: 1, slots: need.slots, people: 0))
            }
        }
        // A person's language counts for every group language it is equivalent to; by
        // language number.
        var groupLanguages = [[Int]](repeating: [], count: reference.languages.count)
        for group in groups {
            guard let language = group.language, let number = reference.number(of: language)
            else { continue }
            for spoken in [language] + reference.equivalents(of: language) {
                guard let spokenNumber = reference.number(of: spoken) else { continue }
                if !groupLanguages[spokenNumber].contains(number) {
                    groupLanguages[spokenNumber].append(number)
                }
            }
        }
        // The last person counted in each group, so nobody counts twice (a specialty held
        // twice, or two ties to one country, count once).
        var lastCounted = [Int](repeating: -1, count: groups.count)
        func count(_ position: Int, person: Int, rank: UInt8) {
            guard lastCounted[position] != person, rank >= minimumRank[position] else { return }
            lastCounted[position] = person
            groups[position].people += 1
        }
        // The groups by country and specialty, as ranges of one flat list of (language,
        // position), indexed by country × specialty: the pass over a million people looks a
        // group up by position, not by hashing a key (a dictionary lookup per tie and language
        // was most of the pass; before that, a list of specialties and a set of countries per
        // person: notes for issue 23). Countries and specialties no group names have an empty
        // range.
        let specialtyCount = reference.specialties.count
        let pairCount = reference.countries.count * specialtyCount
        var byPair = index.map { key, position in
            (
                pair: key.country * specialtyCount + key.specialty, language: key.language,
                position: position
            )
        }
        byPair.sort { ($0.pair, $0.language) < ($1.pair, $1.language) }
        var pairStart = [Int32](repeating: 0, count: pairCount + 1)
        for entry in byPair { pairStart[entry.pair + 1] += 1 }
        for pair in 0..<pairCount { pairStart[pair + 1] += pairStart[pair] }
        let entryLanguages = byPair.map { Int32($0.language) }
        let entryPositions = byPair.map { Int32($0.position) }
        for person in 0..<table.count where table.freeCapacity[person] > 0 {
            let specialties =
                Int(table.specialtyStart[person])..<Int(table.specialtyStart[person + 1])
            let ties = Int(table.tieStart[person])..<Int(table.tieStart[person + 1])
            let languages =
                Int(table.languageStart[person])..<Int(table.languageStart[person + 1])
            // The profession first (at the position before the specialties), then each specialty.
            for held in (specialties.lowerBound - 1)..<specialties.upperBound {
                let specialty =
                    held < specialties.lowerBound
                    ? Int(table.profession[person]) : Int(table.specialtyCodes[held])
                guard specialty < specialtyCount else { continue }
                for tie in ties {
                    let pair = Int(table.tieCountries[tie]) * specialtyCount + specialty
                    guard pair < pairCount else { continue }
                    let entries = Int(pairStart[pair])..<Int(pairStart[pair + 1])
                    guard !entries.isEmpty else { continue }
                    for entry in entries where entryLanguages[entry] < 0 {
                        count(Int(entryPositions[entry]), person: person, rank: 0)
                    }
                    for position in languages {
                        let spoken = Int(table.languageCodes[position])
                        guard spoken < groupLanguages.count else { continue }
                        for language in groupLanguages[spoken] {
                            for entry in entries where entryLanguages[entry] == language {
                                count(
                                    Int(entryPositions[entry]), person: person,
                                    rank: table.languageRanks[position])
                            }
                        }
                    }
                }
            }
        }
        self.groups = groups.sorted {
            ($1.shortfall, $1.slots, $0.country.rawValue, $0.specialty.rawValue, $0.language?.rawValue ?? "")
                < ($0.shortfall, $0.slots, $1.country.rawValue, $1.specialty.rawValue, $1.language?.rawValue ?? "")
        }
    }
}
