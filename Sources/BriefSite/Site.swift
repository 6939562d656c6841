import BriefCharts
import BriefData
import BriefDiagnostics
import Dispatch

/// What to build from where.
public struct BuildOptions: Sendable {
    public var contentDir: String
    public var templatesDir: String
    public var drafts: Bool

    public init(contentDir: String = "Content", templatesDir: String = "Templates", drafts: Bool = false) {
        self.contentDir = contentDir.hasSuffix("/") ? String(contentDir.dropLast()) : contentDir
        self.templatesDir = templatesDir.hasSuffix("/") ? String(templatesDir.dropLast()) : templatesDir
        self.drafts = drafts
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

    init(_ path: String, _ text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }
}

/// The result of a build: the site's files, or the problems that stopped it.
public struct BuildResult: Sendable {
    /// Sorted by path. Empty when the build has errors.
    public var outputs: [OutputFile]
    /// Sorted by location; each has its source line filled in.
    public var diagnostics: [Diagnostic]
    public var pageCount: Int
    public var chartCount: Int
    /// Things the summary should mention (e.g. no feed without base_url).
    public var notes: [String]

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// The build pipeline: read → parse → transform → render. Writing is a separate step.
public enum Site {
    public static func build(_ fs: FileSystem, options: BuildOptions = BuildOptions()) -> BuildResult {
        var diagnostics: [Diagnostic] = []
        let inputs = SiteInputs.load(from: fs, options: options, diagnostics: &diagnostics)
        guard let inputs, !diagnostics.hasErrors else {
            return failure(diagnostics, texts: inputs?.texts ?? [:], fs: fs)
        }
        var templates: TemplateSet?
        do {
            templates = try TemplateSet.load(inputs.templates, folder: options.templatesDir)
        } catch { diagnostics += error.diagnostics }
        guard let templates else { return failure(diagnostics, texts: inputs.texts, fs: fs) }

        var builder = SiteRenderer(inputs: inputs, templates: templates, fs: fs, options: options)
        let outputs = builder.render()
        diagnostics += builder.diagnostics
        if diagnostics.hasErrors { return failure(diagnostics, texts: inputs.texts, fs: fs) }
        return BuildResult(
            outputs: outputs.sorted { $0.path < $1.path },
            diagnostics: attachLines(diagnostics, texts: inputs.texts, fs: fs),
            pageCount: outputs.filter { $0.path.hasSuffix(".html") }.count,
            chartCount: builder.chartCount, notes: builder.notes)
    }

    static func failure(_ diagnostics: [Diagnostic], texts: [String: String], fs: FileSystem) -> BuildResult {
        BuildResult(outputs: [], diagnostics: attachLines(diagnostics, texts: texts, fs: fs), pageCount: 0, chartCount: 0, notes: [])
    }

    /// Fills in each diagnostic's source line from the text that was read.
    static func attachLines(_ diagnostics: [Diagnostic], texts: [String: String], fs: FileSystem) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sortedForOutput().compactMap { diagnostic in
            guard seen.insert(diagnostic).inserted else { return nil }
            var d = diagnostic
            if d.sourceLine == nil, let text = texts[d.location.path] {
                d.sourceLine = SourceText.line(d.location.line, of: text)
            }
            return d
        }
    }
}
