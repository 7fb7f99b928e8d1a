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
        func count(_ key: Key, person: Int, rank: UInt8) {
            guard let position = index[key], lastCounted[position] != person,
                rank >= minimumRank[position]
            else { return }
            lastCounted[position] = person
            groups[position].people += 1
        }
        // Only the countries and specialties some group names are looked up: most ties and
        // specialties of a million people are of no group (a dictionary lookup each was most of
        // the pass). Nothing is allocated per person: a list of their specialties and a set of
        // their countries each were most of what was left (notes for issue 23).
        var wantedCountry = [Bool](repeating: false, count: reference.countries.count)
        var wantedSpecialty = [Bool](repeating: false, count: reference.specialties.count)
        for key in index.keys {
            wantedCountry[key.country] = true
            wantedSpecialty[key.specialty] = true
        }
        for person in 0..<table.count where table.freeCapacity[person] > 0 {
            let specialties = Int(table.specialtyStart[person])..<Int(table.specialtyStart[person + 1])
            let ties = Int(table.tieStart[person])..<Int(table.tieStart[person + 1])
            let languages = Int(table.languageStart[person])..<Int(table.languageStart[person + 1])
            // The profession first (at the position before the specialties), then each specialty.
            for held in (specialties.lowerBound - 1)..<specialties.upperBound {
                let specialty =
                    held < specialties.lowerBound
                    ? Int(table.profession[person]) : Int(table.specialtyCodes[held])
                guard wantedSpecialty[specialty] else { continue }
                for tie in ties {
                    let country = Int(table.tieCountries[tie])
                    guard wantedCountry[country] else { continue }
                    count(Key(country: country, specialty: specialty, language: -1), person: person, rank: 0)
                    for position in languages {
                        let spoken = Int(table.languageCodes[position])
                        guard spoken < groupLanguages.count else { continue }
                        for language in groupLanguages[spoken] {
                            count(
                                Key(country: country, specialty: specialty, language: language),
                                person: person, rank: table.languageRanks[position])
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
