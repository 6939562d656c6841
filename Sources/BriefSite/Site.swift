import BriefCharts
import BriefData
import BriefDiagnostics
import Dispatch

/// What to build from where.
public struct BuildOptions: Sendable {
    public var contentDir: String
    public var templatesDir: String
    public var drafts: Bool
    /// The built-in theme (paths relative to the templates folder → bytes): used for every file
    /// the templates folder lacks, so a site may override one partial or none.
    public var builtinTemplates: [String: [UInt8]]
    /// `--base-url`: replaces site.yml's `base_url` (feed, sitemap, canonical links, `og:url`).
    public var baseURL: String?

    public init(contentDir: String = "Content", templatesDir: String = "Templates", drafts: Bool = false,
                builtinTemplates: [String: [UInt8]] = [:], baseURL: String? = nil) {
        self.contentDir = contentDir.hasSuffix("/") ? String(contentDir.dropLast()) : contentDir
        self.templatesDir = templatesDir.hasSuffix("/") ? String(templatesDir.dropLast()) : templatesDir
        self.drafts = drafts
        self.builtinTemplates = builtinTemplates
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// Why `url` cannot be a base URL, or nil when it can: an absolute http(s) URL with nothing
    /// an attribute would need to escape.
    public static func baseURLProblem(_ url: String) -> String? {
        let scheme = url.hasPrefix("https://") ? 8 : url.hasPrefix("http://") ? 7 : 0
        guard scheme > 0, url.count > scheme, !url.dropFirst(scheme).hasPrefix("/"),
              !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "'" || $0 == "#" || $0 == "?" || $0.isNewline })
        else { return "the base URL must be an absolute http(s) URL, like https://example.org/briefing/, not '\(url)'" }
        return nil
    }
}

/// One file of the built site.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, "/"-separated.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The result of a build: the site's files, or the problems that stopped it.
public struct BuildResult: Sendable {
    /// The files made by this build, sorted by path. Empty when the build has errors. A builder
    /// that keeps its outputs in memory returns every file; one that writes to disk returns only
    /// the files whose inputs changed, and lists the rest in `unchanged`.
    public var outputs: [OutputFile]
    /// Files identical to the previous build's, not re-rendered (their bytes are in the previous output).
    public var unchanged: [String] = []
    /// Files made by this build and written straight into the staging folder as they were made
    /// (not held in `outputs`), sorted.
    public var written: [String] = []
    /// Files of the previous build that this build no longer makes.
    public var removed: [String] = []
    /// Sorted by location; each has its source line filled in.
    public var diagnostics: [Diagnostic]
    public var pageCount: Int
    public var chartCount: Int
    /// How many outputs were rendered, and how many bodies (Markdown and charts) were rendered.
    public var renderedCount = 0
    public var bodiesRendered = 0
    /// Things the summary should mention (e.g. no feed without base_url).
    public var notes: [String]
    /// The content is what the previous build saw (or there was none), so the changes page says
    /// "no changes" and a build of the same inputs would make the same files again.
    public var contentUnchanged = false

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// A build that stopped at errors: no outputs, the diagnostics with their source lines.
    static func failure(_ diagnostics: [Diagnostic], texts: [String: String]) -> BuildResult {
        BuildResult(outputs: [], diagnostics: diagnostics.withSourceLines(texts), pageCount: 0, chartCount: 0, notes: [])
    }
}

extension [Diagnostic] {
    /// Sorted for printing, duplicates dropped, each with its source line filled in from the
    /// text that was read.
    func withSourceLines(_ texts: [String: String]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return sortedForOutput().compactMap { diagnostic in
            guard seen.insert(diagnostic).inserted else { return nil }
            var d = diagnostic
            if d.sourceLine == nil, let text = texts[d.location.path] {
                d.sourceLine = SourceText.line(d.location.line, of: text)
            }
            return d
        }
    }
}

/// A whole build in memory, for tests and `brief check`: `IncrementalBuilder.build` (the one
/// pipeline) from nothing, keeping every output file.
public enum Site {
    public static func build(_ fs: FileSystem, options: BuildOptions = BuildOptions()) -> BuildResult {
        IncrementalBuilder(fs: fs, options: options, keepOutputs: true).build()
    }
}
