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
    /// The site-wide render settings (`BodyRenderer.settingsKey`).
    var settings: String = ""

    /// Everything about the job itself that the rendered body depends on.
    var sourceHash: StableHash {
        var h = StableHash()
        for part in [markdown, path, folder, page, settings] { h.add(part) }
        return h
    }
}

/// Rendered bodies kept between builds. An entry is reused only when its Markdown, its render
/// settings and every dataset and link target it looked at are unchanged; bodies with errors are
/// never kept. This is what makes an incremental body equal a clean one by construction.
extension BodyRenderer {
    /// The site.yml settings a body's HTML depends on, as part of its cache key.
    var settingsKey: String {
        // The language file's text reaches bodies (chart descriptions, figure labels, dates).
        var h = StableHash()
        for key in text.strings.keys.sorted() { h.add(key); h.add(text.strings[key] ?? "") }
        h.add(text.months.joined(separator: "|"))
        h.add(text.shortMonths.joined(separator: "|"))
        h.add("\(text.code) \(text.digits.rawValue) \(text.grouping.rawValue) \(text.dateFormat) \(text.monthFormat) \(languageCode)")
        h.add(translated.sorted().joined(separator: "|"))
        for key in originalHeadingIDs.keys.sorted() { h.add(key); h.add(originalHeadingIDs[key]?.joined(separator: " ") ?? "") }
        return (smartPunctuation ? "" : "smart_punctuation=false") + "|" + h.description
    }
}

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
        for jobs: [BodyJob], renderer: BodyRenderer, dependencies current: [String: String], scope: String = "",
        progress: BuildProgress? = nil
    ) -> [RenderedBody] {
        let results = ParallelSlots<RenderedBody>(count: jobs.count)
        var todo: [Int] = []
        for (i, job) in jobs.enumerated() {
            if let entry = entries[job.key], entry.source == job.sourceHash,
               // A target missing now reads as "-", as it was recorded when it was missing then.
               entry.dependencies.allSatisfy({ (current[$0.key] ?? "-") == $0.value }) {
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
        renderedCount = scope.isEmpty ? todo.count : renderedCount + todo.count
        // Bodies of the other languages are kept: each language's renderer asks for its own
        // ("briefs/x" for the default language, "ur:briefs/x" for Urdu).
        var next: [String: Entry] = entries.filter { key, _ in
            scope.isEmpty ? key.contains(":") : !key.hasPrefix(scope)
        }
        let bodies = results.values
        for (i, job) in jobs.enumerated() where !bodies[i].diagnostics.hasErrors {
            var deps: [String: String] = [:]
            for name in bodies[i].datasets {
                let key = Dependency.dataset(name).key
                deps[key] = current[key] ?? "-"
            }
            for link in bodies[i].links { deps[link] = current[link] ?? "-" }
            // Citations, and `@word` that might become one, read the bibliography; a body with
            // no `@` cannot cite.
            if job.markdown.utf8.contains(UInt8(ascii: "@")) {
                let key = Dependency.bibliography.key
                deps[key] = current[key] ?? "-"
            }
            next[job.key] = Entry(source: job.sourceHash, dependencies: deps, body: bodies[i])
        }
        entries = next
        return bodies
    }
}

/// One output of the build: where it goes, the key of all it is made from, and how to make it.
struct PlannedOutput: @unchecked Sendable {
    var route: Route
    var key: StableHash
    var make: () -> [UInt8]
    var path: String { route.path }
}

/// Carries a template context (a [String: Any], which Swift cannot prove thread-safe) to the
/// thread that renders it. The context is never mutated after it is boxed.
final class ContextBox: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}
