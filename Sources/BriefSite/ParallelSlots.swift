import Foundation

/// Results of a parallel loop, one slot per iteration. Each iteration writes only its own slot,
/// so no two threads touch the same element; the lock makes the hand-over explicit and cheap.
final class ParallelSlots<Element>: @unchecked Sendable {
    private var storage: [Element?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Element? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// Every slot's value, in order (all are filled once the loop has ended).
    var values: [Element] { lock.withLock { storage.compactMap { $0 } } }
}
