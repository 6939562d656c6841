import BriefDiagnostics
import Foundation

/// What `brief diff` compares the working content with: the content of a git ref or of an
/// earlier output folder, reduced to what the change report needs.
public struct Baseline: Sendable {
    /// Names the base in the report ("origin/main", "Output-main/").
    public var name: String
    var snapshot: ContentSnapshot
    /// Brief slug + "#" + chart id → the chart's wide SVG drawing.
    var drawings: [String: String]
}

/// `brief diff`: the base's content, from a temporary git worktree or an earlier output folder.
public enum SiteDiff {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The output folder's copy of the content snapshot, read by `brief diff --base <folder>`.
    public static let manifestPath = Route.changesManifest.path

    /// Rows are kept in the published manifest for datasets up to this long; longer ones are
    /// compared by their hash only, so the manifest stays small.
    static let manifestRowLimit = 5_000

    /// Builds `ref` of the git repository holding `options.contentDir` in a temporary worktree
    /// (removed afterwards) and returns its content. Diagnostics of a base that does not build
    /// come back as notes: a base that fails is compared as an empty site.
    public static func baseline(gitRef ref: String, options: BuildOptions, notes: inout [String]) throws(Failure) -> Baseline {
        let content = URL(fileURLWithPath: options.contentDir).standardizedFileURL.resolvingSymlinksInPath().path
        let top = try git(["-C", content, "rev-parse", "--show-toplevel"]).trimmingSpaces
        let resolvedTop = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        func relative(_ path: String) -> String? {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if absolute == resolvedTop { return "." }
            return absolute.hasPrefix(resolvedTop + "/") ? String(absolute.dropFirst(resolvedTop.count + 1)) : nil
        }
        guard let contentPath = relative(options.contentDir) else {
            throw Failure(description: "\(options.contentDir) is not inside the git repository at \(top)")
        }
        _ = try git(["-C", top, "rev-parse", "--verify", "--quiet", ref + "^{commit}"], failure: "'\(ref)' is not a commit in \(top) (fetch it first: git fetch origin <branch>)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("brief-diff-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        _ = try git(["-C", top, "worktree", "add", "--detach", "--quiet", scratch, ref])
        defer {
            _ = try? git(["-C", top, "worktree", "remove", "--force", scratch])
            try? FileManager.default.removeItem(atPath: scratch)
            _ = try? git(["-C", top, "worktree", "prune"])
        }
        var baseOptions = options
        baseOptions.contentDir = scratch + "/" + contentPath
        if let templates = relative(options.templatesDir) { baseOptions.templatesDir = scratch + "/" + templates }
        let builder = IncrementalBuilder(fs: .disk("/"), options: Self.absolute(baseOptions), keepOutputs: true)
        builder.collectDrawings = true
        let result = builder.build(clean: true)
        if !result.succeeded {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            notes.append("the base (\(ref)) does not build (\(errors) error(s)); everything is listed as added")
            return Baseline(name: ref, snapshot: ContentSnapshot(), drawings: [:])
        }
        return Baseline(name: ref, snapshot: builder.manifest.content ?? ContentSnapshot(), drawings: builder.drawings)
    }

    /// The content an earlier output folder was built from: its `changes/manifest.json` and the
    /// chart drawings on its brief pages.
    public static func baseline(folder: String) throws(Failure) -> Baseline {
        let path = folder + "/" + manifestPath
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(folder) has no \(manifestPath): give an output folder written by brief build, or a git ref")
        }
        let snapshot: ContentSnapshot
        do { snapshot = try JSONDecoder().decode(ContentSnapshot.self, from: data) } catch {
            throw Failure(description: "\(path) is not a manifest brief build wrote (\(error))")
        }
        var drawings: [String: String] = [:]
        for (slug, brief) in snapshot.briefs {
            guard let html = FileManager.default.contents(atPath: folder + "/" + Route.brief(slug).path) else { continue }
            let text = String(decoding: html, as: UTF8.self)
            for chart in brief.charts {
                let id = ChangeReport.localID(chart.id)
                if let svg = Self.drawing(id: id, in: text) { drawings[slug + "#" + id] = svg }
            }
        }
        return Baseline(name: folder, snapshot: snapshot, drawings: drawings)
    }

