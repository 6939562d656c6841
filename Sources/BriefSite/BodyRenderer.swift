import BriefCharts
import BriefData
import BriefDiagnostics
import BriefMarkdown

/// A brief's or page's Markdown turned into HTML, with what the page around it needs.
/// A sentence of a brief's source: the line it was found from, and its byte range in that
/// line's paragraph.
struct SentenceKey: Hashable { var line: Int, start: Int, end: Int }

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
    /// Bibliography keys cited, in first-citation order (for the bibliography page).
    var cited: [String] = []

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

    /// The body as the book prints it: each chart's wide drawing only, without the narrow one,
    /// its focusable values and the data table (all stay on the brief's own page), so the page of every brief stays
    /// light.
    func bookFragment(root: String, idPrefix: String) -> HTMLFragment {
        var key = contentHash
        key.add("book")
        key.add(root)
        key.add(idPrefix)
        return HTMLFragment(key: key, html: html, root: root, idPrefix: idPrefix, bookCopy: true)
    }

    /// `html` without narrow chart drawings, chart data tables and point layers. All are generated markup
    /// (author text is escaped or commented out by cmark's safe mode, so it cannot open either).
    static func forBook(_ html: String) -> String {
        // Bytes, one pass: this runs on every body each time the book is written, and
        // Foundation's range(of:) made it half of a one-brief rebuild.
        let b = Array(html.utf8)
        let cuts: [(open: [UInt8], close: [UInt8])] = [
            (Array("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-narrow\"".utf8), Array("</svg>\n".utf8)),
            (Array("<details class=\"chart-data\">".utf8), Array("</details>\n".utf8)),
            // Focusable values (SVGChart+Points.swift) are for reading on screen; the book is
            // made to print, and a focus stop per value of every chart would swell it.
            (Array("<g class=\"points\">".utf8), Array("</g>\n".utf8)),
        ]
        // Every brief's References and Notes are landmarks on its own page; in the book a dozen
        // landmarks named "References" would be indistinguishable (axe: landmark-unique), so
        // there they are plain sections under their headings.
        let sections = [Array("<section class=\"references\" ".utf8), Array("<section class=\"footnotes\" ".utf8)]
        let role = Array(" role=\"".utf8)
        func starts(_ p: [UInt8], at i: Int) -> Bool { i + p.count <= b.count && b[i..<(i + p.count)].elementsEqual(p) }
        func find(_ p: [UInt8], from i: Int, before limit: Int) -> Int? {
            var j = i
            while j + p.count <= limit {
                if b[j] == p[0] && starts(p, at: j) { return j }
                j += 1
            }
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x3C {
                if let cut = cuts.first(where: { starts($0.open, at: i) }),
                   let end = find(cut.close, from: i + cut.open.count, before: b.count) {
                    i = end + cut.close.count
                    continue
                }
                if let open = sections.first(where: { starts($0, at: i) }),
                   let close = find([0x3E], from: i + open.count, before: b.count) {
                    out += b[i..<(find(role, from: i, before: close) ?? close)]
                    i = close
                    continue
                }
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case html, headings, datasets, searchWords, contentHash, wordCount, chartCount, ids, anchors, links, charts, figures, cited
    }
}

/// A chart as drawn: enough to tell, next build, whether its spec or data changed.
struct ChartRecord: Sendable, Hashable, Codable {
    var id: String
    var title: String
    var dataset: String
    var specHash: String
    /// Hash of the chart's figure HTML: the key of its page, SVG file and (for a brief's first
    /// chart) social card, so prose edits around a chart leave them alone.
    var figureHash = StableHash()
    /// Where the figure is in the body's HTML (UTF-8 offsets), found once when the body is
    /// rendered, so chart pages, SVGs and cards cut it out without scanning the body again.
    var figureStart = 0
    var figureEnd = 0
}

/// A figure cited in prose (`@dataset.column[key]`) and the text it resolved to.
struct FigureRecord: Sendable, Hashable, Codable {
    var reference: String
    var value: String
    /// The sentence it stands in, as a reader sees it (figures filled in), for the change report.
    var sentence: String = ""
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
    /// The bibliography (Content/references.bib), ready to cite.
    var citations: CitationIndex = .empty
    /// The language of the bodies: interface text, digits and dates (Templates/i18n/<code>.yml).
    var text: InterfaceText = .placeholder
    /// For a translation: its language ("ur"; "" for the default language) and the briefs and
    /// pages translated into it, so links go to the translation when there is one, else the original.
    var languageCode = ""
    var translated: Set<String> = []
    /// For a translation: the heading ids of each original ("pages/methodology" → ids in order).
    /// A translation's headings take its original's ids by position, so `#fragment` links and
    /// the language switcher land on the same section in every language.
    var originalHeadingIDs: [String: [String]] = [:]

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
        var ids = Set<String>(["main", "content", "toc", "toc-title", "search", "search-input", "search-results", "top", "sources", "sources-title", "key-figures-title", "briefs-title", "book-contents-title", "references", "references-title", "footnotes", "footnotes-title", "cite-this", "cite-this-title"])
        var chartCount = 0
        var figureNumber = 0
        var anchors: [AnchorLink] = []
        var links = Set<String>()
        var charts: [ChartRecord] = []
        var figures: [FigureRecord] = []

        func use(_ name: String) { if !used.contains(name) { used.append(name) } }
        func datasetLinks(_ name: String) -> (page: String, csv: String) {
            (Route.href(to: .dataset(name), fromRoot: root), Route.href(to: .datasetFile(name, .csv), fromRoot: root))
        }
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(path: path, line: line, column: column) }

        let elements = document.elements(includingText: true)
        let blocks = document.topLevelBlocks()
        let blockLines = blocks.map(\.lines)

        // MARK: Footnote definitions: `[^id]: text` opening a top-level paragraph, the indented
        // code blocks right after it (continuation paragraphs), and the ones cmark read as link
        // reference definitions (`[^id]: http://x`), which leave no node and are found in the
        // lines no block covers.
        struct NoteDefinition {
            var label: String
            var location: SourceLocation
            var paragraph: Int?
            var firstText: Int?
            var markerLength = 0
            var continuations: [Int] = []
            var lines: ClosedRange<Int>
            var html = ""
        }
        var definitions: [String: NoteDefinition] = [:]
        var definitionOrder: [String] = []
        var continuationOf: [Int: String] = [:]
        func define(_ d: NoteDefinition) {
            if let first = definitions[d.label] {
                diagnostics.append(.error(at: d.location, "footnote '[^\(d.label)]' is defined twice (first at line \(first.location.line))",
                                          hint: "give each note its own label"))
                return
            }
            definitions[d.label] = d
            definitionOrder.append(d.label)
        }
        var blockIndexByStart: [Int: Int] = [:]
        for (n, r) in blockLines.enumerated() where blockIndexByStart[r.lowerBound] == nil { blockIndexByStart[r.lowerBound] = n }
        var indentedCodeAt: [Int: Int] = [:]
        for (idx, e) in elements.enumerated() {
            if case .codeBlock = e.kind, e.isTopLevel, !e.isFenced { indentedCodeAt[e.line] = idx }
        }
        for (idx, e) in elements.enumerated() where e.isParagraph && e.isTopLevel {
            guard idx + 1 < elements.count, case .text(let literal) = elements[idx + 1].kind,
                  elements[idx + 1].isFirstInParagraph, elements[idx + 1].line == e.contentLine,
                  let marker = ProseSyntax.definitionMarker(Array(literal), escapes: elements[idx + 1].escapes)
            else { continue }
            var d = NoteDefinition(label: marker.label, location: at(elements[idx + 1].line, elements[idx + 1].column),
                                   paragraph: idx, firstText: idx + 1, markerLength: marker.length,
                                   lines: e.contentLine...max(e.contentLine, e.endLine))
            var end = e.endLine
            var b = blockIndexByStart[e.line].map { $0 + 1 } ?? blockLines.count
            while b < blockLines.count, blockLines[b].lowerBound > end, let c = indentedCodeAt[blockLines[b].lowerBound] {
                d.continuations.append(c)
                end = blockLines[b].upperBound
                b += 1
            }
            if definitions[d.label] == nil { for c in d.continuations { continuationOf[c] = d.label } }
            define(d)
        }
        // Lines cmark gave to no block but a paragraph: a `[^id]: …` there that is not a paragraph's
        // own first text was read as a link reference definition.
        var covered = Set<Int>()
        for b in blocks where !b.isParagraph { for l in b.lines { covered.insert(l) } }
        let paragraphDefinitionLines = Set(definitions.values.map(\.location.line))
        let inParagraph = Set(blocks.filter(\.isParagraph).flatMap { Array($0.lines) })
        var referenceDefinitions: [String: (text: String, line: Int, column: Int)] = [:]
        var paragraphAtLine: [Int: Int] = [:]
        for (idx, e) in elements.enumerated() where e.isParagraph && e.isTopLevel && e.line >= 1 {
            for l in e.line...max(e.line, e.endLine) { paragraphAtLine[l] = idx }
        }
        var lineNumber = 1
        while lineNumber <= document.lineCount {
            defer { lineNumber += 1 }
            guard !covered.contains(lineNumber), !paragraphDefinitionLines.contains(lineNumber),
                  let text = document.sourceLine(lineNumber) else { continue }
            let lead = text.prefix { $0 == " " }.count
            guard lead <= 3, let marker = ProseSyntax.definitionMarker(Array(text.dropFirst(lead)), escapes: []) else { continue }
            var content = String(text.dropFirst(lead + marker.length))
            let first = lineNumber
            while lineNumber + 1 <= document.lineCount, !covered.contains(lineNumber + 1), !inParagraph.contains(lineNumber + 1),
                  let more = document.sourceLine(lineNumber + 1), !more.trimmingSpaces.isEmpty,
                  ProseSyntax.definitionMarker(Array(more.trimmingSpaces), escapes: []) == nil {
                content += " " + more.trimmingSpaces
                lineNumber += 1
            }
            var d = NoteDefinition(label: marker.label, location: at(first, lead + 1), lines: first...lineNumber)
            // Text right after it (no blank line) is the note's lazy continuation, as in Pandoc:
            // cmark made it a paragraph that starts on the definition's line.
            if let p = paragraphAtLine[first],
               !(first + 1...max(first + 1, elements[p].endLine)).contains(where: { l in
                   l <= elements[p].endLine && document.sourceLine(l).map { ProseSyntax.definitionMarker(Array($0.trimmingSpaces), escapes: []) != nil } ?? false
               }) {
                d.paragraph = p
                d.lines = elements[p].line...elements[p].endLine
            }
            if definitions[d.label] == nil {
                referenceDefinitions[d.label] = (content.trimmingSpaces, first, lead + marker.length + 1)
            }
            define(d)
        }
        var noteLines: [Int: String] = [:]
        for label in definitionOrder.reversed() {
            if let d = definitions[label], d.paragraph != nil, d.lines.count <= document.lineCount {
                for l in d.lines { noteLines[l] = label }
            }
        }
        func noteLabel(atLine line: Int) -> String? { noteLines[line] }

        // MARK: Numbered figures and tables: `id: fig-…` on chart blocks, `tbl-…` on table blocks
        // and prose tables (`Table: caption {#tbl-…}`), numbered in order; anchors come from the id.
        var specs: [Int: YAMLNode] = [:]
        var proseTables: [Int: PipeTable] = [:]
        var captionParagraphs: [Int: Int] = [:]
        var numbered: [String: (label: String, location: SourceLocation)] = [:]
        var figureCount = 0, tableCount = 0
        func register(_ id: String, isFigure: Bool, at location: SourceLocation) -> Bool {
            let valid = id.hasPrefix(isFigure ? "fig-" : "tbl-") && id.count > 4
                && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            guard valid else {
                diagnostics.append(.error(at: location, "\(isFigure ? "a chart's" : "a table's") id must start with '\(isFigure ? "fig-" : "tbl-")' and use only a-z, 0-9 and '-', not '\(id)'"))
                return false
            }
            if let first = numbered[id] {
                diagnostics.append(.error(at: location, "duplicate figure id '\(id)' (first at line \(first.location.line))"))
                return false
            }
            if isFigure { figureCount += 1 } else { tableCount += 1 }
            numbered[id] = (isFigure ? text.format("figure.figure", ["n": text.number(String(figureCount))])
                                    : text.format("figure.table", ["n": text.number(String(tableCount))]), location)
            ids.insert(id)
            return true
        }
        let definitionParagraphs = Set(definitions.values.compactMap(\.paragraph))
        var nextParagraph: [Int: Int] = [:]
        let topParagraphs = elements.indices.filter { elements[$0].isParagraph && elements[$0].isTopLevel }
        for (a, b) in zip(topParagraphs, topParagraphs.dropFirst()) { nextParagraph[a] = b }
        var blockIDs: [Int: String] = [:]
        for (idx, e) in elements.enumerated() {
            switch e.kind {
            case .codeBlock(let info, let literal):
                let word = info.split(separator: " ").first.map(String.init) ?? ""
                guard word == "chart" || word == "table" else { continue }
                // The spec starts on the line after the fence, indented like the fence.
                do {
                    let spec = try YAMLReader.parse(literal, path: path, firstLine: e.line + 1, columnOffset: e.column - 1)
                    guard let entries = spec.entries, let idEntry = entries.first(where: { $0.key == "id" }) else {
                        specs[idx] = spec
                        continue
                    }
                    specs[idx] = .mapping(entries.filter { $0.key != "id" }, at: spec.location)
                    guard let id = idEntry.value.scalar else {
                        diagnostics.append(.error(at: idEntry.value.location, "id must be a single value like fig-exports"))
                        continue
                    }
                    if register(id, isFigure: word == "chart", at: idEntry.value.location) { blockIDs[idx] = id }
                } catch {
                    diagnostics += error.diagnostics
                }
            case .paragraph where e.isTopLevel && !definitionParagraphs.contains(idx):
                let lines = (e.contentLine...max(e.contentLine, e.endLine)).compactMap { document.sourceLine($0) }
                guard var table = PipeTable.parse(lines, firstLine: e.contentLine) else { continue }
                // `Table: caption` may also stand alone in the paragraph right after the table.
                if table.caption == nil, let next = nextParagraph[idx], elements[next].contentLine == e.endLine + 2, elements[next].endLine == elements[next].contentLine,
                   let text = document.sourceLine(elements[next].contentLine), text.trimmingSpaces.hasPrefix("Table:") {
                    let trimmed = text.trimmingSpaces
                    let (caption, id) = PipeTable.captionID(String(trimmed.dropFirst(6)).trimmingSpaces)
                    let lead = text.prefix { $0 == " " }.count
                    table.caption = .init(text: caption, line: elements[next].contentLine,
                                          column: lead + 7 + trimmed.dropFirst(6).prefix { $0 == " " }.count)
                    table.id = id
                    captionParagraphs[next] = idx
                }
                if let id = table.id, let caption = table.caption {
                    if !register(id, isFigure: false, at: at(caption.line, caption.column)) { table.id = nil }
                }
                proseTables[idx] = table
            default:
                continue
            }
        }

        // MARK: Footnote references, citations and cross-references.
        var noteNumbers: [String: Int] = [:]
        var noteRefs: [String: [SourceLocation]] = [:]
        var citeCount = 0
        var cited: [String] = []
        var citedSet = Set<String>()
        var unknownCitations = 0
        var backrefs: [String: [Int]] = [:]

        func footnoteRef(_ label: String, at location: SourceLocation, inNote: String?) -> InlinePiece? {
            if let inNote {
                diagnostics.append(.error(at: location, "footnote '[^\(inNote)]' refers to another footnote '[^\(label)]'; notes cannot nest"))
                return nil
            }
            let n: Int
            if let known = noteNumbers[label] { n = known } else { n = noteNumbers.count + 1; noteNumbers[label] = n }
            noteRefs[label, default: []].append(location)
            let k = noteRefs[label]?.count ?? 1
            let refID = "fnref-\(n)" + (k > 1 ? "-\(k)" : "")
            ids.insert(refID)
            return .html("<a class=\"footnote-ref\" href=\"#\(idPrefix)fn-\(n)\" id=\"\(idPrefix)\(refID)\" role=\"doc-noteref\" aria-label=\"\(escapeHTML(text.format("figure.note", ["n": text.number(String(n))])))\"><sup>\(text.number(String(n)))</sup></a>", text: "")
        }

        func citation(_ items: [ProseSyntax.CiteItem], bracketed: Bool, at location: SourceLocation) -> InlinePiece? {
            var parts: [String] = []
            var texts: [String] = []
            for item in items {
                if ProseSyntax.isCrossRef(item.key) {
                    guard let target = numbered[item.key] else {
                        unknownCitations += 1
                        if unknownCitations > 100 { return nil }
                        diagnostics.append(.error(at: location, "unknown figure id '\(item.key)'",
                                                  hint: Suggestion.hint(for: item.key, in: Array(numbered.keys))
                                                      ?? "give a chart `id: fig-…` or a table `id: tbl-…` to refer to it"))
                        return nil
                    }
                    parts.append("<a class=\"xref\" href=\"#\(idPrefix)\(item.key)\">\(escapeHTML(target.label))</a>")
                    texts.append(target.label)
                    continue
                }
                guard let entry = citations.entries[item.key] else {
                    // Hundreds of the same mistake say nothing more than the first hundred.
                    unknownCitations += 1
                    if unknownCitations > 100 { return nil }
                    let hint = citations.entries.isEmpty
                        ? "cited works come from \(citations.path.isEmpty ? "Content/references.bib" : citations.path), which has no entries; write \\@ for a literal @"
                        : Suggestion.hint(for: item.key, in: Array(citations.entries.keys)) ?? "add it to \(citations.path), or write \\@ for a literal @"
                    diagnostics.append(.error(at: location, "unknown citation key '\(item.key)'", hint: hint))
                    return nil
                }
                citeCount += 1
                let citeID = "cite-\(citeCount)"
                ids.insert(citeID)
                if citedSet.insert(item.key).inserted { cited.append(item.key) }
                backrefs[item.key, default: []].append(citeCount)
                let who = citations.authors[entry.key] ?? entry.key
                let year = citations.years[entry.key] ?? CitationStyle.year(entry, text: text)
                let label = bracketed ? (item.suppressAuthor ? year : "\(who) \(year)")
                    : (item.suppressAuthor ? year : "\(who) (\(year))")
                var html = item.prefix.isEmpty ? "" : escapeHTML(item.prefix) + " "
                html += "<a class=\"citation\" href=\"#\(idPrefix)\(citations.ids[entry.key] ?? "references")\" id=\"\(idPrefix)\(citeID)\">\(escapeHTML(label))</a>"
                var text = (item.prefix.isEmpty ? "" : item.prefix + " ") + label
                if !item.locator.isEmpty { html += ", " + escapeHTML(item.locator); text += ", " + item.locator }
                parts.append(html)
                texts.append(text)
            }
            let allRefs = items.allSatisfy { ProseSyntax.isCrossRef($0.key) }
            if bracketed && !allRefs {
                return .html("(" + parts.joined(separator: "; ") + ")", text: "(" + texts.joined(separator: "; ") + ")")
            }
            return .html(parts.joined(separator: "; "), text: texts.joined(separator: "; "))
        }

        /// A text node: tokens become generated inlines, the rest stays text.
        func rewriteText(_ doc: MarkdownDocument, _ e: MarkdownElement, literal: String, skip: Int, inNote: String?,
                         map: (Int, Int) -> SourceLocation) {
            guard !e.isInsideLink, skip > 0 || literal.utf8.contains(where: { $0 == 0x40 || $0 == 0x5B }) else { return }
            let all = Array(literal)
            let chars = Array(all[min(skip, all.count)...])
            let escapes = Set(e.escapes.compactMap { $0 >= skip ? $0 - skip : nil })
            let matches = ProseSyntax.scan(chars, escapes: escapes)
            guard !matches.isEmpty || skip > 0 else { return }
            var pieces: [InlinePiece] = []
            var last = 0
            for m in matches {
                // The source column of the token's first mark when cmark's positions match the
                // source, else counted from the node.
                let offset = skip + m.range.lowerBound
                let location = map(e.line, e.markColumns[offset] ?? (e.column + offset))
                var piece: InlinePiece?
                switch m.token {
                case .footnoteRef(let label): piece = footnoteRef(label, at: location, inNote: inNote)
                case .citation(let items, let bracketed): piece = citation(items, bracketed: bracketed, at: location)
                case .crossRef(let id):
                    piece = citation([.init(key: id, prefix: "", locator: "", suppressAuthor: false)], bracketed: false, at: location)
                }
                guard let piece else { continue }
                pieces.append(.text(String(chars[last..<m.range.lowerBound])))
                pieces.append(piece)
                last = m.range.upperBound
            }
            pieces.append(.text(String(chars[last...])))
            doc.replaceInline(e, with: pieces)
        }

        /// The paragraph text around each source line (a sentence may wrap), joined by spaces,
        /// with the byte offset where that line starts and where its sentences start: made once
        /// per line, however many figures the line holds.
        var paragraphs: [Int: (bytes: [UInt8], lineStart: Int, starts: [Int])] = [:]
        /// The text of each figure reference a sentence has shown, so a paragraph of many figures
        /// resolves each reference once.
        var sentenceFigures: [String: String] = [:]
        /// Each sentence once, however many figures it holds.
        var sentences: [SentenceKey: String] = [:]
        /// The sentence of the source line around a code span, figures filled in.
        func sentence(around e: MarkdownElement, in doc: MarkdownDocument) -> String {
            let paragraph: (bytes: [UInt8], lineStart: Int, starts: [Int])
            if let known = paragraphs[e.line] {
                paragraph = known
            } else {
                guard let line = doc.sourceLine(e.line) else { return "" }
                func blank(_ l: String?) -> Bool { l.map { $0.trimmingSpaces.isEmpty || $0.hasPrefix("```") || $0.hasPrefix("#") } ?? true }
                var before: [String] = [], after: [String] = []
                var n = e.line - 1
                while n >= 1, before.count < 20, !blank(doc.sourceLine(n)), let l = doc.sourceLine(n) { before.insert(l.trimmingSpaces, at: 0); n -= 1 }
                n = e.line + 1
                while after.count < 20, !blank(doc.sourceLine(n)), let l = doc.sourceLine(n) { after.append(l.trimmingSpaces); n += 1 }
                let lead = before.map { $0 + " " }.joined()
                let bytes = Array((lead + line + after.map { " " + $0 }.joined()).utf8)
                paragraph = (bytes, lead.utf8.count, Self.sentenceStarts(in: bytes))
                paragraphs[e.line] = paragraph
            }
            let found = Self.sentenceRange(in: paragraph.bytes, starts: paragraph.starts, atColumn: paragraph.lineStart + e.column)
            let key = SentenceKey(line: e.line, start: found.range.lowerBound, end: found.range.upperBound)
            if let known = sentences[key] { return known }
            var scratch: [Diagnostic] = []
            let sentence = Self.sentence(in: paragraph.bytes, found.range, cutBefore: found.cutBefore, cutAfter: found.cutAfter) {
                resolveFigures(in: $0, at: at(e.line, e.column), diagnostics: &scratch, memo: &sentenceFigures)
            }
            sentences[key] = sentence
            return sentence
        }

        func rewriteCodeSpan(_ doc: MarkdownDocument, _ e: MarkdownElement, literal: String, location: SourceLocation) {
            guard literal.hasPrefix("@") else { return }
            if literal.hasPrefix("@@") {
                let shown = String(literal.dropFirst())
                doc.replaceInline(e, withHTML: "<code>" + escapeHTML(shown) + "</code>", text: shown)
                return
            }
            switch resolveFigure(String(literal.dropFirst()), at: location) {
            case .success(let figure):
                use(figure.dataset)
                figures.append(FigureRecord(reference: String(literal.dropFirst()), value: figure.text,
                                            sentence: sentence(around: e, in: doc)))
                let link = datasets[figure.dataset].map { Self.rowLink(dataset: figure.dataset, $0, row: figure.row) }
                    ?? (route: Route.dataset(figure.dataset), fragment: "")
                let href = Route.href(to: link.route, fromRoot: root) + link.fragment
                // Low confidence is said in words to screen readers and shown by a mark, not by colour alone.
                let mark = figure.lowConfidence
                    ? "<sup class=\"confidence-mark\" aria-hidden=\"true\">?</sup><span class=\"visually-hidden\">\(escapeHTML(text["figure.low_confidence"]))</span>" : ""
                let title = figure.lowConfidence ? text.format("figure.low_confidence_title", ["title": figure.title]) : figure.title
                doc.replaceInline(e, withHTML:
                    "<a class=\"datum\(figure.lowConfidence ? " low-confidence" : "")\" href=\"\(escapeHTML(href))\" title=\"\(escapeHTML(title))\">\(escapeHTML(figure.text))\(mark)</a>",
                    text: figure.text)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }

        func rewriteLink(_ doc: MarkdownDocument, _ e: MarkdownElement, url: String, isImage: Bool, text: String,
                         location: SourceLocation, inNote: String?) {
            // `[^id]` after `[^id]: http://x`: cmark made it a link to the definition's URL.
            if !isImage, text.hasPrefix("^"), referenceDefinitions[String(text.dropFirst())] != nil
                || definitions[String(text.dropFirst())] != nil,
               let line = doc.sourceLine(e.line), Array(line.utf8).dropFirst(e.column - 1).starts(with: Array("[\(text)]".utf8)) {
                if let piece = footnoteRef(String(text.dropFirst()), at: location, inNote: inNote) {
                    doc.replaceInline(e, with: [piece])
                }
                return
            }
            if !isImage, url.hasPrefix("#"), url.count > 1 {
                let fragment = Slug.make(String(url.dropFirst()))
                anchors.append(AnchorLink(page: page, fragment: fragment, location: location))
                doc.setURL(e, "#" + idPrefix + fragment)
                return
            }
            if isImage, text.trimmingSpaces.isEmpty {
                diagnostics.append(.error(at: location, "image has no alt text; describe it in ![…](\(url))"))
            }
            if let asset = assetPath(url, folder: ownFolder) {
                links.insert(asset.path)
                if assets.contains(asset.path) {
                    doc.setURL(e, Route.href(to: .file(asset.path), fromRoot: root) + asset.suffix)
                } else {
                    diagnostics.append(.error(at: location, "link to a missing file '\(url)' (files to publish go in Content/assets/)",
                                              hint: Suggestion.hint(for: asset.path, in: Array(assets))))
                }
                return
            }
            guard !isImage, let target = internalTarget(url) else { return }
            switch target {
            case .brief(let slug, let fragment), .page(let slug, let fragment):
                var isBrief = false
                if case .brief = target { isBrief = true }
                let exists = isBrief ? briefSlugs.contains(slug) : pageSlugs.contains(slug)
                let dependency: Dependency = isBrief ? .brief(slug) : .page(slug)
                links.insert(dependency.key)
                if !exists {
                    let candidates = Array(isBrief ? briefSlugs : pageSlugs).map { $0 + ".md" }
                    let message = isBrief && draftSlugs.contains(slug)
                        ? "link to '\(url)', a draft that is not published in this build"
                        : "link to a missing \(isBrief ? "brief" : "page") '\(url)'"
                    diagnostics.append(.error(at: location, message, hint: Suggestion.hint(for: slug + ".md", in: candidates)))
                    return
                }
                let route: Route = isBrief ? .brief(slug) : .page(slug)
                let key = (isBrief ? "briefs/" : "pages/") + slug
                // A translation links to the translation of another brief when there is one.
                let target = translated.contains(key) && !languageCode.isEmpty ? Route.translated(languageCode, route) : route
                doc.setURL(e, Route.href(to: target, fromRoot: root) + fragment)
                if fragment.count > 1 {
                    anchors.append(AnchorLink(page: dependency.key, fragment: String(fragment.dropFirst()), location: location))
                }
            }
        }

        /// Inline Markdown parsed on its own (a table cell, a footnote's continuation) with every
        /// rewrite prose gets; `map` turns its positions into the file's.
        func renderFragment(_ text: String, inNote: String?, map: @escaping (Int, Int) -> SourceLocation) -> String {
            let sub = MarkdownDocument(text)
            for e in sub.elements(includingText: true) {
                let location = map(e.line, e.column)
                switch e.kind {
                case .text(let literal):
                    rewriteText(sub, e, literal: literal, skip: 0, inNote: inNote, map: map)
                case .codeSpan(let literal):
                    rewriteCodeSpan(sub, e, literal: literal, location: location)
                case .link(let url, let isImage, let linkText):
                    rewriteLink(sub, e, url: url, isImage: isImage, text: linkText, location: location, inNote: inNote)
                default:
                    continue
                }
            }
            return sub.renderInlineHTML()
        }

        func tableHTML(_ table: PipeTable, id: String?) -> String {
            func cell(_ c: PipeTable.Cell) -> String {
                // Plain cells (words, numbers) need no parser: nothing in them is Markdown.
                if !c.text.contains(where: { "*_`[]<>&\\!@'\".~:#+=|".contains($0) }), !c.text.contains("--"),
                   !(c.text.first?.isNumber ?? false) || !c.text.contains(")") {
                    return escapeHTML(c.text)
                }
                return renderFragment(blockSafe(c.text), inNote: nil) { line, column in at(c.line + line - 1, c.column + column - 1) }
            }
            func align(_ a: PipeTable.Alignment) -> String {
                switch a {
                case .none: ""
                case .left: " class=\"align-left\""
                case .center: " class=\"align-center\""
                case .right: " class=\"num\""
                }
            }
            var h = "<figure class=\"data-table prose-table\"" + (id.map { " id=\"\(idPrefix)\($0)\"" } ?? "") + ">\n"
            h += "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
            h += escapeHTML(table.caption.map { _ in (id.flatMap { numbered[$0]?.label } ?? text.format("figure.table", ["n": ""]).trimmingSpacesAround) } ?? text.format("figure.table", ["n": ""]).trimmingSpacesAround) + "\">\n<table>\n"
            if let caption = table.caption {
                let number = id.flatMap { numbered[$0]?.label }.map { "<span class=\"figure-number\">\($0).</span> " } ?? ""
                h += "<caption>" + number + cell(caption) + "</caption>\n"
            }
            h += "<thead><tr>"
            for (n, c) in table.header.enumerated() {
                h += "<th scope=\"col\"" + align(table.alignments[n]) + ">" + cell(c) + "</th>"
            }
            h += "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                h += "<tr>"
                for (n, c) in row.enumerated() { h += "<td" + align(table.alignments[n]) + ">" + cell(c) + "</td>" }
                h += "</tr>\n"
            }
            h += "</tbody>\n</table>\n</div>\n</figure>\n"
            return h
        }

        // MARK: The walk, in document order.
        var skipLines = Set<Int>()
        var pendingHeadings: [MarkdownElement] = []
        let firstTexts = Dictionary(definitions.values.compactMap { d in d.firstText.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        for (idx, element) in elements.enumerated() {
            let location = at(element.line, element.column)
            if !element.isParagraph, skipLines.contains(element.line) { continue }
            switch element.kind {
            case .paragraph:
                if let table = proseTables[idx] {
                    document.replaceBlock(element, withHTML: tableHTML(table, id: table.id))
                    skipLines.formUnion(element.contentLine...max(element.contentLine, element.endLine))
                } else if captionParagraphs[idx] != nil {
                    document.replaceBlock(element, withHTML: "")
                    skipLines.formUnion(element.contentLine...max(element.contentLine, element.endLine))
                }
            case .text(let literal):
                let definition = firstTexts[idx]
                rewriteText(document, element, literal: literal, skip: definition?.markerLength ?? 0,
                            inNote: noteLabel(atLine: element.line), map: at)
            case .codeBlock(let info, let literal):
                if let label = continuationOf[idx] {
                    let html = renderFragment(literal, inNote: label) { line, column in at(element.line + line - 1, column + 4) }
                    definitions[label]?.html += html.hasPrefix("<") ? html : "<p>" + html + "</p>"
                    document.replaceBlock(element, withHTML: "")
                    continue
                }
                let word = info.split(separator: " ").first.map(String.init) ?? ""
                if word == "claims" {
                    // Checked against the data; renders nothing.
                    let checked = checkClaims(literal, firstLine: element.line + 1, columnOffset: element.column - 1, path: path)
                    diagnostics += checked.diagnostics
                    checked.datasets.forEach(use)
                    document.replaceBlock(element, withHTML: "")
                    continue
                }
                guard word == "chart" || word == "table", let spec = specs[idx] else { continue }
                figureNumber += 1
                let given = blockIDs[idx]
                let localID = given ?? "\(word)-\(figureNumber)"
                let id = "\(idPrefix)\(localID)"
                ids.insert(localID)
                let label = given.flatMap { numbered[$0]?.label }
                do {
                    if word == "chart" {
                        var chart = try ChartSpec.decode(spec, datasets: datasets)
                        guard let dataset = datasets[chart.dataset] else { continue }
                        let titleAt = spec["title"]?.location ?? location
                        chart.title = resolveFigures(in: chart.title, at: titleAt, diagnostics: &diagnostics)
                        if let s = chart.subtitle { chart.subtitle = resolveFigures(in: s, at: spec["subtitle"]?.location ?? location, diagnostics: &diagnostics) }
                        if let c = chart.caption { chart.caption = resolveFigures(in: c, at: spec["caption"]?.location ?? location, diagnostics: &diagnostics) }
                        use(chart.dataset)
                        let l = datasetLinks(chart.dataset)
                        var context = FigureContext(id: id, datasetHref: l.page, downloadHref: l.csv, text: text)
                        context.label = label
                        context.translated = !languageCode.isEmpty
                        // Chart pages are published in the default language only.
                        if languageCode.isEmpty {
                            context.pageHref = Route.href(to: .chart(Route.owner(ofBody: page), localID), fromRoot: root)
                        }
                        let html = ChartRenderer.figure(chart, dataset: dataset, context: context)
                        document.replaceBlock(element, withHTML: html + "\n")
                        chartCount += 1
                        charts.append(ChartRecord(id: id, title: chart.title, dataset: chart.dataset,
                                                  specHash: StableHash.of(literal).description, figureHash: StableHash.of(html)))
                    } else {
                        var table = try TableSpec.decode(spec, datasets: datasets)
                        guard let dataset = datasets[table.dataset] else { continue }
                        if let c = table.caption { table.caption = resolveFigures(in: c, at: spec["caption"]?.location ?? location, diagnostics: &diagnostics) }
                        use(table.dataset)
                        let l = datasetLinks(table.dataset)
                        var context = FigureContext(id: id, datasetHref: l.page, downloadHref: l.csv, text: text)
                        context.label = label
                        context.translated = !languageCode.isEmpty
                        let html = TableRenderer.figure(table, dataset: dataset, context: context)
                        document.replaceBlock(element, withHTML: html + "\n")
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            case .codeSpan(let literal):
                rewriteCodeSpan(document, element, literal: literal, location: location)
            case .link(let url, let isImage, let text):
                rewriteLink(document, element, url: url, isImage: isImage, text: text, location: location,
                            inNote: noteLabel(atLine: element.line))
            case .heading:
                // After the walk: its links, figures and escapes are rewritten first.
                pendingHeadings.append(element)
            }
        }

        // Headings read as they render: ids and the table of contents from the rewritten text.
        let inherited = originalHeadingIDs[page] ?? []
        for (position, element) in pendingHeadings.enumerated() {
            guard case .heading(let level, _) = element.kind else { continue }
            let text = document.text(of: element).trimmingSpaces
            var base = Slug.make(text)
            if inherited.indices.contains(position), !ids.contains(inherited[position]) { base = inherited[position] }
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

        // Footnotes: every definition's HTML, then the checks.
        for label in definitionOrder {
            guard var d = definitions[label] else { continue }
            var parts = ""
            if let content = referenceDefinitions[label] {
                let isURL = (content.text.hasPrefix("https://") || content.text.hasPrefix("http://")) && !content.text.contains(" ")
                let source = isURL ? "<" + content.text + ">" : blockSafe(content.text)
                parts = renderFragment(source, inNote: label) { line, column in
                    at(content.line + line - 1, content.column + column - (isURL ? 2 : 1))
                }
            }
            if let p = d.paragraph {
                let inner = document.renderInlineHTML(of: elements[p])
                parts = parts.isEmpty ? inner : parts + "\n" + inner
                document.replaceBlock(elements[p], withHTML: "")
            }
            d.html = "<p>" + parts + "</p>" + d.html
            definitions[label] = d
        }
        for label in noteRefs.keys.sorted(by: { (noteNumbers[$0] ?? 0) < (noteNumbers[$1] ?? 0) }) where definitions[label] == nil {
            for ref in noteRefs[label] ?? [] {
                unknownCitations += 1
                if unknownCitations > 100 { break }
                diagnostics.append(.error(at: ref, "footnote '[^\(label)]' is not defined",
                                          hint: Suggestion.hint(for: label, in: definitionOrder.filter { noteNumbers[$0] == nil })
                                              ?? "define it on a line of its own at the top level: [^\(label)]: The note's text."))
            }
        }
        for label in definitionOrder where noteNumbers[label] == nil {
            if let d = definitions[label] {
                diagnostics.append(.error(at: d.location, "footnote '[^\(label)]' is defined but never referenced",
                                          hint: "refer to it with [^\(label)] in the text, or delete it"))
            }
        }


        if unknownCitations > 100, let first = diagnostics.first(where: {
            $0.message.hasPrefix("unknown citation key") || $0.message.hasPrefix("unknown figure id") || $0.message.hasSuffix("is not defined")
        }) {
            diagnostics.append(.error(at: first.location,
                                      "\(unknownCitations - 100) more unknown citation keys, figure ids or footnotes in this file (the first 100 are listed)"))
        }
        var html = document.renderHTML()
        // The table of contents ends with the generated sections.
        if !cited.isEmpty { headings.append(.init(level: 2, text: text["figure.references"], id: "references-title")) }
        if noteNumbers.keys.contains(where: { definitions[$0] != nil }) {
            headings.append(.init(level: 2, text: text["figure.notes"], id: "footnotes-title"))
        }
        if !cited.isEmpty {
            ids.insert("references")
            html += "<section class=\"references\" id=\"\(idPrefix)references\" role=\"doc-bibliography\" aria-labelledby=\"\(idPrefix)references-title\">\n"
            html += "<h2 id=\"\(idPrefix)references-title\">\(escapeHTML(text["figure.references"]))</h2>\n<ul class=\"reference-list\">\n"
            for key in cited.sorted(by: { (citations.sortKeys[$0] ?? $0) < (citations.sortKeys[$1] ?? $1) }) {
                guard let refID = citations.ids[key] else { continue }
                ids.insert(refID)
                html += "<li id=\"\(idPrefix)\(refID)\">" + (citations.html[key] ?? "")
                html += " <span class=\"backrefs\">"
                for c in backrefs[key] ?? [] {
                    html += "<a href=\"#\(idPrefix)cite-\(c)\" role=\"doc-backlink\" aria-label=\"\(escapeHTML(text.format("figure.back_to_citation", ["n": text.number(String(c))])))\">↩︎</a>"
                }
                html += "</span></li>\n"
            }
            html += "</ul>\n<p class=\"bibliography-link\"><a href=\"\(Route.href(to: .bibliography, fromRoot: root))\">\(escapeHTML(text["figure.every_work_cited"]))</a></p>\n</section>\n"
        }
        let referenced = definitionOrder.filter { noteNumbers[$0] != nil }.sorted { (noteNumbers[$0] ?? 0) < (noteNumbers[$1] ?? 0) }
        if !referenced.isEmpty {
            html += "<section class=\"footnotes\" id=\"\(idPrefix)footnotes\" role=\"doc-endnotes\" aria-labelledby=\"\(idPrefix)footnotes-title\">\n"
            html += "<h2 id=\"\(idPrefix)footnotes-title\">\(escapeHTML(text["figure.notes"]))</h2>\n<ol>\n"
            for label in referenced {
                guard let n = noteNumbers[label], let d = definitions[label] else { continue }
                ids.insert("fn-\(n)")
                var back = ""
                for k in 1...max(1, noteRefs[label]?.count ?? 1) {
                    let refID = "fnref-\(n)" + (k > 1 ? "-\(k)" : "")
                    back += " <a class=\"footnote-back\" href=\"#\(idPrefix)\(refID)\" role=\"doc-backlink\" aria-label=\"\(escapeHTML(text.format("figure.back_to_reference", ["n": text.number(String(n)) + (k > 1 ? "\u{2009}(\(text.number(String(k))))" : "")])))\">↩︎</a>"
                }
                var note = d.html
                if note.hasSuffix("</p>") { note = String(note.dropLast(4)) + back + "</p>" } else { note += "<p>" + back + "</p>" }
                html += "<li id=\"\(idPrefix)fn-\(n)\">" + note + "</li>\n"
            }
            html += "</ol>\n</section>\n"
        }
        // Each chart's figure in the finished HTML, in order (one pass).
        for (k, range) in ChartPages.figureRanges(in: html).enumerated() where k < charts.count {
            charts[k].figureStart = range.lowerBound
            charts[k].figureEnd = range.upperBound
        }
        return RenderedBody(
            html: html, headings: headings, datasets: used, searchWords: Self.distinctWords(plain),
            contentHash: StableHash.of(html),
            wordCount: Self.countWords(plain), chartCount: chartCount, diagnostics: diagnostics,
            ids: ids.sorted(), anchors: anchors, links: links.sorted(), charts: charts, figures: figures, cited: cited)
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
                // Above the content folder: nothing published is there; reported as written.
                if parts.isEmpty { return (String(path), suffix) }
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
        /// The row the figure comes from (for a derived figure, its second row).
        var row: Int?
        /// Marked where it appears: the row's or the dataset's confidence is low.
        var lowConfidence = false
    }

    /// Plain text (a summary, a chart title, a key figure's label) with every `` `@dataset.column[key]` ``
    /// replaced by its figure, as prose prints it; `` `@@x` `` gives `@x`. Problems are reported at `location`.
    func resolveFigures(in text: String, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> String {
        var memo: [String: String] = [:]
        return resolveFigures(in: text, at: location, diagnostics: &diagnostics, memo: &memo)
    }

    /// The same, taking the text of references resolved before from `memo` and adding the ones it
    /// resolves (a reference's value depends only on the datasets, not on where it stands).
    func resolveFigures(in text: String, at location: SourceLocation, diagnostics: inout [Diagnostic],
                        memo: inout [String: String]) -> String {
        // A byte scan: `String.contains` here would be Foundation's, on every text of every brief.
        var tick = false
        guard text.utf8.contains(where: { byte in
            defer { tick = byte == 0x60 }
            return tick && byte == 0x40
        }) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let after = rest[rest.index(after: open)...]
            guard after.hasPrefix("@"), let close = after.firstIndex(of: "`") else {
                out += rest[...open]
                rest = after
                continue
            }
            out += rest[..<open]
            let literal = String(after[..<close])
            if literal.hasPrefix("@@") {
                out += literal.dropFirst()
            } else {
                if let known = memo[literal] {
                    out += known
                } else {
                    switch resolveFigure(String(literal.dropFirst()), at: location) {
                    case .success(let figure): out += figure.text; memo[literal] = figure.text
                    case .failure(let d): diagnostics.append(d); out += literal
                    }
                }
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// Resolves `dataset.column[key]|format`, or a derived figure (`change(…)`, `diff(…)`, `ratio(…)`).
    func resolveFigure(_ reference: String, at location: SourceLocation) -> Result<ResolvedFigure, Diagnostic> {
        if let derived = resolveDerived(reference, at: location) { return derived }
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
        let cell: Cell
        switch lookup(name, columnName, key, reference: reference, at: location) {
        case .failure(let d): return .failure(d)
        case .success(let c): cell = c
        }
        let dataset = cell.dataset, column = cell.column, row = cell.row
        let value = column.values[row]
        var format = NumberFormat.exact
        if let formatName {
            guard let chosen = NumberFormat(name: formatName) else {
                return .failure(.error(at: location, "unknown format '\(formatName)'",
                                       hint: Suggestion.hint(for: formatName, in: NumberFormat.names)))
            }
            format = chosen
        }
        let text = value.number == nil && format != .dateLong ? value.text : format.format(value, in: self.text)
        return .success(ResolvedFigure(
            dataset: name, text: text, title: "\(dataset.metadata.title): \(column.displayName), \(key)",
            row: row, lowConfidence: Self.isLowConfidence(dataset, row: row)))
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
