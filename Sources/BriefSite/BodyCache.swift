import BriefDiagnostics
import Dispatch

/// One Markdown body to render: a brief or a page.
struct BodyJob: Sendable {
    /// "briefs/x" or "pages/y": also the cache key.
    var key: String
    var markdown: String
    var path: String
    var folder: String
    var page: String

    /// Everything about the job itself that the rendered body depends on.
    var sourceHash: StableHash {
        var h = StableHash()
        for part in [markdown, path, folder, page] { h.add(part) }
        return h
    }
}

/// Rendered bodies kept between builds. An entry is reused only when its Markdown, its render
/// settings and every dataset and link target it looked at are unchanged; bodies with errors are
/// never kept. This is what makes an incremental body equal a clean one by construction.
final class BodyCache: @unchecked Sendable {
    struct Entry: Codable, Sendable {
        var source: StableHash
        /// Dependency → its hash when the body was rendered ("data:x" → dataset hash, "briefs/y" → "1").
        var dependencies: [String: String]
        var body: RenderedBody
    }

    private(set) var entries: [String: Entry]
    /// How many bodies the last `bodies(for:)` call rendered (the rest came from the cache).
    private(set) var renderedCount = 0

    init(entries: [String: Entry] = [:]) { self.entries = entries }

    func bodies(
        for jobs: [BodyJob], renderer: BodyRenderer, dependencies current: [String: String], progress: BuildProgress? = nil
    ) -> [RenderedBody] {
        let results = ParallelSlots<RenderedBody>(count: jobs.count)
        var todo: [Int] = []
        for (i, job) in jobs.enumerated() {
            if let entry = entries[job.key], entry.source == job.sourceHash,
               entry.dependencies.allSatisfy({ current[$0.key] == $0.value }) {
                results[i] = entry.body
            } else {
                todo.append(i)
            }
        }
        let pending = todo
        progress?.startBodies(pending.count)
        DispatchQueue.concurrentPerform(iterations: pending.count) { n in
            let job = jobs[pending[n]]
            let body = renderer.render(job.markdown, path: job.path, ownFolder: job.folder, page: job.page)
            results[pending[n]] = body
            progress?.finishedBody(charts: body.chartCount)
        }
        renderedCount = todo.count
        var next: [String: Entry] = [:]
        let bodies = results.values
        for (i, job) in jobs.enumerated() where !bodies[i].diagnostics.hasErrors {
            var deps: [String: String] = [:]
            for name in bodies[i].datasets { deps["data:" + name] = current["data:" + name] ?? "-" }
            for link in bodies[i].links { deps[link] = current[link] ?? "-" }
            // Citations, and `@word` that might become one, read the bibliography.
            deps["bib"] = current["bib"] ?? "-"
            next[job.key] = Entry(source: job.sourceHash, dependencies: deps, body: bodies[i])
        }
        entries = next
        return bodies
    }
}

/// One output of the build: where it goes, the key of all it is made from, and how to make it.
struct PlannedOutput: @unchecked Sendable {
    var path: String
    var key: StableHash
    var make: () -> [UInt8]
}

/// Carries a template context (a [String: Any], which Swift cannot prove thread-safe) to the
/// thread that renders it. The context is never mutated after it is boxed.
final class ContextBox: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}
