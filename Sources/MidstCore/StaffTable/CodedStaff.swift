/// A person's matchable fields already in a table's codes (reference numbers, day numbers,
/// employer keys), as ``StaffTableRows/append(_:context:)`` adds them: what a record comes to
/// once its codes are looked up. A rebuild reading the database column by column codes each
/// distinct text once, and adds a million people without making a record of each.
package struct CodedStaff {
    /// The staff key.
    package var key: Int64 = 0
    /// The id's UTF-8 bytes (valid while the person is added).
    package var id: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The profession's reference number.
    package var profession: UInt16 = 0
    /// ``Seniority``'s raw value.
    package var seniority: UInt8 = 0
    /// ``Staff/WorkModes``' raw value.
    package var modes: UInt8 = 0
    package var maxAssignments = 0
    /// The first and last days available (``CalendarDate/dayNumber``), `Int32.min` and
    /// `Int32.max` when open.
    package var availableFrom = Int32.min
    package var availableTo = Int32.max
    package var pastPlacements = 0
    /// ``OrganisationKey/key(_:_:)`` of the employer.
    package var employerKey: UInt64 = 0
    /// The specialties' reference numbers, unknown codes left out.
    package var specialties: [UInt16] = []
    package var ties = CodedTies()
    package var languages = CodedLanguages()

    package init() {}
}

/// A person's country ties in a table's codes: each known country's number and the tie's
/// ``CountryTie/Kind/order``.
package struct CodedTies: Sendable {
    package var countries: [UInt16] = []
    package var kinds: [UInt8] = []

    /// `ties` coded, those of countries `reference` does not know left out.
    package init(_ ties: [CountryTie], reference: ReferenceData) {
        for tie in ties {
            guard let number = reference.number(of: tie.country) else { continue }
            countries.append(UInt16(number))
            kinds.append(UInt8(tie.kind.order))
        }
    }

    package init() {}
}

/// A person's languages in a table's codes: each known language's number and the level's rank.
package struct CodedLanguages: Sendable {
    package var codes: [UInt16] = []
    package var ranks: [UInt8] = []

    /// `skills` coded, those of languages `reference` does not know left out.
    package init(_ skills: [Staff.LanguageSkill], reference: ReferenceData) {
        for skill in skills {
            guard let number = reference.number(of: skill.language) else { continue }
            codes.append(UInt16(number))
            ranks.append(UInt8(skill.level.rawValue))
        }
    }

    package init() {}
}

extension ReferenceData {
    /// The reference numbers of `codes`, unknown codes left out.
    package func numbers(of codes: [SpecialtyCode]) -> [UInt16] {
        codes.compactMap { number(of: $0).map(UInt16.init) }
    }
}
