import Foundation

/// A value being worked out on another thread; ``value()`` waits for it.
final class Pending<Value>: @unchecked Sendable {
    // @unchecked: `work` and `result` are written before `done` is signalled, read after waiting.
    private let done = DispatchSemaphore(value: 0)
    private var work: (@Sendable () -> Value)?
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        Thread.detachNewThread { [self] in
            result = self.work?()
            // Lets what the work read go before anyone waits: an erasure then destroys the
            // snapshot file it mapped.
            self.work = nil
            done.signal()
        }
    }

    func value() -> Value {
        done.wait()
        done.signal()
        return result!
    }
}
