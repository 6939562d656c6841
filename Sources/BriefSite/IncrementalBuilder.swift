import BriefCharts
import BriefData
import BriefDiagnostics
import Dispatch
import Foundation

/// Builds a site again and again, re-rendering only what changed: a body when its Markdown or a
/// dataset or link target it used changed, a page when its template context or templates changed.
/// Everything else is reused. Every decision compares hashes of the actual inputs, so an
/// incremental build makes the same bytes as a clean one by construction (and the oracle test
/// checks it).
public final class IncrementalBuilder: @unchecked Sendable {
    let fs: FileSystem
    let options: BuildOptions
    /// Keep every output's bytes between builds (serve, tests), rather than leave them on disk.
    let keepOutputs: Bool
    var bodyCache = BodyCache()
    var frontMatter = FrontMatterCache()
    var manifest = Manifest()
    var kept: [String: [UInt8]] = [:]
    /// `brief diff`: what the changes page compares against instead of the previous build.
    public var baseline: Baseline?
    /// Keep each chart's drawing of the last build (a `brief diff` base).
    var collectDrawings = false
    var drawings: [String: String] = [:]
    /// Live counts of the build under way.
    public let progress = BuildProgress()

    /// The change report of the last build with a `baseline`.
    var lastReport: ChangeReport?

    /// The last `brief diff` build's report as Markdown (nil before one).
    public func reportMarkdown() -> String? {
        guard let lastReport, let baseline else { return nil }
        return lastReport.markdown(base: baseline.name, siteURL: lastSiteURL, text: lastText)
    }
    var lastSiteURL: String?
    /// The site's language, for the report's reasons.
    var lastText = InterfaceText.placeholder
    /// The last build's datasets, the texts it read and, per dataset, the briefs using it
    /// (`brief check --stale`).
    var lastDatasets: [String: Dataset] = [:]
    var lastTexts: [String: String] = [:]
    var lastUsage: [String: [String]] = [:]

    public init(fs: FileSystem, options: BuildOptions, keepOutputs: Bool) {
        self.fs = fs.withFallback(options.builtinTemplates, under: options.templatesDir)
        self.options = options
        self.keepOutputs = keepOutputs
    }

