import Synchronization

/// A part of the reference data that may be made the first time it is read rather than when
/// the reference data loads (``ReferenceData/init(readingOnUse:)``): a query of one need reads
/// its countries' languages and the taxonomy, not the 7,000 languages' names, the 1,000
/// organisations or the lookups by name (notes for issue 23, "query-speed4").
///
/// Made at most once in effect: two threads that read it first at the same moment may both
/// make it, and one of the two equal values is kept.
final class ReferencePart<Value: Sendable>: Sendable {
    private final class Made: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let made = AtomicLazyReference<Made>()
    private let make: @Sendable () -> Value

    /// A part already made.
    init(_ value: Value) {
        let made = Made(value)
        make = { made.value }
        _ = self.made.storeIfNil(made)
    }

    /// A part made by `make` the first time it is read.
    init(making make: @escaping @Sendable () -> Value) { self.make = make }

    /// The part, made now if this is the first read.
    var value: Value {
        if let made = made.load() { return made.value }
        return made.storeIfNil(Made(make())).value
    }

    /// Whether the part has been made (for tests of what a query reads).
    var isMade: Bool { made.load() != nil }
}

extension ReferenceData {
    /// The parts of the reference data that ``init(readingOnUse:)`` makes the first time they
    /// are read.
    package enum Part: CaseIterable, Sendable {
        /// ``languages``: the languages' full rows, names included.
        case languages
        /// Countries and taxonomy entries by the names people write for them.
        case names
        /// ``organisations`` and their lookups by code and by words.
        case organisations
    }

    /// The parts made so far: every part, for reference data read whole (``init(tables:)``).
    package var madeParts: Set<Part> {
        Set(
            Part.allCases.filter {
                switch $0 {
                case .languages: languageList.isMade
                case .names: names.isMade
                case .organisations: organisationTable.isMade
                }
            })
    }
}
