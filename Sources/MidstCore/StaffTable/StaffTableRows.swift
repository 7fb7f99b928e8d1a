/// People on their way into a ``StaffTable``, in compact form, in the order added: from whole
/// records (``append(_:context:key:)``) or straight from an import's plain rows
/// (``append(plain:in:context:key:)``), so that an import can hand the snapshot its people
/// without reading them back.
///
/// People who have not consented, are not active or have a profession the reference does not
/// know are not added, so that they can never be matched.
package struct StaffTableRows: Sendable {
    let reference: ReferenceData
    var columns = StaffTableColumns()
    /// Employers repeat (a few hundred trusts for a million people): normalising each name
    /// once, not once a person, halved the rebuild of a 1M-staff snapshot (BENCHMARKS.md).
    private var employerKeys: [String: UInt64] = [:]

    package init(reference: ReferenceData) { self.reference = reference }

    /// How many people have been added.
    package var count: Int { columns.staffKeys.count }

    /// The staff keys of the people added, in the order added.
    package var staffKeys: [Int64] { columns.staffKeys }

    /// Makes room for `people` people in all, with lists a little longer than generated staff's
    /// (reserved memory that is never written costs no page), so that a rebuild's columns are
    /// not copied again and again as they grow.
    package mutating func reserveCapacity(people: Int) {
        columns.idBytes.reserveCapacity(people * 12)
        columns.specialtyCodes.reserveCapacity(people * 3)
        columns.tieCountries.reserveCapacity(people * 3)
        columns.tieKinds.reserveCapacity(people * 3)
        columns.languageCodes.reserveCapacity(people * 3)
        columns.languageRanks.reserveCapacity(people * 3)
        struct Reserving: StaffTableColumnVisitor {
            var columns: StaffTableColumns
            let people: Int
            mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
                switch column.kind {
                case .person: columns[keyPath: column.building].reserveCapacity(people)
                case .offsets: columns[keyPath: column.building].reserveCapacity(people + 1)
                case .items, .rank, .professionIndex: break
                }
            }
        }
        var reserving = Reserving(columns: Self.placeholder, people: people)
        swap(&reserving.columns, &columns)
        StaffTable.forEachColumn(&reserving)
        swap(&reserving.columns, &columns)
    }

    /// Adds a person from their record.
    package mutating func append(_ person: Staff, context: Staff.Context, key: Int64) {
        guard person.hasConsented, let profession = reference.number(of: person.profession)
        else { return }
        var coded = CodedStaff()
        coded.key = key
        coded.profession = UInt16(profession)
        coded.seniority = UInt8(person.seniority.rawValue)
        coded.modes = person.modes.rawValue
        coded.maxAssignments = person.maxAssignments
        coded.availableFrom = person.availability.start.map { Int32($0.dayNumber) } ?? Int32.min
        coded.availableTo = person.availability.end.map { Int32($0.dayNumber) } ?? Int32.max
        coded.pastPlacements = person.pastPlacements
        coded.employerKey = employerKey(person.employer)
        coded.specialties = reference.numbers(of: person.specialties)
        coded.ties = CodedTies(person.countryTies, reference: reference)
        coded.languages = CodedLanguages(person.languages, reference: reference)
        var id = person.id.rawValue
        id.withUTF8 { bytes in
            coded.id = UnsafeRawBufferPointer(bytes)
            append(coded, context: context)
        }
    }

    /// Adds a consenting person whose fields are coded already (a rebuild's); one who is not
    /// active is left out.
    package mutating func append(_ person: CodedStaff, context: Staff.Context) {
        guard context.isActive else { return }
        columns.idBytes += person.id
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(person.key)
        columns.profession.append(person.profession)
        columns.seniority.append(person.seniority)
        columns.modes.append(person.modes)
        columns.freeCapacity.append(
            UInt8(clamping: max(0, person.maxAssignments - context.commitments)))
        columns.maxAssignments.append(UInt8(clamping: person.maxAssignments))
        columns.availableFrom.append(person.availableFrom)
        columns.availableTo.append(person.availableTo)
        columns.placements.append(UInt16(clamping: person.pastPlacements))
        columns.employerKeys.append(person.employerKey)
        columns.specialtyCodes += person.specialties
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        columns.tieCountries += person.ties.countries
        columns.tieKinds += person.ties.kinds
        columns.tieStart.append(Int32(columns.tieCountries.count))
        columns.languageCodes += person.languages.codes
        columns.languageRanks += person.languages.ranks
        columns.languageStart.append(Int32(columns.languageCodes.count))
        appendCompleted(context)
    }

    /// Adds a person from a plain import row (``PlainStaffValidator``), whose texts are spans of
    /// `file`: the same row ``append(_:context:key:)`` makes of the record as stored.
    package mutating func append(
        plain person: PlainStaff, in file: FileBytes, context: Staff.Context,
        key: Int64
    ) {
        guard person.hasConsented, context.isActive else { return }
        func bytes(_ span: TextSpan) -> FileBytes { file.part(span) }
        func day(_ span: TextSpan) -> Int32? {
            span.isEmpty ? nil : CalendarDate(isoBytes: bytes(span)).map { Int32($0.dayNumber) }
        }
        columns.idBytes += bytes(person.id)
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(key)
        columns.profession.append(person.professionNumber)
        columns.seniority.append(UInt8(person.seniority.rawValue))
        columns.modes.append(person.modes.rawValue)
        columns.freeCapacity.append(
            UInt8(clamping: max(0, Int(person.maxAssignments) - context.commitments)))
        columns.maxAssignments.append(UInt8(clamping: person.maxAssignments))
        columns.availableFrom.append(day(person.availableFrom) ?? Int32.min)
        columns.availableTo.append(day(person.availableTo) ?? Int32.max)
        columns.placements.append(UInt16(clamping: person.placements))
        columns.employerKeys.append(
            employerKey(
                person.employer.isEmpty
                    ? nil : String(decoding: bytes(person.employer), as: UTF8.self)))
        for index in 0..<Int(person.specialtyCount) {
            columns.specialtyCodes.append(person.specialtyNumbers[index])
        }
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        for index in 0..<Int(person.tieCount) {
            columns.tieCountries.append(person.tieCountries[index])
            columns.tieKinds.append(person.tieKinds[index])
        }
        columns.tieStart.append(Int32(columns.tieCountries.count))
        for index in 0..<Int(person.languageCount) {
            columns.languageCodes.append(person.languageNumbers[index])
            columns.languageRanks.append(person.languageLevels[index])
        }
        columns.languageStart.append(Int32(columns.languageCodes.count))
        appendCompleted(context)
    }

    /// Adds person `row` of `table` again with a new context (commitments and completed
    /// placements), for a write that changed only those: their record is not read again.
    package mutating func append(row: Int, of table: StaffTable, context: Staff.Context) {
        guard context.isActive else { return }
        // The columns are moved into the copier and back, not shared, so that appending to
        // them does not copy them.
        var copier = RowCopier(table: table, row: row, columns: Self.placeholder)
        swap(&copier.columns, &columns)
        StaffTable.forEachColumn(&copier)
        swap(&copier.columns, &columns)
        let maximum = table.maxAssignments[row]
        columns.freeCapacity.append(UInt8(clamping: max(0, Int(maximum) - context.commitments)))
        appendCompleted(context)
    }

    /// Adds person `row` of `table` again as they are there, context and all (an overlay's
    /// people carried into the next overlay).
    package mutating func append(copyOf row: Int, of table: StaffTable) {
        var copier = RowCopier(
            table: table, row: row, columns: Self.placeholder, copiesContext: true)
        swap(&copier.columns, &columns)
        StaffTable.forEachColumn(&copier)
        swap(&copier.columns, &columns)
    }

    /// Adds every person of `rows`, in their order: each column appended whole, each list's
    /// offsets shifted.
    package mutating func append(contentsOf rows: StaffTableRows) {
        guard rows.count > 0 else { return }
        var joining = Joining(columns: Self.placeholder, added: rows.columns)
        swap(&joining.columns, &columns)
        StaffTable.forEachColumn(&joining)
        swap(&joining.columns, &columns)
    }

    /// What stands in for the columns while they are moved (shared, so never allocated again).
    private static let placeholder = StaffTableColumns()

    private mutating func appendCompleted(_ context: Staff.Context) {
        for country in context.completedCountries.sorted() {
            if let number = reference.number(of: country) {
                columns.completedCountries.append(UInt16(number))
            }
        }
        columns.completedStart.append(Int32(columns.completedCountries.count))
    }

    private mutating func employerKey(_ employer: String?) -> UInt64 {
        guard let employer else { return OrganisationKey.key(nil, reference) }
        if let key = employerKeys[employer] { return key }
        let key = OrganisationKey.key(employer, reference)
        employerKeys[employer] = key
        return key
    }

    /// A table of these people alone, ordered and ranked as every table is.
    package func table(generation: Int64) -> StaffTable {
        StaffTable.empty(generation: generation).replacing([], with: self, generation: generation)
    }

    /// The rows as a table of their own, in the order added (ranks not yet set).
    package func unorderedTable() -> StaffTable {
        var columns = columns
        columns.idRank = [Int32](repeating: 0, count: count)
        columns.indexProfessions()
        return StaffTable(trusting: columns.storage(generation: 0), generation: 0)
    }
}