    /// Builds; with `clean`, ignores everything kept from earlier builds except the content
    /// snapshot the changes page compares against. With `staging` (and not `keepOutputs`), each
    /// file is written there as soon as it is made instead of being returned in `outputs`, so
    /// the build never holds the whole site in memory.
    public func build(clean: Bool = false, staging: OutputStaging? = nil) -> BuildResult {
        var diagnostics: [Diagnostic] = []
        if clean { frontMatter = FrontMatterCache() }
        let inputs = SiteInputs.load(from: fs, options: options, frontMatter: frontMatter, diagnostics: &diagnostics)
        frontMatter.finishBuild()
        guard let inputs, !diagnostics.hasErrors else { return BuildResult.failure(diagnostics, texts: inputs?.texts ?? [:]) }
        var templates: TemplateSet?
        do {
            templates = try TemplateSet.load(inputs.templates, folder: options.templatesDir)
        } catch { diagnostics += error.diagnostics }
        guard let templates else { return BuildResult.failure(diagnostics, texts: inputs.texts) }

        if clean { bodyCache = BodyCache() }
        // One renderer per language: the default language at the root, the others in their folders.
        let editions = inputs.editions
        var pagePaths: [String: Set<Route>] = [:]
        for edition in editions {
            pagePaths[edition.code] = Edition.pagePaths(inputs, edition: edition, drafts: options.drafts)
        }
        var renderer = SiteRenderer(inputs: inputs, templates: templates, options: options,
                                    edition: editions[0], editions: editions)
        renderer.pagePaths = pagePaths
        for edition in editions.dropFirst() {
            renderer.otherRoutes += (pagePaths[edition.code] ?? []).map { edition.route($0) }
            for b in inputs.briefTranslations[edition.code] ?? [] {
                renderer.otherDates[edition.route(.brief(b.slug))] = b.date
            }
        }
        // Per edition, default language first: check, render bodies, plan.
        diagnostics += renderer.check()
        if diagnostics.hasErrors { return BuildResult.failure(diagnostics, texts: inputs.texts) }
        let bodies = renderer.renderBodies(cache: bodyCache, progress: progress)
        diagnostics += bodies.diagnostics
        if diagnostics.hasErrors { return BuildResult.failure(diagnostics, texts: inputs.texts) }
        let plan = renderer.plan(bodies)
        var plans = plan.outputs
        diagnostics += plan.diagnostics
        var chartCount = plan.chartCount
        for edition in editions.dropFirst() where !diagnostics.hasErrors {
            var translated = SiteRenderer(inputs: inputs, templates: templates, options: options,
                                          edition: edition, editions: editions)
            translated.pagePaths = pagePaths
            translated.originalHeadingIDs = bodies.byKey.mapValues { $0.headings.map(\.id) }
            diagnostics += translated.check()
            if diagnostics.hasErrors { break }
            let translatedBodies = translated.renderBodies(cache: bodyCache, progress: progress)
            diagnostics += translatedBodies.diagnostics
            if diagnostics.hasErrors { break }
            let made = translated.plan(translatedBodies)
            plans += made.outputs
            diagnostics += made.diagnostics
            chartCount += made.chartCount
        }
        if diagnostics.hasErrors { return BuildResult.failure(diagnostics, texts: inputs.texts) }

        let snapshot = ContentSnapshot(inputs: inputs, briefs: plan.briefs, bodies: plan.bodies)
        let contentUnchanged = manifest.content.map { $0 == snapshot } ?? true
        lastDatasets = inputs.datasets
        lastTexts = inputs.texts
        lastUsage = [:]
        for (brief, body) in zip(plan.briefs, plan.bodies) {
            for name in body.datasets { lastUsage[name, default: []].append(brief.path) }
        }
        if collectDrawings || baseline != nil {
            drawings = SiteDiff.drawings(briefs: plan.briefs, bodies: plan.bodies)
        }
        if let baseline {
            plans.append(renderer.changesPage(previous: baseline.snapshot, current: snapshot, against: baseline.name,
                                              drawings: (baseline.drawings, drawings)))
            lastReport = ChangeReport(before: baseline.snapshot, now: snapshot)
            lastSiteURL = inputs.config.baseURL
            lastText = renderer.text
        } else {
            plans.append(renderer.changesPage(previous: manifest.content, current: snapshot))
        }
        // The snapshot travels with the site, so `brief diff --base <folder>` can compare with it.
        let published = SiteDiff.manifest(snapshot)
        plans.append(PlannedOutput(route: .changesManifest, key: StableHash.of(String(decoding: published, as: UTF8.self))) { published })

        // Render what changed, in parallel; reuse the rest.
        let previousKeys = clean ? [:] : manifest.outputs
        let todo = plans.indices.filter { previousKeys[plans[$0].path] != plans[$0].key.description || (keepOutputs && kept[plans[$0].path] == nil) }
        let stream = keepOutputs ? nil : staging
        let made = ParallelSlots<[UInt8]>(count: stream == nil ? todo.count : 0)
        let planned = plans
        let progress = self.progress
        progress.startOutputs(todo.count)
        DispatchQueue.concurrentPerform(iterations: todo.count) { n in
            let plan = planned[todo[n]]
            if let stream {
                stream.write(plan.path, plan.make())
            } else {
                made[n] = plan.make()
            }
            progress.finishedOutput()
        }
        var outputs: [OutputFile] = []
        if stream == nil {
            let madeBytes = made.values
            for (n, index) in todo.enumerated() {
                outputs.append(OutputFile(path: plans[index].path, bytes: madeBytes[n]))
            }
        }
        let rendered = Set(todo.map { plans[$0].path })
        let unchanged = plans.map(\.path).filter { !rendered.contains($0) }.sorted()
        let current = Set(plans.map(\.path))
        let removed = manifest.outputs.keys.filter { !current.contains($0) }.sorted()

        var next = Manifest()
        next.outputs = Dictionary(uniqueKeysWithValues: plans.map { ($0.path, $0.key.description) })
        next.content = snapshot
        manifest = next
        if keepOutputs {
            for file in outputs { kept[file.path] = file.bytes }
            for path in removed { kept[path] = nil }
            outputs += unchanged.compactMap { path in kept[path].map { OutputFile(path: path, bytes: $0) } }
        }
        var result = BuildResult(
            outputs: outputs.sorted { $0.path < $1.path },
            unchanged: keepOutputs ? [] : unchanged, removed: removed,
            diagnostics: diagnostics.withSourceLines(inputs.texts),
            pageCount: plans.filter { $0.path.hasSuffix(".html") }.count, chartCount: chartCount,
            renderedCount: todo.count, bodiesRendered: bodyCache.renderedCount, notes: plan.notes)
        result.contentUnchanged = contentUnchanged
        if stream != nil { result.written = todo.map { plans[$0].path }.sorted() }
        return result
    }

