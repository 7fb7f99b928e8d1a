extension WeightTuner {
    /// How `tune` holds needs out to judge the weights it fits (docs/TUNING.md, "Tuning").
    public enum Split: Sendable, Hashable, CustomStringConvertible {
        /// ``WeightTuner/folds`` folds dealt from a seeded shuffle of the needs, dealt again
        /// from a new shuffle ``WeightTuner/repeats`` times (repeated cross-validation): every
        /// need is held out once per repeat.
        case random
        /// One fold: trained on the needs offered before the cut day, tested on the needs offered
        /// on it or later.
        case date(Cut)

        /// Where `--split date` cuts.
        public enum Cut: Sendable, Hashable {
            /// The offer day of the need at this fraction (above 0, below 1) of the needs sorted
            /// by offer day, then id: about that share of the needs trains.
            case fraction(Double)
            /// This day.
            case day(CalendarDate)
        }

        /// Reads `random`, `date` (the cut at 0.8), `date:0.7` or `date:2026-07-01`.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("random", 1): self = .random
            case ("date", 1): self = .date(.fraction(0.8))
            case ("date", 2):
                if let fraction = Double(parts[1]), fraction > 0, fraction < 1 {
                    self = .date(.fraction(fraction))
                } else if let day = CalendarDate(iso: parts[1]) {
                    self = .date(.day(day))
                } else {
                    return nil
                }
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .random: "random"
            case .date(.fraction(let fraction)): "date:\(fraction)"
            case .date(.day(let day)): "date:\(day)"
            }
        }
    }

    /// One fit of the tuner and the needs it is judged on.
    struct Partition: Sendable {
        /// From 0; every fold of a ``Split/date(_:)`` split is repeat 0.
        var repeatIndex: Int
        var training: [Int]
        var heldOut: [Int]
        /// The seed of the fit's random restarts and component orders.
        var seed: UInt64
    }

    /// Why a split cannot be made.
    public enum SplitError: MidstError, Equatable {
        /// The cut leaves no need on one side: every need was offered before it, or on it or
        /// after.
        case emptySide(cut: CalendarDate, training: Int, heldOut: Int)

        package var message: String {
            switch self {
            case .emptySide(let cut, let training, let heldOut):
                "--split date: the cut at \(cut) leaves \(training) needs offered before it to train "
                    + "on and \(heldOut) on it or after to test on; choose a day (or a fraction) "
                    + "with needs on both sides"
            }
        }

        package var exitStatus: ExitStatus { .invalidData }
    }

    /// The partitions of `evaluated` (positions in `set.needs`) under ``split``, each with the
    /// seed of its fit, drawn from `random` in order so that the fits can run in any order.
    func partitions(of set: LabelledSet, evaluated: [Int], random: inout SeededRandom) throws
        -> [Partition]
    {
        switch split {
        case .random:
            let foldCount = max(2, min(folds, evaluated.count))
            var partitions: [Partition] = []
            for repeatIndex in 0..<max(1, repeats) {
                let order = evaluated.shuffled(using: &random)
                for fold in 0..<foldCount {
                    partitions.append(
                        Partition(
                            repeatIndex: repeatIndex,
                            training: order.indices.filter { $0 % foldCount != fold }.map {
                                order[$0]
                            },
                            heldOut: order.indices.filter { $0 % foldCount == fold }.map {
                                order[$0]
                            },
                            seed: random.next()))
                }
            }
            return partitions
        case .date:
            let day = cutDay(of: set, evaluated: evaluated)!
            let training = evaluated.filter { set.needs[$0].offered < day }
            let heldOut = evaluated.filter { set.needs[$0].offered >= day }
            guard !training.isEmpty, !heldOut.isEmpty else {
                throw SplitError.emptySide(
                    cut: day, training: training.count, heldOut: heldOut.count)
            }
            return [
                Partition(repeatIndex: 0, training: training, heldOut: heldOut, seed: random.next())
            ]
        }
    }

    /// The first day a ``Split/date(_:)`` split holds out: the day given, or the offer day of
    /// the need at the fraction of `evaluated` sorted by offer day (needs of one day are never
    /// on both sides). nil for a ``Split/random`` split or no need.
    func cutDay(of set: LabelledSet, evaluated: [Int]) -> CalendarDate? {
        switch split {
        case .random: return nil
        case .date(.day(let day)): return day
        case .date(.fraction(let fraction)):
            let sorted = evaluated.map { set.needs[$0].offered }.sorted()
            guard !sorted.isEmpty else { return nil }
            let position = Int((fraction * Double(sorted.count)).rounded(.down))
            return sorted[min(max(position, 0), sorted.count - 1)]
        }
    }
}