/// Appends a table's row to the columns being built: every column that comes from the person's
/// record, and those from their context too when `copiesContext` (else they are the caller's).
private struct RowCopier: StaffTableColumnVisitor {
    let table: StaffTable
    let row: Int
    var columns: StaffTableColumns
    var copiesContext = false

    mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
        guard copiesContext || !column.isContext else { return }
        let values = table[keyPath: column.table]
        switch column.kind {
        case .person:
            columns[keyPath: column.building].append(values[row])
        case .offsets:
            let length = values[row + 1] - values[row]
            columns[keyPath: column.building].append(
                columns[keyPath: column.building].last! + length)
        case .items(let offsets):
            let starts = table[keyPath: offsets]
            columns[keyPath: column.building] += values.extracting(
                Int(starts[row])..<Int(starts[row + 1]))
        case .rank, .professionIndex:
            break
        }
    }
}

/// Appends the columns of other rows to the columns being built, column by column.
private struct Joining: StaffTableColumnVisitor {
    var columns: StaffTableColumns
    let added: StaffTableColumns

    mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
        switch column.kind {
        case .person, .items:
            columns[keyPath: column.building] += added[keyPath: column.building]
        case .offsets:
            let shift = columns[keyPath: column.building].last!
            columns[keyPath: column.building] += added[keyPath: column.building].dropFirst().lazy
                .map { $0 + shift }
        case .rank, .professionIndex:
            break
        }
    }
}