    // MARK: Persistence

    /// The cache folder of an output folder: `.brief-cache/<name>` beside it, so two output
    /// folders built from one working folder never share (and overwrite) one cache.
    public static func defaultCache(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let name = url.lastPathComponent.isEmpty ? "Output" : url.lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(".brief-cache").appendingPathComponent(name).path
    }

    /// The absolute, symlink-free path of `output`, as the cache records its owner.
    static func owner(_ output: String) -> String {
        URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Restores what a previous process kept in `folder` (a missing or unreadable cache is empty)
    /// when it was kept for the output folder `output` (nil: any).
    /// `outputExists(path, key)` says whether the previous output file is still in place.
    public func restore(from folder: String, for output: String? = nil, outputExists: (String) -> Bool) {
        if let output {
            // A cache made for another output folder describes files that are not in this one.
            guard let owner = FileManager.default.contents(atPath: folder + "/owner"),
                  String(decoding: owner, as: UTF8.self) == Self.owner(output) else { return }
        }
        guard let data = FileManager.default.contents(atPath: folder + "/cache.bin"),
              let stored = StoredCache.decode(Array(data)), stored.fingerprint == Self.fingerprint
        else { return }
        manifest = stored.manifest
        manifest.outputs = manifest.outputs.filter { outputExists($0.key) }
        bodyCache = BodyCache(entries: stored.bodies)
        frontMatter = FrontMatterCache(entries: stored.frontMatter)
    }

    /// Keeps the state of the last successful build in `folder`, for the next process.
    public func save(to folder: String, for output: String? = nil) throws {
        let stored = StoredCache(format: StoredCache.currentFormat, fingerprint: Self.fingerprint,
                                 manifest: manifest, bodies: bodyCache.entries, frontMatter: frontMatter.entries)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/cache.bin.tmp-\(getpid())"
        try Data(stored.encoded()).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, folder + "/cache.bin") == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
        try? FileManager.default.removeItem(atPath: folder + "/manifest.json")
        if let output {
            try Data(Self.owner(output).utf8).write(to: URL(fileURLWithPath: folder + "/owner"), options: .atomic)
        } else {
            try? FileManager.default.removeItem(atPath: folder + "/owner")
        }
    }

    /// Identifies the program that made a cache: a different build of brief renders differently,
    /// so its cache is not trusted.
    static let fingerprint: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
    }()
}

/// Output keys of the last build and the content the changes page compares against.
struct Manifest: Codable, Sendable {
    /// Output path → key of everything it was made from.
    var outputs: [String: String] = [:]
    var content: ContentSnapshot?
}

/// Everything a build keeps for the next process (see CacheCoder.swift for its file format).
struct StoredCache {
    static let currentFormat = 5
    var format: Int
    var fingerprint: String
    var manifest: Manifest
    var bodies: [String: BodyCache.Entry]
    var frontMatter: [String: FrontMatterCache.Fields]
}
