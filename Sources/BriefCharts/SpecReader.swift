import BriefData
import BriefDiagnostics

/// Reads typed values out of a located YAML mapping, collecting a diagnostic per mistake
/// instead of stopping at the first.
struct SpecReader {
    var diagnostics: [Diagnostic] = []
    /// "chart" or "table", for messages.
    let block: String

    mutating func error(_ at: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: at, message, hint: hint))
    }

    /// Text for `key`; nil when absent or null. Anything but a scalar is an error.
    mutating func text(_ entry: YAMLEntry) -> String? {
        switch entry.value {
        case .scalar(let s, _, _): return s
        case .null: return nil
        default:
            error(entry.value.location, "'\(entry.key)' must be text, not \(entry.value.kindName)")
            return nil
        }
    }

    mutating func bool(_ entry: YAMLEntry) -> Bool? {
        guard case .scalar(let s, let quoted, let at) = entry.value, !quoted else {
            error(entry.value.location, "'\(entry.key)' must be true or false, not \(entry.value.kindName)")
            return nil
        }
        switch s {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(at, "'\(entry.key)' must be true or false, not \"\(s)\"")
            return nil
        }
    }

    mutating func number(_ entry: YAMLEntry) -> Double? {
        guard case .scalar(let s, _, let at) = entry.value else {
            error(entry.value.location, "'\(entry.key)' must be a number, not \(entry.value.kindName)")
            return nil
        }
        if let v = SpecReader.parseNumber(s) { return v }
        let plain = s.filter { $0 != "," && $0 != "_" && $0 != " " }
        error(at, "'\(entry.key)' must be a number, not \"\(s)\"",
              hint: SpecReader.parseNumber(plain) != nil ? "write \(plain)" : nil)
        return nil
    }

    /// A plain decimal as written in a spec or a CSV, read the same in every locale.
    static func parseNumber(_ s: String) -> Double? {
        let t = s.trimmingSpaces
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// The closest known name as a hint, else the list of known names.
    static func hint(for name: String, in candidates: [String], listName: String) -> String? {
        if let h = Suggestion.hint(for: name, in: candidates) { return h }
        guard !candidates.isEmpty else { return nil }
        let shown = candidates.prefix(12).joined(separator: ", ")
        return "\(listName): \(shown)\(candidates.count > 12 ? ", …" : "")"
    }

    /// Checks that `node` is a mapping and every key is known; returns its entries.
    mutating func entries(of node: YAMLNode, known: [String], what: String) -> [YAMLEntry]? {
        guard let entries = node.entries else {
            error(node.location, "\(what) must be a YAML mapping of keys such as \(known.prefix(5).joined(separator: ", ")), not \(node.kindName)")
            return nil
        }
        var seen = Set<String>()
        for entry in entries {
            if !known.contains(entry.key) {
                error(entry.keyLocation, "unknown key '\(entry.key)' in \(what)",
                      hint: SpecReader.hint(for: entry.key, in: known, listName: "known keys"))
            } else if !seen.insert(entry.key).inserted {
                error(entry.keyLocation, "'\(entry.key)' is given twice in \(what)")
            }
        }
        return entries.filter { known.contains($0.key) }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
