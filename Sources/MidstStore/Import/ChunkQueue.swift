import Foundation

/// A bounded first-in-first-out queue between one producer thread and one consumer, so that an
/// import parses and validates on one core while SQLite writes on the other.
final class ChunkQueue<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var isClosed = false
    private var isCancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds an element, waiting while the queue is full. Returns `false` once the consumer has
    /// cancelled, telling the producer to stop.
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Marks the end of the input.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer (the consumer has failed and will take nothing more), and waits until
    /// it has closed the queue: it may be reading memory the consumer's caller is about to free.
    func cancelAndWait() {
        condition.lock()
        defer { condition.unlock() }
        isCancelled = true
        items.removeAll()
        condition.broadcast()
        while !isClosed { condition.wait() }
    }

    /// The next element, waiting for one; `nil` when the producer has closed an empty queue.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !isClosed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }
}
