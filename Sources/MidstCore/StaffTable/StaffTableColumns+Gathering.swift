extension StaffTableColumns {
    /// The columns of the rows `order` names, each row `r` of `kept` (`r >= 0`) or row `-1 - r`
    /// of `added`: every column but the id rank and the profession index. Each column is
    /// written once, at its final size, copying runs of consecutive rows whole (a change of a
    /// few people copies each column in a few pieces).
    init(gathering order: [Int32], from kept: StaffTable, _ added: StaffTable) {
        var runs: [Run] = []
        for (index, source) in order.enumerated() {
            let (row, isKept) = source >= 0 ? (Int(source), true) : (Int(-1 - source), false)
            if let last = runs.last, last.isKept == isKept, last.first + last.count == row {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Run(first: row, count: 1, isKept: isKept, to: index))
            }
        }
        // Rows moved one by one (a whole import placed in order) are copied one by one.
        let gathering = Gathering(
            order: order, runs: runs, isScattered: runs.count > order.count / 4, kept: kept,
            added: added)
        // Each column on whichever core is free (a rebuild gathers 72 MB at 1M staff): first
        // the columns of people and the lists' offsets, then the lists' items, which are laid
        // out by their gathered offsets.
        var plan = GatheringPlan(gathering: gathering)
        StaffTable.forEachColumn(&plan)
        var columns = StaffTableColumns()
        for assign in plan.first.concurrentMap({ $0.work(()) }) { assign(&columns) }
        let starts = StartsOfLists(columns: columns, offsets: plan.offsets)
        for assign in plan.then.concurrentMap({ $0.work(starts) }) { assign(&columns) }
        self = columns
    }
}

/// What gathering one column does, and how its result goes into the columns: shared between
/// threads, each running its own.
private struct GatheringJob<Input>: @unchecked Sendable {
    // @unchecked: the key paths and tables it captures are only read.
    let work: (Input) -> (inout StaffTableColumns) -> Void
}

/// The gathered offsets of every list, for the jobs that gather their items.
private struct StartsOfLists: @unchecked Sendable {
    // @unchecked: only read once made.
    let columns: StaffTableColumns
    /// Where each list's offsets are among the columns, by where they are in a table.
    let offsets: [AnyKeyPath: WritableKeyPath<StaffTableColumns, [Int32]>]

    /// The gathered offsets of the list whose offsets are at `path` in a table.
    subscript(path: WritableKeyPath<StaffTable, StaffTable.Column<Int32>>) -> [Int32] {
        columns[keyPath: offsets[path]!]
    }
}

/// The columns' jobs, listed in ``StaffTable/forEachColumn(_:)``'s order.
private struct GatheringPlan: StaffTableColumnVisitor {
    let gathering: Gathering
    var first: [GatheringJob<Void>] = []
    var then: [GatheringJob<StartsOfLists>] = []
    var offsets: [AnyKeyPath: WritableKeyPath<StaffTableColumns, [Int32]>] = [:]

    mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
        let gathering = gathering
        switch column.kind {
        case .person:
            first.append(
                GatheringJob { _ in
                    let values = gathering.column(column.table)
                    return { $0[keyPath: column.building] = values }
                })
        case .offsets:
            offsets[column.table] =
                column.building as AnyKeyPath as? WritableKeyPath<StaffTableColumns, [Int32]>
            first.append(
                GatheringJob { _ in
                    let values = gathering.starts(column.table)
                    return { $0[keyPath: column.building] = values }
                })
        case .items(let offsets):
            then.append(
                GatheringJob { lists in
                    let values = gathering.items(
                        column.table, delimitedBy: offsets, gathered: lists[offsets])
                    return { $0[keyPath: column.building] = values }
                })
        case .rank, .professionIndex:
            break
        }
    }
}

/// `count` consecutive rows from row `first` of kept or added, written from `to`.
private struct Run {
    var first: Int
    var count: Int
    var isKept: Bool
    var to: Int
}

/// Gathers each column of people and each list; the id ranks and the profession index are left
/// to the caller.
private struct Gathering {
    let order: [Int32]
    let runs: [Run]
    let isScattered: Bool
    let kept: StaffTable
    let added: StaffTable

    /// A column of people.
    func column<T>(_ path: KeyPath<StaffTable, StaffTable.Column<T>>) -> [T] {
        let (mine, theirs) = (kept[keyPath: path], added[keyPath: path])
        return [T](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            if isScattered {
                for (index, source) in order.enumerated() {
                    (buffer.baseAddress! + index).initialize(
                        to: source >= 0 ? mine[Int(source)] : theirs[Int(-1 - source)])
                }
                initialized = order.count
                return
            }
            for run in runs {
                let source = run.isKept ? mine : theirs
                if run.count == 1 {
                    (buffer.baseAddress! + run.to).initialize(to: source[run.first])
                } else {
                    source.copy(from: run.first, count: run.count, to: buffer.baseAddress! + run.to)
                }
            }
            initialized = order.count
        }
    }

    /// A list's offsets, shifted run by run.
    func starts<T: FixedWidthInteger>(_ path: KeyPath<StaffTable, StaffTable.Column<T>>)
        -> [T]
    {
        let (myStarts, theirStarts) = (kept[keyPath: path], added[keyPath: path])
        var starts = [T](repeating: 0, count: order.count + 1)
        for run in runs where !isScattered {
            let from = run.isKept ? myStarts : theirStarts
            let shift = starts[run.to] - from[run.first]
            for offset in 1...run.count {
                starts[run.to + offset] = from[run.first + offset] + shift
            }
        }
        if isScattered {
            for (index, source) in order.enumerated() {
                let (from, row) =
                    source >= 0 ? (myStarts, Int(source)) : (theirStarts, Int(-1 - source))
                starts[index + 1] = starts[index] + from[row + 1] - from[row]
            }
        }
        return starts
    }

    /// A list's items, whose gathered offsets are `starts`.
    func items<T>(
        _ itemsPath: KeyPath<StaffTable, StaffTable.Column<T>>,
        delimitedBy startsPath: WritableKeyPath<StaffTable, StaffTable.Column<Int32>>,
        gathered starts: [Int32]
    ) -> [T] {
        let (myStarts, theirStarts) = (kept[keyPath: startsPath], added[keyPath: startsPath])
        let total = Int(starts[order.count])
        let (mine, theirs) = (kept[keyPath: itemsPath], added[keyPath: itemsPath])
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            if isScattered {
                var next = buffer.baseAddress!
                for source in order {
                    let (from, items, row) =
                        source >= 0
                        ? (myStarts, mine, Int(source))
                        : (theirStarts, theirs, Int(-1 - source))
                    for item in Int(from[row])..<Int(from[row + 1]) {
                        next.initialize(to: items[item])
                        next += 1
                    }
                }
                initialized = total
                return
            }
            for run in runs {
                let (from, source) = run.isKept ? (myStarts, mine) : (theirStarts, theirs)
                let first = Int(from[run.first])
                let count = Int(from[run.first + run.count]) - first
                let target = buffer.baseAddress! + Int(starts[run.to])
                if count <= 8 {
                    for item in 0..<count {
                        (target + item).initialize(to: source[first + item])
                    }
                } else {
                    source.copy(from: first, count: count, to: target)
                }
            }
            initialized = total
        }
    }
}
