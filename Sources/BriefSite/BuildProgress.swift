import Foundation

/// Counters a running build updates, for a progress line on a terminal.
public final class BuildProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var _bodies = 0, _bodiesTotal = 0, _charts = 0, _outputs = 0, _outputsTotal = 0

    public init() {}

    /// Bodies (Markdown and charts) rendered of those to render, charts drawn, outputs made of those to make.
    public var snapshot: (bodies: Int, bodiesTotal: Int, charts: Int, outputs: Int, outputsTotal: Int) {
        lock.withLock { (_bodies, _bodiesTotal, _charts, _outputs, _outputsTotal) }
    }

    func startBodies(_ total: Int) { lock.withLock { _bodies = 0; _bodiesTotal = total; _charts = 0 } }
    func finishedBody(charts: Int) { lock.withLock { _bodies += 1; _charts += charts } }
    func startOutputs(_ total: Int) { lock.withLock { _outputs = 0; _outputsTotal = total } }
    func finishedOutput() { lock.withLock { _outputs += 1 } }
}
