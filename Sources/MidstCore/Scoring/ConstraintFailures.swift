/// The hard constraints one person fails for one need, one bit each: what
/// ``NeedPlan/failures(_:in:)`` finds and ``NeedPlan/exclusions(_:in:)`` puts in words.
package struct ConstraintFailures: Sendable, Hashable {
    package private(set) var bits: UInt64 = 0

    package init() {}

    package static let profession = 1 << 0
    package static let specialty = 1 << 1
    package static let availability = 1 << 2
    package static let mode = 1 << 3
    package static let seniority = 1 << 4
    /// The need's `index`th required language. The 58th and every later one share the last bit
    /// (bit 62): a need requiring that many is counted as failing "a required language".
    package static func language(_ index: Int) -> Int { 1 << (5 + min(index, 57)) }

    package mutating func insert(_ bit: Int) { bits |= UInt64(bit) }
    package func contains(_ bit: Int) -> Bool { bits & UInt64(bit) != 0 }
    package var isEmpty: Bool { bits == 0 }
    /// How many constraints failed.
    package var count: Int { bits.nonzeroBitCount }
    /// The only failed constraint's bit, when exactly one failed.
    package var only: Int? { count == 1 ? Int(bits) : nil }
}
