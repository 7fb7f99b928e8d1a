extension StaffTableColumns {
    /// The columns of the rows `order` names, each row `r` of `kept` (`r >= 0`) or row `-1 - r`
    /// of `added`: every column but the id rank and the profession index. Each column is
    /// written once, at its final size, copying runs of consecutive rows whole (a change of a
    /// few people copies each column in a few pieces).
    init(gathering order: [Int32], from kept: StaffTable, _ added: StaffTable) {
        /// `count` consecutive rows from row `first` of kept or added, written from `to`.
        struct Run {
            var first: Int
            var count: Int
            var isKept: Bool
            var to: Int
        }
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
        let isScattered = runs.count > order.count / 4
        func column<T>(_ path: KeyPath<StaffTable, UnsafeBufferPointer<T>>) -> [T] {
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
                        (buffer.baseAddress! + run.to).initialize(
                            from: source.baseAddress! + run.first, count: run.count)
                    }
                }
                initialized = order.count
            }
        }
        /// A multi-valued column: its offsets, shifted run by run, and its items.
        func list<T>(
            _ startsPath: KeyPath<StaffTable, UnsafeBufferPointer<Int32>>,
            _ itemsPath: KeyPath<StaffTable, UnsafeBufferPointer<T>>
        ) -> (starts: [Int32], items: [T]) {
            let (myStarts, theirStarts) = (kept[keyPath: startsPath], added[keyPath: startsPath])
            var starts = [Int32](repeating: 0, count: order.count + 1)
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
            let total = Int(starts[order.count])
            let (mine, theirs) = (kept[keyPath: itemsPath], added[keyPath: itemsPath])
            let items = [T](unsafeUninitializedCapacity: total) { buffer, initialized in
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
                        target.initialize(from: source.baseAddress! + first, count: count)
                    }
                }
                initialized = total
            }
            return (starts, items)
        }
        self.init()
        (idStart, idBytes) = list(\StaffTable.idStart, \.idBytes)
        staffKeys = column(\.staffKeys)
        profession = column(\.profession)
        seniority = column(\.seniority)
        modes = column(\.modes)
        freeCapacity = column(\.freeCapacity)
        maxAssignments = column(\.maxAssignments)
        availableFrom = column(\.availableFrom)
        availableTo = column(\.availableTo)
        placements = column(\.placements)
        employerKeys = column(\.employerKeys)
        (specialtyStart, specialtyCodes) = list(\StaffTable.specialtyStart, \.specialtyCodes)
        (tieStart, tieCountries) = list(\StaffTable.tieStart, \.tieCountries)
        tieKinds = list(\StaffTable.tieStart, \.tieKinds).items
        (languageStart, languageCodes) = list(\StaffTable.languageStart, \.languageCodes)
        languageRanks = list(\StaffTable.languageStart, \.languageRanks).items
        (completedStart, completedCountries) = list(
            \StaffTable.completedStart, \.completedCountries)
    }
}
