/// Every matchable person (consenting and active) in a compact struct-of-arrays form: small
/// integer codes, day numbers, and offsets into flat arrays for the multi-valued fields.
///
/// Built once per run; scoring reads it without allocating. Person `i`'s specialties are
/// `specialtyCodes[specialtyStart[i] ..< specialtyStart[i + 1]]`, primary first; likewise for
/// ties and languages. Codes are positions in ``ReferenceData``'s tables.
public struct StaffTable: Sendable {
    /// Everyone's id, as UTF-8 one after another; person `i`'s is
    /// `idBytes[idStart[i] ..< idStart[i + 1]]`. Kept as bytes so that loading a snapshot of a
    /// million people does not create a million strings (query-latency.sh).
    let idBytes: [UInt8]
    let idStart: [Int32]
    /// Each person's position when all are ordered by id: the deterministic tie-break.
    public let idRank: [Int32]
    let profession: [UInt16]
    let seniority: [UInt8]
    let modes: [UInt8]
    /// `max_assignments` minus current commitments, floored at 0.
    public let freeCapacity: [UInt8]
    let availableFrom: [Int32]
    let availableTo: [Int32]
    let placements: [UInt16]
    let specialtyStart: [Int32]
    let specialtyCodes: [UInt16]
    let tieStart: [Int32]
    let tieCountries: [UInt16]
    let tieKinds: [UInt8]
    let languageStart: [Int32]
    let languageCodes: [UInt16]
    let languageRanks: [UInt8]
    let completedStart: [Int32]
    let completedCountries: [UInt16]
    /// The people of each profession, in table order: those of profession code `p` are
    /// `professionRows[professionStart[p] ..< professionStart[p + 1]]`.
    let professionStart: [Int32]
    let professionRows: [Int32]

    /// How many people the table holds.
    public var count: Int { idRank.count }

    /// The id of person `row`.
    public func id(at row: Int) -> RecordID {
        RecordID(rawValue: String(decoding: idBytes[Int(idStart[row])..<Int(idStart[row + 1])], as: UTF8.self))
    }

    /// Every id, in table order (materialises a string per person).
    public var ids: [RecordID] { (0..<count).map(id(at:)) }

    /// Builds the table from records and their contexts; people who have not consented or are
    /// not active are left out, so that they can never be matched.
    ///
    /// - Complexity: O(n log n) for the id ranks, O(n) otherwise.
    public init(staff: [Staff], contexts: [StaffContext], reference: ReferenceData) {
        precondition(staff.count == contexts.count)
        var ids: [RecordID] = []
        var idBytes: [UInt8] = []
        var idStart: [Int32] = [0]
        var profession: [UInt16] = []
        var seniority: [UInt8] = []
        var modes: [UInt8] = []
        var freeCapacity: [UInt8] = []
        var availableFrom: [Int32] = []
        var availableTo: [Int32] = []
        var placements: [UInt16] = []
        var specialtyStart: [Int32] = [0]
        var specialtyCodes: [UInt16] = []
        var tieStart: [Int32] = [0]
        var tieCountries: [UInt16] = []
        var tieKinds: [UInt8] = []
        var languageStart: [Int32] = [0]
        var languageCodes: [UInt16] = []
        var languageRanks: [UInt8] = []
        var completedStart: [Int32] = [0]
        var completedCountries: [UInt16] = []
        for (person, context) in zip(staff, contexts) where person.hasConsented && context.isActive {
            guard let professionNumber = reference.number(of: person.profession) else { continue }
            ids.append(person.id)
            idBytes += person.id.rawValue.utf8
            idStart.append(Int32(idBytes.count))
            profession.append(UInt16(professionNumber))
            seniority.append(UInt8(person.seniority.rawValue))
            modes.append(person.modes.rawValue)
            freeCapacity.append(UInt8(clamping: max(0, person.maxAssignments - context.commitments)))
            availableFrom.append(person.availability.start.map { Int32($0.dayNumber) } ?? Int32.min)
            availableTo.append(person.availability.end.map { Int32($0.dayNumber) } ?? Int32.max)
            placements.append(UInt16(clamping: person.pastPlacements))
            for code in person.specialties {
                if let number = reference.number(of: code) { specialtyCodes.append(UInt16(number)) }
            }
            specialtyStart.append(Int32(specialtyCodes.count))
            for tie in person.countryTies {
                guard let number = reference.number(of: tie.country) else { continue }
                tieCountries.append(UInt16(number))
                tieKinds.append(UInt8(tie.kind.order))
            }
            tieStart.append(Int32(tieCountries.count))
            for skill in person.languages {
                guard let number = reference.number(of: skill.language) else { continue }
                languageCodes.append(UInt16(number))
                languageRanks.append(UInt8(skill.level.rawValue))
            }
            languageStart.append(Int32(languageCodes.count))
            for country in context.completedCountries.sorted() {
                if let number = reference.number(of: country) { completedCountries.append(UInt16(number)) }
            }
            completedStart.append(Int32(completedCountries.count))
        }
        var idRank = [Int32](repeating: 0, count: ids.count)
        for (rank, row) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { idRank[row] = Int32(rank) }
        self.init(
            idBytes: idBytes, idStart: idStart, idRank: idRank, profession: profession, seniority: seniority,
            modes: modes,
            freeCapacity: freeCapacity, availableFrom: availableFrom, availableTo: availableTo,
            placements: placements, specialtyStart: specialtyStart, specialtyCodes: specialtyCodes,
            tieStart: tieStart, tieCountries: tieCountries, tieKinds: tieKinds, languageStart: languageStart,
            languageCodes: languageCodes, languageRanks: languageRanks, completedStart: completedStart,
            completedCountries: completedCountries)
    }

