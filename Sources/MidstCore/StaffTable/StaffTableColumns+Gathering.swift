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
        var gathering = Gathering(
            order: order, runs: runs, isScattered: runs.count > order.count / 4, kept: kept,
            added: added)
        StaffTable.forEachColumn(&gathering)
        self = gathering.columns
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
private struct Gathering: StaffTableColumnVisitor {
    let order: [Int32]
    let runs: [Run]
    let isScattered: Bool
    let kept: StaffTable
    let added: StaffTable
    var columns = StaffTableColumns()
    /// The gathered offsets of each list, worked out once for all its item columns.
    private var startsOfList: [AnyKeyPath: [Int32]] = [:]

    init(order: [Int32], runs: [Run], isScattered: Bool, kept: StaffTable, added: StaffTable) {
        self.order = order
        self.runs = runs
        self.isScattered = isScattered
        self.kept = kept
        self.added = added
    }

    mutating func visit<Element: FixedWidthInteger>(_ column: StaffTableColumn<Element>) {
        switch column.kind {
        case .person:
            columns[keyPath: column.building] = self.column(column.table)
        case .offsets:
            columns[keyPath: column.building] = starts(column.table)
        case .items(let offsets):
            columns[keyPath: column.building] = items(column.table, delimitedBy: offsets)
        case .rank, .professionIndex:
            break
        }
    }

    /// A column of people.
    private func column<T>(_ path: KeyPath<StaffTable, StaffTable.Column<T>>) -> [T] {
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
    private func starts<T: FixedWidthInteger>(_ path: KeyPath<StaffTable, StaffTable.Column<T>>)
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

    /// A list's items.
    private mutating func items<T>(
        _ itemsPath: KeyPath<StaffTable, StaffTable.Column<T>>,
        delimitedBy startsPath: WritableKeyPath<StaffTable, StaffTable.Column<Int32>>
    ) -> [T] {
        let starts = startsOfList[startsPath] ?? self.starts(startsPath)
        startsOfList[startsPath] = starts
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
