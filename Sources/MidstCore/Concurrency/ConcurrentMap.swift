import Dispatch

extension Array where Element: Sendable {
    /// The results of `transform` on each element, in order, worked out on every core
    /// (`DispatchQueue.concurrentPerform`): each element's result is written to its own slot of
    /// the array, so no lock is taken and the order does not depend on which core finishes first.
    ///
    /// `transform` is called from several threads at once: it must only read what it shares.
    ///
    /// - Complexity: O(n) calls of `transform`, spread over the cores.
    package func concurrentMap<Result>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration writes its own slot only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                (slots.baseAddress! + offset).initialize(to: transform(self[offset]))
            }
            initialized = count
        }
    }
}
