/// SplitMix64: a small, fast, seedable generator, so that generated data is reproducible from its
/// seed on every platform.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen index below `count`.
    mutating func index(below count: Int) -> Int { Int(next(upperBound: UInt64(count))) }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// An element picked with the given relative weights.
    mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var target = Double(next() >> 11) / Double(1 << 53) * total
        for (value, weight) in weighted {
            target -= weight
            if target < 0 { return value }
        }
        return weighted[weighted.count - 1].0
    }
}
