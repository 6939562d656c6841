import BriefDiagnostics
import BriefSite

/// The site being served: the last good build held in memory, the current build's errors, and the
/// pages listening for changes. A failed build leaves the last good files in place.
actor LiveSite {
    /// What a request sees: one consistent state of the site.
    struct Snapshot: Sendable {
        /// Built files keyed by their output path ("index.html", "briefs/x/index.html").
        var files: [String: [UInt8]] = [:]
        /// Counts good builds; pages carry it so a page that loaded mid-rebuild can catch up.
        var generation = 0
        /// The "problems" event for the current build, or nil when it succeeded.
        var problems: String?
        /// Whether any build has succeeded yet.
        var hasSite: Bool { generation > 0 }
    }

    private(set) var snapshot = Snapshot()
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0
    private var closed = false
    let projectRoot: String

    init(projectRoot: String) {
        self.projectRoot = projectRoot
    }

    /// Takes in a build's result and tells open pages: reload, or show the errors.
    func apply(_ result: BuildResult) {
        if result.succeeded {
            var files: [String: [UInt8]] = [:]
            for file in result.outputs { files[file.path] = file.bytes }
            snapshot.files = files
            snapshot.generation += 1
            snapshot.problems = nil
            broadcast(LiveReload.reloadEvent)
        } else {
            let event = LiveReload.problemsEvent(result.diagnostics, projectRoot: projectRoot)
            snapshot.problems = event
            broadcast(event)
        }
    }

    /// A stream of events for one open page. It starts with the current errors, if any, or with
    /// a reload if the page was served from an older generation than the current one.
    func listen(knownGeneration: Int?) -> (id: Int, stream: AsyncStream<String>) {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
        let id = nextListener
        nextListener += 1
        guard !closed else {
            continuation.finish()
            return (id, stream)
        }
        continuation.yield(": brief serve live reload\nretry: 1000\n\n")
        if let problems = snapshot.problems {
            continuation.yield(problems)
        } else if let knownGeneration, knownGeneration != snapshot.generation {
            continuation.yield(LiveReload.reloadEvent)
        }
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.forget(id) }
        }
        return (id, stream)
    }

    /// Ends one page's stream (its connection closed).
    func end(_ id: Int) {
        listeners.removeValue(forKey: id)?.finish()
    }

    /// Ends every open stream (on shutdown), so no response is left open.
    func close() {
        closed = true
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    var listenerCount: Int { listeners.count }

    private func forget(_ id: Int) {
        listeners[id] = nil
    }

    private func broadcast(_ event: String) {
        for continuation in listeners.values { continuation.yield(event) }
    }
}
