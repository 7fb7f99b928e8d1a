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

    /// Adds a person from their record.
    package mutating func append(_ person: Staff, context: Staff.Context, key: Int64) {
        guard person.hasConsented, context.isActive,
            let professionNumber = reference.number(of: person.profession)
        else { return }
        columns.idBytes += person.id.rawValue.utf8
        columns.idStart.append(Int32(columns.idBytes.count))
        columns.staffKeys.append(key)
        columns.profession.append(UInt16(professionNumber))
        columns.seniority.append(UInt8(person.seniority.rawValue))
        columns.modes.append(person.modes.rawValue)
        columns.freeCapacity.append(
            UInt8(clamping: max(0, person.maxAssignments - context.commitments)))
        columns.maxAssignments.append(UInt8(clamping: person.maxAssignments))
        columns.availableFrom.append(
            person.availability.start.map { Int32($0.dayNumber) } ?? Int32.min)
        columns.availableTo.append(person.availability.end.map { Int32($0.dayNumber) } ?? Int32.max)
        columns.placements.append(UInt16(clamping: person.pastPlacements))
        columns.employerKeys.append(employerKey(person.employer))
        for code in person.specialties {
            if let number = reference.number(of: code) {
                columns.specialtyCodes.append(UInt16(number))
            }
        }
        columns.specialtyStart.append(Int32(columns.specialtyCodes.count))
        for tie in person.countryTies {
            guard let number = reference.number(of: tie.country) else { continue }
            columns.tieCountries.append(UInt16(number))
            columns.tieKinds.append(UInt8(tie.kind.order))
        }
        columns.tieStart.append(Int32(columns.tieCountries.count))
        for skill in person.languages {
            guard let number = reference.number(of: skill.language) else { continue }
            columns.languageCodes.append(UInt16(number))
            columns.languageRanks.append(UInt8(skill.level.rawValue))
        }
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

    /// Adds every person of `rows`, in their order.
    package mutating func append(contentsOf rows: StaffTableRows) {
        guard rows.count > 0 else { return }
        let table = rows.unorderedTable()
        for row in 0..<table.count { append(copyOf: row, of: table) }
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
