import Foundation

/// Waits until `condition` holds, checking it every `interval` seconds for at most `timeout`
/// seconds, and returns whether it held: for a state another process reaches, instead of a
/// sleep that guesses how long it takes.
@discardableResult
package func poll(
    timeout: TimeInterval = 120, every interval: TimeInterval = 0.01, until condition: () -> Bool
) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { return false }
        Thread.sleep(forTimeInterval: interval)
    }
    return true
}
