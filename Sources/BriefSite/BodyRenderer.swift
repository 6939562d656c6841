import BriefCharts
import BriefData
import BriefDiagnostics
import BriefMarkdown

/// A brief's or page's Markdown turned into HTML, with what the page around it needs.
struct RenderedBody: Sendable, Codable {
    struct Heading: Sendable, Codable {
        var level: Int
        var text: String
        var id: String
    }

    var html: String
    var headings: [Heading]
    /// Names of the datasets the body draws on, in first-use order.
    var datasets: [String]
    /// The body's distinct words, lowercased, for the search index.
    var searchWords: String
    /// Hash of `html`, so pages can be keyed by it without hashing the HTML again.
    var contentHash: StableHash = StableHash()
    var wordCount: Int
    var chartCount: Int
    /// Problems found; a body with errors is never cached, so this is not stored.
    var diagnostics: [Diagnostic] = []
    /// Every element id the body defines (headings, figures).
    var ids: [String] = []
    /// Links with a `#fragment`, to check once every page's ids are known.
    var anchors: [AnchorLink] = []
    /// Site paths the body's links were checked against ("briefs/x", "pages/y", "assets/z"):
    /// with `datasets`, everything outside the Markdown that the result depends on.
    var links: [String] = []
    /// The charts drawn, for the changes page.
    var charts: [ChartRecord] = []
    /// The figures cited in prose, for the changes page.
    var figures: [FigureRecord] = []

    /// The HTML as it appears on a page whose path to the site root is `root` ("../../"), with
    /// every id the body defines prefixed by `idPrefix` (unique per page in the book).
    func html(root: String, idPrefix: String = "") -> String {
        BodyToken.fill(html, root: root, idPrefix: idPrefix)
    }

    /// The same, made only when a template renders it, and keyed without hashing the HTML.
    func fragment(root: String, idPrefix: String = "") -> HTMLFragment {
        var key = contentHash
        key.add(root)
        key.add(idPrefix)
        return HTMLFragment(key: key, html: html, root: root, idPrefix: idPrefix)
    }

    enum CodingKeys: String, CodingKey {
        case html, headings, datasets, searchWords, contentHash, wordCount, chartCount, ids, anchors, links, charts, figures
    }
}

/// A chart as drawn: enough to tell, next build, whether its spec or data changed.
struct ChartRecord: Sendable, Hashable, Codable {
    var id: String
    var title: String
    var dataset: String
    var specHash: String
}

/// A figure cited in prose (`@dataset.column[key]`) and the text it resolved to.
struct FigureRecord: Sendable, Hashable, Codable {
    var reference: String
    var value: String
}

/// Placeholders a rendered body carries for what differs between the pages that show it.
/// ASCII that cmark's URL escaping keeps as it is; if an author writes one in text, it is filled
/// in like the rest, which changes nothing but that text.
enum BodyToken {
    static let root = "@@brief-root@@/"
    static let id = "@@brief-id@@"

    static func fill(_ html: String, root: String, idPrefix: String) -> String {
        var out: [UInt8] = []
        fill(html, root: root, idPrefix: idPrefix, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `html` to `out` with the placeholders filled.
    static func fill(_ html: String, root: String, idPrefix: String, into out: inout [UInt8]) {
        var copy = html
        copy.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 256)
            let rootToken = Array(Self.root.utf8), idToken = Array(Self.id.utf8)
            let rootBytes = Array(root.utf8), idBytes = Array(idPrefix.utf8)
            var start = 0, i = 0
            while i < bytes.count {
                if bytes[i] == 0x40, i + 1 < bytes.count, bytes[i + 1] == 0x40 {
                    let rest = bytes[i...]
                    if rest.starts(with: rootToken) {
                        out.append(contentsOf: bytes[start..<i]); out += rootBytes
                        i += rootToken.count; start = i
                        continue
                    }
                    if rest.starts(with: idToken) {
                        out.append(contentsOf: bytes[start..<i]); out += idBytes
                        i += idToken.count; start = i
                        continue
                    }
                }
                i += 1
            }
            out.append(contentsOf: bytes[start..<bytes.count])
        }
    }
}

/// A link to `page#fragment` ("briefs/x", "pages/y"), from `location`.
struct AnchorLink: Sendable, Hashable, Codable {
    var page: String
    var fragment: String
    var location: SourceLocation
}

