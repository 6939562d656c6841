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

    /// CMARK_OPT_SMART or nothing, for parsing and every render.
    private let smartOption: Int32

    /// Parses `text` (UTF-8, LF line ends) with source positions on. `smartPunctuation` turns
    /// straight quotes into curly ones, `--` into an en dash and `---` into an em dash, and `...`
    /// into an ellipsis (cmark's CMARK_OPT_SMART).
    public init(_ text: String, smartPunctuation: Bool = true) {
        smartOption = smartPunctuation ? CMARK_OPT_SMART : 0
        let options = CMARK_OPT_SOURCEPOS | smartOption | CMARK_OPT_VALIDATE_UTF8
        var copy = text
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

    /// The nodes Brief looks at, in document order.
    public func elements() -> [MarkdownElement] {
        var found: [MarkdownElement] = []
        guard let iter = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK:
                found.append(MarkdownElement(
                    kind: .codeBlock(info: string(cmark_node_get_fence_info(node)),
                                     literal: string(cmark_node_get_literal(node))),
                    line: line, column: column, node: node))
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

    /// Replaces an inline (a code span) with generated HTML.
    public func replaceInline(_ element: MarkdownElement, withHTML html: String) {
        replace(element.node, type: CMARK_NODE_CUSTOM_INLINE, html: html)
    }

    /// Points a link or image at `url`. The caller passes only URLs it built itself.
    public func setURL(_ element: MarkdownElement, _ url: String) {
        _ = cmark_node_set_url(element.node, url)
    }

    /// Gives a heading an `id`: the heading is rendered on its own (escaped by cmark) and the
    /// opening tag rewritten. `id` must already be safe for an attribute ([a-z0-9-]).
    public func setHeadingID(_ element: MarkdownElement, _ id: String) {
        guard case .heading(let level, _) = element.kind, let rendered = cmark_render_html(element.node, smartOption)
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
        guard let rendered = cmark_render_html(root, smartOption) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

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
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                text += " "
            default:
                break
            }
        }
        return text
    }

    private func replace(_ node: OpaquePointer, type: cmark_node_type, html: String) {
        guard let replacement = cmark_node_new(type) else { return }
        _ = cmark_node_set_on_enter(replacement, html)
        if cmark_node_replace(node, replacement) == 1 {
            detached.append(node)
        } else {
            cmark_node_free(replacement)
        }
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
    }

    public let kind: Kind
    public let line: Int
    public let column: Int
    let node: OpaquePointer
}
