import CCmark

/// A CommonMark document parsed by libcmark, with the few edits Brief makes before rendering:
/// fenced blocks swapped for generated HTML, code spans swapped for figures, link targets
/// rewritten and heading ids added. Owns its cmark tree and frees it.
///
/// Every walk is an iterative `cmark_iter` loop, so hostile nesting depth cannot exhaust the stack.
/// Safe mode stays on: raw HTML is omitted and dangerous URL schemes are emptied by cmark's renderer.
public final class MarkdownDocument {
    private let root: OpaquePointer
    /// Nodes unlinked by a replacement; freed with the document.
    private var detached: [OpaquePointer] = []
    /// The source, split into lines (bytes, without the line end), for positions inside text.
    private let lines: [[UInt8]]
    /// What generated inline nodes read as in plain text (headings, the table of contents).
    private var generatedText: [OpaquePointer: String] = [:]

    /// Parses `text` (UTF-8, LF line ends) with source positions on.
    public init(_ text: String) {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        var copy = text
        lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        root = copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
    }

    deinit {
        for node in detached { cmark_node_free(node) }
        cmark_node_free(root)
    }

    /// The nodes Brief looks at, in document order. With `includingText`, also every paragraph
    /// and text node (for footnotes, citations, cross-references and tables).
    public func elements(includingText: Bool = false) -> [MarkdownElement] {
        var found: [MarkdownElement] = []
        guard let iter = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iter) }
        // How many links or images enclose the current node (tracked, not looked up: emphasis
        // may nest 65,000 deep, and walking up from every text node would be quadratic).
        var linkDepth = 0
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_EXIT, let node = cmark_iter_get_node(iter) {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkDepth -= 1 }
                continue
            }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            let nodeType = cmark_node_get_type(node)
            if nodeType == CMARK_NODE_LINK || nodeType == CMARK_NODE_IMAGE {
                linkDepth += 1
            }
            switch nodeType {
            case CMARK_NODE_CODE_BLOCK:
                var element = MarkdownElement(
                    kind: .codeBlock(info: string(cmark_node_get_fence_info(node)),
                                     literal: string(cmark_node_get_literal(node))),
                    line: line, column: column, node: node)
                element.endLine = Int(cmark_node_get_end_line(node))
                element.isTopLevel = isTopLevel(node)
                element.isFenced = isFence(line: line, column: column)
                found.append(element)
            case CMARK_NODE_PARAGRAPH where includingText:
                var element = MarkdownElement(kind: .paragraph, line: line, column: column, node: node)
                element.endLine = Int(cmark_node_get_end_line(node))
                element.isTopLevel = isTopLevel(node)
                if let first = cmark_node_first_child(node) {
                    element.contentLine = Int(cmark_node_get_start_line(first))
                }
                found.append(element)
            case CMARK_NODE_TEXT where includingText:
                let literal = string(cmark_node_get_literal(node))
                var element = MarkdownElement(kind: .text(literal: literal), line: line, column: column, node: node)
                element.endLine = line
                element.endColumn = Int(cmark_node_get_end_column(node))
                let marks = escapedPositions(literal: literal, line: line, column: column, endColumn: element.endColumn)
                element.escapes = marks.escaped
                element.markColumns = marks.columns
                element.isFirstInParagraph = cmark_node_previous(node) == nil
                    && cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_PARAGRAPH
                element.isInTopLevelParagraph = cmark_node_parent(node).map { isTopLevel($0) } ?? false
                    && cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_PARAGRAPH
                element.isInsideLink = linkDepth > 0
                found.append(element)
            case CMARK_NODE_CODE:
                found.append(MarkdownElement(
                    kind: .codeSpan(literal: string(cmark_node_get_literal(node))),
                    line: line, column: column, node: node))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                found.append(MarkdownElement(
                    kind: .link(url: string(cmark_node_get_url(node)), isImage: isImage,
                                text: plainText(of: node)),
                    line: line, column: column, node: node))
            case CMARK_NODE_HEADING:
                found.append(MarkdownElement(
                    kind: .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node)),
                    line: line, column: column, node: node))
            default:
                continue
            }
        }
        return found
    }

    /// Replaces a block (a fenced code block) with generated HTML.
    public func replaceBlock(_ element: MarkdownElement, withHTML html: String) {
        replace(element.node, type: CMARK_NODE_CUSTOM_BLOCK, html: html)
    }

    /// Replaces an inline (a code span) with generated HTML; `text` is what it reads as in plain
    /// text (headings and the table of contents).
    public func replaceInline(_ element: MarkdownElement, withHTML html: String, text: String = "") {
        if let node = replace(element.node, type: CMARK_NODE_CUSTOM_INLINE, html: html) {
            generatedText[node] = text
        }
    }

    /// Replaces an inline (a text node) with a sequence of text (escaped by cmark when rendered)
    /// and generated HTML.
    public func replaceInline(_ element: MarkdownElement, with pieces: [InlinePiece]) {
        var created: [OpaquePointer] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                guard !text.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                _ = cmark_node_set_literal(node, text)
                created.append(node)
            case .html(let html, let text):
                guard let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
                _ = cmark_node_set_on_enter(node, html)
                generatedText[node] = text
                created.append(node)
            }
        }
        var inserted = true
        for node in created {
            if inserted, cmark_node_insert_before(element.node, node) == 1 { continue }
            inserted = false
            cmark_node_free(node)
        }
        guard inserted else { return }
        cmark_node_unlink(element.node)
        detached.append(element.node)
    }

    /// Renders one block (a paragraph, with every edit made to it) as HTML.
    public func renderHTML(of element: MarkdownElement) -> String {
        guard let rendered = cmark_render_html(element.node, CMARK_OPT_SMART) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// A paragraph's content as HTML, without the `<p>` around it.
    public func renderInlineHTML(of element: MarkdownElement) -> String {
        var html = renderHTML(of: element)
        if html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    /// The HTML of every top-level block, for a document parsed from a fragment (a table cell,
    /// a footnote's continuation).
    public func renderInlineHTML() -> String {
        var html = renderHTML()
        if html.hasSuffix("\n") { html.removeLast() }
        // A single paragraph loses its `<p>`, so a cell or a one-line note reads as inline text.
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// Line `n` (1-based) of the source, or nil past its end.
    public func sourceLine(_ n: Int) -> String? {
        guard n >= 1, n <= lines.count else { return nil }
        return String(decoding: lines[n - 1], as: UTF8.self)
    }

    /// How many lines the source has.
    public var lineCount: Int { lines.count }

    /// The lines each top-level block takes, as cmark reports them, and whether it is a
    /// paragraph. A paragraph may start on a line cmark read as a link reference definition
    /// (`[^id]: word` followed by text): that line is reported as the paragraph's first.
    public func topLevelBlocks() -> [(lines: ClosedRange<Int>, isParagraph: Bool)] {
        var blocks: [(lines: ClosedRange<Int>, isParagraph: Bool)] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            let start = Int(cmark_node_get_start_line(node))
            let end = max(start, Int(cmark_node_get_end_line(node)))
            if start >= 1 { blocks.append((start...end, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)) }
            child = cmark_node_next(node)
        }
        return blocks
    }

    /// Points a link or image at `url`. The caller passes only URLs it built itself.
    public func setURL(_ element: MarkdownElement, _ url: String) {
        _ = cmark_node_set_url(element.node, url)
    }

    /// Gives a heading an `id`: the heading is rendered on its own (escaped by cmark) and the
    /// opening tag rewritten. `id` must already be safe for an attribute ([a-z0-9-]).
    public func setHeadingID(_ element: MarkdownElement, _ id: String) {
        guard case .heading(let level, _) = element.kind, let rendered = cmark_render_html(element.node, CMARK_OPT_SMART)
        else { return }
        let html = String(cString: rendered)
        free(rendered)
        let open = "<h\(level)>"
        guard html.hasPrefix(open) else { return }
        let body = html.dropFirst(open.count)
        replace(element.node, type: CMARK_NODE_CUSTOM_BLOCK, html: "<h\(level) id=\"\(id)\">" + body)
    }

    /// The document as HTML (safe mode: raw HTML omitted, dangerous URLs emptied).
    public func renderHTML() -> String {
        guard let rendered = cmark_render_html(root, CMARK_OPT_SMART) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// An element's text as it reads now, after every edit (generated inlines read as their text).
    public func text(of element: MarkdownElement) -> String { plainText(of: element.node) }

    /// The document's text without markup, for search and word counts.
    public func plainText() -> String { plainText(of: root) }

    /// The text of a node's descendants (text and code), for headings, link text and alt text.
    func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iter = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += string(cmark_node_get_literal(child))
            case CMARK_NODE_CUSTOM_INLINE:
                text += generatedText[child] ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                text += " "
            default:
                break
            }
        }
        return text
    }

    @discardableResult
    private func replace(_ node: OpaquePointer, type: cmark_node_type, html: String) -> OpaquePointer? {
        guard let replacement = cmark_node_new(type) else { return nil }
        _ = cmark_node_set_on_enter(replacement, html)
        if cmark_node_replace(node, replacement) == 1 {
            detached.append(node)
            return replacement
        }
        cmark_node_free(replacement)
        return nil
    }

    private func isTopLevel(_ node: OpaquePointer) -> Bool {
        cmark_node_parent(node) == root
    }

    /// Whether the code block starting at `line`, `column` is fenced (``` or ~~~), not indented.
    private func isFence(line: Int, column: Int) -> Bool {
        guard line >= 1, line <= lines.count, column >= 1 else { return false }
        let bytes = lines[line - 1]
        guard column - 1 < bytes.count else { return false }
        let c = bytes[column - 1]
        return c == 0x60 || c == 0x7E
    }

    /// Which `@`, `[` and `]` of a text node's literal were written escaped (`\@`, `\[`) or as
    /// entities, found by matching them, in order, with the same characters of its source.
    /// cmark merges a backslash escape into the surrounding text node, so the tree alone cannot
    /// tell `\@key` from `@key`. Returns offsets (in Characters) into the literal.
    private func escapedPositions(literal: String, line: Int, column: Int, endColumn: Int) -> (escaped: Set<Int>, columns: [Int: Int]) {
        // Most text has none of the marks: check its bytes before building anything.
        guard literal.utf8.contains(where: { $0 == 0x40 || $0 == 0x5B || $0 == 0x5D || $0 == 0x5E }) else { return ([], [:]) }
        let interesting: Set<Character> = ["@", "[", "]", "^"]
        guard line >= 1, line <= lines.count, column >= 1, endColumn >= column else { return ([], [:]) }
        let bytes = lines[line - 1]
        guard endColumn <= bytes.count else { return ([], [:]) }
        let raw = Array(String(decoding: bytes[(column - 1)..<endColumn], as: UTF8.self))
        // Each mark of the source: the character, whether it was escaped, and its byte column.
        var rawMarks: [(Character, Bool, Int)] = []
        var i = 0
        var offset = 0
        while i < raw.count {
            let c = raw[i]
            if c == "\\", i + 1 < raw.count, raw[i + 1].isASCII, raw[i + 1].isPunctuation || raw[i + 1].isSymbol {
                if interesting.contains(raw[i + 1]) { rawMarks.append((raw[i + 1], true, column + offset + 1)) }
                offset += 1 + raw[i + 1].utf8.count
                i += 2
                continue
            }
            if interesting.contains(c) { rawMarks.append((c, false, column + offset)) }
            offset += c.utf8.count
            i += 1
        }
        // The same marks in the same order, or the positions are not the text's (cmark's inline
        // columns drift on indented continuation lines): then nothing is taken as escaped.
        let literalMarks = literal.enumerated().filter { interesting.contains($0.element) }
        guard literalMarks.count == rawMarks.count,
              zip(literalMarks, rawMarks).allSatisfy({ $0.element == $1.0 }) else { return ([], [:]) }
        var escaped = Set<Int>()
        var columns: [Int: Int] = [:]
        for (mark, raw) in zip(literalMarks, rawMarks) {
            if raw.1 { escaped.insert(mark.offset) }
            columns[mark.offset] = raw.2
        }
        return (escaped, columns)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// A node of interest in a parsed document, with its 1-based source position.
public struct MarkdownElement {
    public enum Kind: Equatable {
        case codeBlock(info: String, literal: String)
        case codeSpan(literal: String)
        case link(url: String, isImage: Bool, text: String)
        case heading(level: Int, text: String)
        /// Only from `elements(includingText: true)`.
        case paragraph
        /// Only from `elements(includingText: true)`: a text node (cmark merges adjacent text).
        case text(literal: String)
    }

    public let kind: Kind
    /// Whether the element is a paragraph (a cheap test, for walks over every node).
    public var isParagraph: Bool {
        if case .paragraph = kind { return true }
        return false
    }
    public let line: Int
    public let column: Int
    let node: OpaquePointer
    /// The last line of a block (paragraphs and code blocks) or of a text node.
    public internal(set) var endLine: Int = 0
    /// The last column of a text node.
    public internal(set) var endColumn: Int = 0
    /// Whether the block is a child of the document itself (not in a list or quote).
    public internal(set) var isTopLevel = false
    /// Whether a code block is fenced (``` or ~~~) rather than indented.
    public internal(set) var isFenced = false
    /// A paragraph's first line of text (later than `line` when cmark absorbed link reference
    /// definitions into it).
    public internal(set) var contentLine: Int = 0
    /// Offsets (Characters) of `@`, `[`, `]` and `^` in a text's literal written escaped in the source.
    public internal(set) var escapes: Set<Int> = []
    /// The source column of each `@`, `[`, `]` and `^` of a text's literal (by Character offset),
    /// when the source could be matched to the literal.
    public internal(set) var markColumns: [Int: Int] = [:]
    /// Whether a text node sits inside a link or an image's description.
    public internal(set) var isInsideLink = false
    /// Whether a text node opens its paragraph.
    public internal(set) var isFirstInParagraph = false
    /// Whether a text node sits directly in a top-level paragraph.
    public internal(set) var isInTopLevelParagraph = false

    init(kind: Kind, line: Int, column: Int, node: OpaquePointer) {
        self.kind = kind
        self.line = line
        self.column = column
        self.node = node
    }
}

/// A piece of the inline content that replaces a text node.
public enum InlinePiece: Equatable {
    /// Text, escaped when rendered.
    case text(String)
    /// Generated HTML, and what it reads as in plain text.
    case html(String, text: String)
}