    /// A manifest for publishing: the snapshot with row hashes only for shorter datasets.
    static func manifest(_ snapshot: ContentSnapshot) -> [UInt8] {
        var published = snapshot
        for (name, d) in published.datasets where d.rows.count > manifestRowLimit {
            published.datasets[name]?.rows = []
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // `<`, `>` and `&` as JSON escapes: no published file carries a raw angle bracket from
        // content (LoneAngleBracketTests), and JSON syntax has none of its own.
        let json = String(decoding: (try? encoder.encode(published)) ?? Data("{}".utf8), as: UTF8.self)
        return Array(json.replacingBytes("<", with: "\\u003c").replacingBytes(">", with: "\\u003e")
            .replacingBytes("&", with: "\\u0026").utf8) + [0x0A]
    }

    /// The first wide chart drawing after `id="<id>"` in `html`.
    static func drawing(id: String, in html: String) -> String? {
        let b = Array(html.utf8)
        let anchor = Array("id=\"\(id)\"".utf8)
        guard let at = firstOffset(of: anchor, in: b, from: 0),
              let open = firstOffset(of: Array("<svg".utf8), in: b, from: at),
              let close = firstOffset(of: Array("</svg>".utf8), in: b, from: open)
        else { return nil }
        return String(decoding: b[open..<(close + 6)], as: UTF8.self)
    }

    /// Each brief's charts, from the bodies of a build: slug + "#" + id → SVG.
    static func drawings(briefs: [Brief], bodies: [RenderedBody]) -> [String: String] {
        var out: [String: String] = [:]
        for (brief, body) in zip(briefs, bodies) where !body.charts.isEmpty {
            let html = body.html(root: Route.brief(brief.slug).root)
            for chart in body.charts {
                let id = ChangeReport.localID(chart.id)
                if let svg = drawing(id: id, in: html) { out[brief.slug + "#" + id] = svg }
            }
        }
        return out
    }


    static func absolute(_ options: BuildOptions) -> BuildOptions {
        var o = options
        func abs(_ p: String) -> String { p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p }
        o.contentDir = abs(o.contentDir)
        o.templatesDir = abs(o.templatesDir)
        return o
    }

    /// Runs git; its standard output, or a failure with its message.
    @discardableResult
    static func git(_ arguments: [String], failure: String? = nil) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw Failure(description: "cannot run git: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: failure ?? "git \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self).trimmingSpaces)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Prefixes every id an SVG defines and every reference to one, so two drawings of one chart
/// can stand on one page.
enum SVGIDs {
    static func prefix(_ svg: String, with prefix: String) -> String {
        var s = svg
        for (open, separator) in [("id=\"", false), ("url(#", false), ("href=\"#", false),
                                  ("aria-labelledby=\"", true), ("aria-describedby=\"", true)] {
            s = rewrite(s, after: open, prefix: prefix, list: separator)
        }
        return s
    }

    private static func rewrite(_ s: String, after open: String, prefix: String, list: Bool) -> String {
        let b = Array(s.utf8), o = Array(open.utf8), p = Array(prefix.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 256)
        var i = 0
        while i < b.count {
            if b[i] == o[0], i + o.count <= b.count, b[i..<(i + o.count)].elementsEqual(o),
               i == 0 || b[i - 1] == 0x20 || b[i - 1] == 0x3A || open.hasPrefix("url") {
                out += o
                i += o.count
                out += p
                if list {
                    while i < b.count, b[i] != 0x22 {
                        out.append(b[i])
                        if b[i] == 0x20, i + 1 < b.count, b[i + 1] != 0x20, b[i + 1] != 0x22 { out += p }
                        i += 1
                    }
                }
                continue
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