/// Renders Markdown bodies: chart and table blocks, figures in prose, links between briefs,
/// heading ids. Pure: reads nothing but its arguments.
struct BodyRenderer {
    let datasets: [String: Dataset]
    let briefSlugs: Set<String>
    let pageSlugs: Set<String>
    /// Briefs left out of this build (drafts without --drafts): links to them are errors.
    let draftSlugs: Set<String>
    /// Files under Content/assets/, as "assets/<path>".
    let assets: Set<String>
    /// site.yml's `smart_punctuation` (curly quotes and dashes from `--`/`---`).
    var smartPunctuation = true

    /// Renders once for every place the body appears: links start with `BodyToken.root` and ids
    /// with `BodyToken.id`, which `RenderedBody.html(root:idPrefix:)` fills in per page (the brief's
    /// own page, the book). `page` is the page's key ("briefs/x"), for links to its own anchors.
    func render(_ markdown: String, path: String, ownFolder: String, page: String) -> RenderedBody {
        if let refusal = Self.excessiveBrackets(markdown, path: path) {
            return RenderedBody(html: "", headings: [], datasets: [], searchWords: "", wordCount: 0, chartCount: 0,
                                diagnostics: [refusal])
        }
        let root = BodyToken.root
        let idPrefix = BodyToken.id
        let document = MarkdownDocument(markdown, smartPunctuation: smartPunctuation)
        let plain = document.plainText()
        var diagnostics: [Diagnostic] = []
        var used: [String] = []
        var headings: [RenderedBody.Heading] = []
        var nextSuffix: [String: Int] = [:]
        var ids = Set<String>(["main", "content", "toc", "toc-title", "search", "search-input", "search-results", "top", "sources", "sources-title", "key-figures-title", "briefs-title", "book-contents-title"])
        var chartCount = 0
        var figureNumber = 0
        var anchors: [AnchorLink] = []
        var links = Set<String>()
        var charts: [ChartRecord] = []
        var figures: [FigureRecord] = []

        func use(_ name: String) { if !used.contains(name) { used.append(name) } }
        func datasetLinks(_ name: String) -> (page: String, csv: String) {
            (root + "data/\(name)/index.html", root + "data/\(name).csv")
        }

        for element in document.elements() {
            let location = SourceLocation(path: path, line: element.line, column: element.column)
            switch element.kind {
            case .codeBlock(let info, let literal):
                let word = info.split(separator: " ").first.map(String.init) ?? ""
                guard word == "chart" || word == "table" else { continue }
                // The spec starts on the line after the fence, indented like the fence.
                let spec: YAMLNode
                do {
                    spec = try YAMLReader.parse(literal, path: path, firstLine: element.line + 1,
                                                columnOffset: element.column - 1)
                } catch {
                    diagnostics += error.diagnostics
                    continue
                }
                figureNumber += 1
                let id = "\(idPrefix)\(word)-\(figureNumber)"
                ids.insert("\(word)-\(figureNumber)")
                do {
                    if word == "chart" {
                        let chart = try ChartSpec.decode(spec, datasets: datasets)
                        guard let dataset = datasets[chart.dataset] else { continue }
                        use(chart.dataset)
                        let l = datasetLinks(chart.dataset)
                        let html = ChartRenderer.figure(
                            chart, dataset: dataset, context: FigureContext(id: id, datasetHref: l.page, downloadHref: l.csv))
                        document.replaceBlock(element, withHTML: html + "\n")
                        chartCount += 1
                        charts.append(ChartRecord(id: id, title: chart.title, dataset: chart.dataset,
                                                  specHash: StableHash.of(literal).description))
                    } else {
                        let table = try TableSpec.decode(spec, datasets: datasets)
                        guard let dataset = datasets[table.dataset] else { continue }
                        use(table.dataset)
                        let l = datasetLinks(table.dataset)
                        let html = TableRenderer.figure(
                            table, dataset: dataset, context: FigureContext(id: id, datasetHref: l.page, downloadHref: l.csv))
                        document.replaceBlock(element, withHTML: html + "\n")
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            case .codeSpan(let literal):
                guard literal.hasPrefix("@") else { continue }
                if literal.hasPrefix("@@") {
                    document.replaceInline(element, withHTML: "<code>" + escapeHTML(String(literal.dropFirst())) + "</code>")
                    continue
                }
                switch resolveFigure(String(literal.dropFirst()), at: location) {
                case .success(let figure):
                    use(figure.dataset)
                    figures.append(FigureRecord(reference: String(literal.dropFirst()), value: figure.text))
                    let href = datasetLinks(figure.dataset).page
                    document.replaceInline(element, withHTML:
                        "<a class=\"datum\" href=\"\(escapeHTML(href))\" title=\"\(escapeHTML(figure.title))\">\(escapeHTML(figure.text))</a>")
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                }
            case .link(let url, let isImage, let text):
                if !isImage, url.hasPrefix("#"), url.count > 1 {
                    let fragment = Slug.make(String(url.dropFirst()))
                    anchors.append(AnchorLink(page: page, fragment: fragment, location: location))
                    document.setURL(element, "#" + idPrefix + fragment)
                    continue
                }
                if isImage, text.trimmingSpaces.isEmpty {
                    diagnostics.append(.error(at: location, "image has no alt text; describe it in ![…](\(url))"))
                }
                if let asset = assetPath(url, folder: ownFolder) {
                    links.insert(asset.path)
                    if assets.contains(asset.path) {
                        document.setURL(element, root + asset.path + asset.suffix)
                    } else {
                        diagnostics.append(.error(at: location, "link to a missing file '\(url)' (files to publish go in Content/assets/)",
                                                  hint: Suggestion.hint(for: asset.path, in: Array(assets))))
                    }
                    continue
                }
                guard !isImage, let target = internalTarget(url) else { continue }
                switch target {
                case .brief(let slug, let fragment), .page(let slug, let fragment):
                    var isBrief = false
                    if case .brief = target { isBrief = true }
                    let exists = isBrief ? briefSlugs.contains(slug) : pageSlugs.contains(slug)
                    links.insert((isBrief ? "briefs/" : "pages/") + slug)
                    if !exists {
                        let candidates = Array(isBrief ? briefSlugs : pageSlugs).map { $0 + ".md" }
                        let message = isBrief && draftSlugs.contains(slug)
                            ? "link to '\(url)', a draft that is not published in this build"
                            : "link to a missing \(isBrief ? "brief" : "page") '\(url)'"
                        diagnostics.append(.error(at: location, message, hint: Suggestion.hint(for: slug + ".md", in: candidates)))
                        continue
                    }
                    let folder = isBrief ? "briefs" : "pages"
                    document.setURL(element, root + "\(folder)/\(slug)/index.html" + fragment)
                    if fragment.count > 1 {
                        anchors.append(AnchorLink(page: "\(folder)/\(slug)", fragment: String(fragment.dropFirst()), location: location))
                    }
                }
            case .heading(let level, let rawText):
                let text = rawText.trimmingSpaces
                var base = Slug.make(text)
                if base.isEmpty { base = "section" }
                var id = base
                // Resume numbering where this base left off: 50,000 headings with one text must
                // not cost 50,000² lookups.
                var n = nextSuffix[base] ?? 2
                while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
                nextSuffix[base] = n
                ids.insert(id)
                document.setHeadingID(element, idPrefix + id)
                headings.append(.init(level: level, text: text, id: id))
            }
        }
        let html = document.renderHTML()
        return RenderedBody(
            html: html, headings: headings, datasets: used, searchWords: Self.distinctWords(plain),
            contentHash: StableHash.of(html),
            wordCount: Self.countWords(plain), chartCount: chartCount, diagnostics: diagnostics,
            ids: ids.sorted(), anchors: anchors, links: links.sorted(), charts: charts, figures: figures)
    }

    enum InternalTarget {
        case brief(String, fragment: String)
        case page(String, fragment: String)
    }

    /// A link to another Markdown file of the site (`other.md`, `../pages/about.md#x`), or nil.
    func internalTarget(_ url: String) -> InternalTarget? {
        var path = Substring(url)
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = path[..<hash]
        }
        guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/") else { return nil }
        var parts = path.split(separator: "/").map(String.init)
        parts.removeAll { $0 == "." }
        guard let file = parts.last else { return nil }
        let slug = String(file.dropLast(3))
        let folder = parts.dropLast().last { $0 != ".." }
        // Fragments are restricted to id characters so a rewritten link cannot carry anything else.
        let safeFragment = fragment.isEmpty ? "" : "#" + Slug.make(String(fragment.dropFirst()))
        if folder == "pages" { return .page(slug, fragment: safeFragment) }
        return .brief(slug, fragment: safeFragment)
    }

    /// A relative link to a file that is not Markdown (`../assets/x.png`), resolved against the
    /// Markdown file's folder inside the content folder; nil for URLs with a scheme, absolute
    /// paths, fragments and .md links.
    func assetPath(_ url: String, folder: String) -> (path: String, suffix: String)? {
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.hasPrefix("?") else { return nil }
        var path = Substring(url)
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[cut...])
            path = path[..<cut]
        }
        // A scheme ("https:", "mailto:") comes before any "/".
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
        guard !path.hasSuffix(".md") else { return nil }
        var parts = folder.split(separator: "/").map(String.init)
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return ("../" + path, suffix) }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        let resolved = parts.joined(separator: "/")
        let safeSuffix = String(suffix.unicodeScalars.filter { $0.value > 0x20 && $0 != "\"" && $0 != "<" && $0 != ">" })
        return (resolved, safeSuffix)
    }

    struct ResolvedFigure {
        var dataset: String
        var text: String
        var title: String
    }

    /// Resolves `dataset.column[key]|format`.
    func resolveFigure(_ reference: String, at location: SourceLocation) -> Result<ResolvedFigure, Diagnostic> {
        var body = Substring(reference)
        var formatName: String?
        if let bar = body.firstIndex(of: "|") {
            formatName = String(body[body.index(after: bar)...]).trimmingSpaces
            body = body[..<bar]
        }
        guard let open = body.firstIndex(of: "["), body.hasSuffix("]"),
              let dot = body[..<open].firstIndex(of: ".")
        else {
            return .failure(.error(at: location, "a figure reference is written `@dataset.column[key]`, not `@\(reference)`"))
        }
        let name = String(body[..<dot])
        let columnName = String(body[body.index(after: dot)..<open])
        let key = String(body[body.index(after: open)..<body.index(before: body.endIndex)])
        // A name that is not a dataset name at all (`@../x.y[z]`) is a misspelt reference, not an
        // unknown dataset called ''.
        guard !name.isEmpty, !name.contains("/") else {
            return .failure(.error(at: location, "a figure reference is written `@dataset.column[key]`, not `@\(reference)`"))
        }
        guard let dataset = datasets[name] else {
            return .failure(.error(at: location, "unknown dataset '\(name)'",
                                   hint: Suggestion.hint(for: name, in: Array(datasets.keys))))
        }
        guard let column = dataset.column(named: columnName) else {
            return .failure(.error(at: location, "unknown column '\(columnName)' in dataset '\(name)'",
                                   hint: Suggestion.hint(for: columnName, in: dataset.columnNames)
                                       ?? "its columns are \(dataset.columnNames.joined(separator: ", "))"))
        }
        guard let row = dataset.row(forKey: key) else {
            let keys = dataset.columns.first?.values.map(\.text) ?? []
            return .failure(.error(at: location, "no row '\(key)' in dataset '\(name)'",
                                   hint: Suggestion.hint(for: key, in: keys)))
        }
        let value = column.values[row]
        if value.isMissing {
            return .failure(.error(at: location, "dataset '\(name)' has no value for \(columnName) in row '\(key)' (the cell is empty)"))
        }
        var format = NumberFormat.exact
        if let formatName {
            guard let chosen = NumberFormat(name: formatName) else {
                return .failure(.error(at: location, "unknown format '\(formatName)'",
                                       hint: Suggestion.hint(for: formatName, in: NumberFormat.names)))
            }
            format = chosen
        }
        let text = value.number == nil ? value.text : format.format(value)
        return .success(ResolvedFigure(
            dataset: name, text: text, title: "\(dataset.metadata.title): \(column.displayName), \(key)"))
    }

    /// The most `[` a Markdown file may hold. Debian 12's libcmark 0.30.2 takes quadratic time on
    /// nested link and image openers (CVE-2023-22486: `![[]()` repeated 160,000 times runs for
    /// minutes); this bound keeps every brief within seconds while allowing tens of thousands of
    /// links.
    static let maxBrackets = 50_000

    static func excessiveBrackets(_ markdown: String, path: String) -> Diagnostic? {
        var count = 0, line = 1, column = 1
        for byte in markdown.utf8 {
            if byte == 0x5B {
                count += 1
                if count > maxBrackets {
                    return .error(at: SourceLocation(path: path, line: line, column: column),
                                  "more than \(maxBrackets) '[' in one file (links, images and brackets); split the brief")
                }
            }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return nil
    }

    /// Distinct lowercased words of two or more letters or digits, in first-seen order.
    static func distinctWords(_ text: String) -> String {
        var seen = Set<Substring>()
        var words: [Substring] = []
        let lower = text.lowercased()
        for word in lower.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where word.count > 1 {
            if seen.insert(word).inserted { words.append(word) }
        }
        return words.joined(separator: " ")
    }

    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}

/// Escapes text for HTML text and double-quoted attributes.
func escapeHTML(_ text: String) -> String { TextEscaping.html(text) }
