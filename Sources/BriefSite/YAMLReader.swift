import BriefDiagnostics
import CYaml
import Yams

/// Reads YAML (front matter, site.yml, dataset metadata, chart specs) into a located `YAMLNode`,
/// with every position counted in the file the YAML sits in.
enum YAMLReader {
    /// Work limits: YAML anchors can make a small text expand into a huge tree.
    static let maxNodes = 200_000
    static let maxDepth = 64

    /// Parses `text`, which starts at line `firstLine` (1-based) and is indented by `columnOffset`
    /// columns of `path`. An empty document is `.null`.
    static func parse(
        _ text: String, path: String, firstLine: Int = 1, columnOffset: Int = 0
    ) throws(DiagnosticError) -> YAMLNode {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(
                path: path, line: (mark?.line ?? 1) + firstLine - 1,
                column: (mark?.column ?? 1) + columnOffset)
        }
        if let depthProblem = excessiveNesting(text) {
            throw DiagnosticError([.error(
                at: SourceLocation(path: path, line: depthProblem + firstLine - 1, column: 1 + columnOffset),
                "YAML is nested more than \(maxDepth) levels deep")])
        }
        if let alias = firstAlias(text) {
            throw DiagnosticError([.error(
                at: SourceLocation(path: path, line: alias.line + firstLine - 1, column: alias.column + columnOffset),
                "YAML aliases (*name) are not supported; write the value out in full")])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DiagnosticError([diagnostic(for: error, location: location)])
        } catch {
            throw DiagnosticError([.error(at: location(nil), "could not read YAML: \(error)")])
        }
        guard let node else { return .null(at: location(nil)) }
        var budget = maxNodes
        return try convert(node, depth: 0, budget: &budget, location: location)
    }

    private static func convert(
        _ node: Node, depth: Int, budget: inout Int, location: (Mark?) -> SourceLocation
    ) throws(DiagnosticError) -> YAMLNode {
        budget -= 1
        let here = location(node.mark)
        guard budget > 0, depth < maxDepth else {
            throw DiagnosticError([.error(at: here, "YAML is too large (aliases expand to more than \(maxNodes) values)")])
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            if !quoted, node.tag.rawValue == Tag.Name.null.rawValue {
                return .null(at: here)
            }
            return .scalar(scalar.string, quoted: quoted, at: here)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                items.append(try convert(item, depth: depth + 1, budget: &budget, location: location))
            }
            return .sequence(items, at: here)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                let keyText = key.string ?? ""
                let keyLocation = location(key.mark)
                if let first = seen[keyText] {
                    throw DiagnosticError([.error(
                        at: keyLocation, "duplicate key '\(keyText)' (first at line \(first.line))")])
                }
                seen[keyText] = keyLocation
                entries.append(YAMLEntry(
                    key: keyText, keyLocation: keyLocation,
                    value: try convert(value, depth: depth + 1, budget: &budget, location: location)))
            }
            return .mapping(entries, at: here)
        case .alias:
            throw DiagnosticError([.error(at: here, "YAML aliases are not supported")])
        }
    }

    private static func diagnostic(for error: YamlError, location: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(location(context.mark).line))" }
            return .error(at: location(mark), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: location(context.mark), "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, _, _, _):
            return .error(at: location(nil), "invalid YAML: \(problem)")
        default:
            return .error(at: location(nil), "invalid YAML: \(error)")
        }
    }

    /// Where the first alias (`*name`) is, found with libyaml's event parser before anything is
    /// composed: Yams expands aliases while composing and hashes every mapping key, so an alias
    /// of an alias-built node used as a key costs exponential time before any budget can apply.
    /// Syntax errors are left for the composer to report.
    private static func firstAlias(_ text: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (line: Int, column: Int)? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                let mark = event.start_mark
                yaml_event_delete(&event)
                if type == YAML_ALIAS_EVENT { return (Int(mark.line) + 1, Int(mark.column) + 1) }
                if type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }

    /// The line where flow brackets or block indentation first go deeper than `maxDepth`
    /// (libyaml and Yams recurse on depth, so deep input is refused before parsing).
    private static func excessiveNesting(_ text: String) -> Int? {
        var depth = 0, line = 1, indent = 0, atLineStart = true, dashes = 0
        var quote: UInt8? = nil
        for byte in text.utf8 {
            if byte == 0x0A { line += 1; indent = 0; atLineStart = true; dashes = 0; quote = nil; continue }
            if let q = quote { if byte == q { quote = nil }; continue }
            if atLineStart {
                if byte == 0x20 { indent += 1; if indent > maxDepth * 8 { return line }; continue }
                if byte == 0x2D { dashes += 1; if dashes > maxDepth { return line }; continue }
                atLineStart = false
            }
            switch byte {
            case 0x5B, 0x7B: depth += 1; if depth > maxDepth { return line }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            case 0x22, 0x27: quote = byte
            default: break
            }
        }
        return nil
    }
}
