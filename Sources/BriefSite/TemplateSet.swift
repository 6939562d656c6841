import BriefDiagnostics
import Mustache

/// The site's Mustache templates, checked before use: syntax, partials and parents that exist,
/// every name a template uses known to the page's context, and the raw form (`{{{x}}}`) used
/// only for values that are already HTML.
struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Template name → (path for diagnostics, source text).
    let sources: [String: (path: String, text: String)]

    /// Loads every `.mustache` file under `folder` (names relative, without extension).
    static func load(_ files: [(path: String, text: String)], folder: String) throws(DiagnosticError) -> TemplateSet {
        var library = MustacheLibrary()
        var sources: [String: (String, String)] = [:]
        var diagnostics: [Diagnostic] = []
        for (path, text) in files {
            var name = String(path.dropFirst(folder.count + 1))
            name.removeLast(".mustache".count)
            do {
                try library.register(text, named: name)
                sources[name] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    at: SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(describe(error.error))"))
            } catch {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1), "template syntax error: \(error)"))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return TemplateSet(library: library, sources: sources)
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "section closed with a different name than it was opened with"
        case .unfinishedName: return "unfinished tag name"
        case .expectedSectionEnd: return "section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// Checks template `name` as it would render with a context of `shape`.
    func validate(_ name: String, shape: Shape, requiredBy location: SourceLocation?) -> [Diagnostic] {
        guard sources[name] != nil else {
            let at = location ?? SourceLocation(path: "Templates/\(name).mustache", line: 1, column: 1)
            return [.error(at: at, "missing template '\(name).mustache'")]
        }
        var checker = Checker(set: self)
        checker.check(name, stack: [shape], depth: 0)
        return checker.diagnostics
    }

    /// Renders template `name`; validation has already proved it exists.
    func render(_ name: String, context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

/// The shape of a template context, to check templates against.
indirect enum Shape: Sendable {
    case text
    /// Already-escaped HTML: the only thing allowed in `{{{ }}}`.
    case html
    case flag
    case list(Shape)
    case object([String: Shape])
    /// A key that may be absent; only usable as a section or inverted section.
    case optional(Shape)

    func child(_ name: String) -> Shape? {
        switch self {
        case .object(let fields): fields[name]
        case .optional(let inner): inner.child(name)
        default: nil
        }
    }
}

private struct Checker {
    let set: TemplateSet
    var diagnostics: [Diagnostic] = []
    var checked = Set<String>()

    private struct Tag {
        enum Kind { case variable, raw, section, inverted, close, partial, parent, block, comment, other }
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
    }

    mutating func check(_ name: String, stack: [Shape], depth: Int) {
        guard depth < 16, let source = set.sources[name] else { return }
        let key = "\(name)#\(stack.count)#\(depth)"
        if checked.contains(key) && depth > 0 { return }
        checked.insert(key)
        var stack = stack
        // Sections open a new context; blocks and parents do not, but they close with {{/x}} too.
        var opened: [Bool] = []
        // Names proved present by an enclosing {{#name}} (a section on an optional value).
        var narrowed: [String?] = []
        func present(_ name: String) -> Bool { narrowed.contains(name) }
        for tag in Self.tags(source.text) {
            let at = SourceLocation(path: source.path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .variable, .raw:
                guard var shape = resolve(tag.name, stack) else {
                    unknown(tag.name, at: at, stack: stack)
                    continue
                }
                if case .optional(let inner) = shape, present(tag.name) { shape = inner }
                if case .optional = shape, !present(tag.name) {
                    diagnostics.append(.error(at: at, "'\(tag.name)' may be absent; use it inside {{#\(tag.name)}}…{{/\(tag.name)}}"))
                } else if tag.kind == .raw, !isHTML(shape) {
                    diagnostics.append(.error(at: at, "'\(tag.name)' is text and must be escaped: write {{\(tag.name)}}, not the raw form"))
                } else if tag.kind == .variable, isHTML(shape) {
                    diagnostics.append(.error(at: at, "'\(tag.name)' is HTML; write {{{\(tag.name)}}} to insert it"))
                } else if case .list = shape {
                    diagnostics.append(.error(at: at, "'\(tag.name)' is a list; use it as a section {{#\(tag.name)}}…{{/\(tag.name)}}"))
                }
            case .section, .inverted:
                guard let shape = resolve(tag.name, stack) else {
                    unknown(tag.name, at: at, stack: stack)
                    stack.append(.object([:]))
                    opened.append(true)
                    narrowed.append(nil)
                    continue
                }
                var inner = shape
                if case .optional(let s) = inner { inner = s }
                if tag.kind == .section, case .list(let element) = inner { inner = element }
                stack.append(tag.kind == .inverted ? stack.last ?? inner : inner)
                opened.append(true)
                narrowed.append(tag.kind == .section ? tag.name : nil)
            case .block, .parent:
                opened.append(false)
                narrowed.append(nil)
                if tag.kind == .parent { check(tag.name, stack: stack, depth: depth + 1, from: at) }
            case .close:
                _ = narrowed.popLast()
                if let pushed = opened.popLast(), pushed, stack.count > 1 { stack.removeLast() }
            case .partial:
                check(tag.name, stack: stack, depth: depth + 1, from: at)
            case .comment, .other:
                break
            }
        }
    }

    private mutating func check(_ name: String, stack: [Shape], depth: Int, from location: SourceLocation) {
        if set.sources[name] == nil {
            diagnostics.append(.error(at: location, "missing template '\(name).mustache'",
                                      hint: Suggestion.hint(for: name, in: Array(set.sources.keys))))
            return
        }
        check(name, stack: stack, depth: depth)
    }

    private mutating func unknown(_ name: String, at location: SourceLocation, stack: [Shape]) {
        var names: [String] = []
        for shape in stack { if case .object(let fields) = shape { names += fields.keys } }
        diagnostics.append(.error(at: location, "unknown value '\(name)' in template",
                                  hint: Suggestion.hint(for: name, in: names)))
    }

    private func isHTML(_ shape: Shape) -> Bool {
        if case .html = shape { return true }
        return false
    }

    /// Resolves a (dotted) name the way Mustache does: the first part up the context stack.
    private func resolve(_ name: String, _ stack: [Shape]) -> Shape? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for shape in stack.reversed() {
            if var found = shape.child(first) {
                for part in parts.dropFirst() {
                    guard let next = found.child(part) else { return nil }
                    found = next
                }
                return found
            }
        }
        return nil
    }

    /// The tags of a template in order, with positions (default delimiters only).
    private static func tags(_ text: String) -> [Tag] {
        var result: [Tag] = []
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard bytes[i] == 0x7B, bytes[i + 1] == 0x7B else { i += 1; continue }
            let column = String(decoding: bytes[lineStart..<i], as: UTF8.self).count + 1
            let triple = i + 2 < bytes.count && bytes[i + 2] == 0x7B
            var j = i + (triple ? 3 : 2)
            let start = j
            while j + 1 < bytes.count, !(bytes[j] == 0x7D && bytes[j + 1] == 0x7D) { j += 1 }
            var inner = String(decoding: bytes[start..<min(j, bytes.count)], as: UTF8.self)
            let end = j + (triple ? 3 : 2)
            for b in bytes[i..<min(end, bytes.count)] where b == 0x0A { line += 1 }
            i = end
            var kind = Tag.Kind.variable
            if triple { kind = .raw } else if let sigil = inner.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "&": kind = .raw
                case "%", "=": kind = .other
                default: break
                }
                if kind != .variable { inner.removeFirst() }
            }
            var name = inner.trimmingSpaces
            // A transform such as uppercased(name) checks its argument.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            }
            result.append(Tag(kind: kind, name: name, line: line, column: column))
        }
        return result
    }
}
