/// The hard constraints one person fails for one need, one bit each: what
/// ``NeedPlan/failures(_:in:)`` finds and ``NeedPlan/exclusions(_:in:)`` puts in words.
public struct ConstraintFailures: Sendable, Hashable {
    public private(set) var bits: UInt64 = 0

    public init() {}

    public static let profession = 1 << 0
    public static let specialty = 1 << 1
    public static let availability = 1 << 2
    public static let mode = 1 << 3
    public static let seniority = 1 << 4
    /// The need's `index`th required language. The 58th and every later one share the last bit
    /// (bit 62): a need requiring that many is counted as failing "a required language".
    public static func language(_ index: Int) -> Int { 1 << (5 + min(index, 57)) }

    public mutating func insert(_ bit: Int) { bits |= UInt64(bit) }
    public func contains(_ bit: Int) -> Bool { bits & UInt64(bit) != 0 }
    public var isEmpty: Bool { bits == 0 }
    /// How many constraints failed.
    public var count: Int { bits.nonzeroBitCount }
    /// The only failed constraint's bit, when exactly one failed.
    public var only: Int? { count == 1 ? Int(bits) : nil }
}