    /// A table from its arrays (used when reading a snapshot back).
    init(
        idBytes: [UInt8], idStart: [Int32], idRank: [Int32], profession: [UInt16], seniority: [UInt8], modes: [UInt8],
        freeCapacity: [UInt8], availableFrom: [Int32], availableTo: [Int32], placements: [UInt16],
        specialtyStart: [Int32], specialtyCodes: [UInt16], tieStart: [Int32], tieCountries: [UInt16],
        tieKinds: [UInt8], languageStart: [Int32], languageCodes: [UInt16], languageRanks: [UInt8],
        completedStart: [Int32], completedCountries: [UInt16]
    ) {
        self.idBytes = idBytes
        self.idStart = idStart
        self.idRank = idRank
        self.profession = profession
        self.seniority = seniority
        self.modes = modes
        self.freeCapacity = freeCapacity
        self.availableFrom = availableFrom
        self.availableTo = availableTo
        self.placements = placements
        self.specialtyStart = specialtyStart
        self.specialtyCodes = specialtyCodes
        self.tieStart = tieStart
        self.tieCountries = tieCountries
        self.tieKinds = tieKinds
        self.languageStart = languageStart
        self.languageCodes = languageCodes
        self.languageRanks = languageRanks
        self.completedStart = completedStart
        self.completedCountries = completedCountries
        // Counting sort of rows by profession code: the candidate blocks.
        let codes = Int(profession.max() ?? 0) + 1
        var start = [Int32](repeating: 0, count: codes + 1)
        for code in profession { start[Int(code) + 1] += 1 }
        for code in 0..<codes { start[code + 1] += start[code] }
        var next = start
        var rows = [Int32](repeating: 0, count: profession.count)
        for (row, code) in profession.enumerated() {
            rows[Int(next[Int(code)])] = Int32(row)
            next[Int(code)] += 1
        }
        professionStart = start
        professionRows = rows
    }

    /// The people of the given professions, in table order: the candidate block for a need.
    public func rows(ofProfessions professions: [UInt16]) -> [Int32] {
        func block(_ code: UInt16) -> ArraySlice<Int32> {
            guard Int(code) + 1 < professionStart.count else { return [] }
            return professionRows[Int(professionStart[Int(code)])..<Int(professionStart[Int(code) + 1])]
        }
        if professions.count == 1 { return Array(block(professions[0])) }
        return professions.flatMap(block).sorted()
    }
}
