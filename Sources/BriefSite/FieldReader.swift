import BriefDiagnostics

/// Reads the fields of a YAML mapping with checks: unknown keys (with "did you mean"), required
/// keys, and the kind of each value. Problems are collected, not thrown one at a time.
struct FieldReader {
    let node: YAMLNode
    let what: String
    var diagnostics: [Diagnostic] = []

    /// Starts reading `node`, which must be a mapping of `allowed` keys.
    init(_ node: YAMLNode, what: String, allowed: [String]) {
        self.node = node
        self.what = what
        guard let entries = node.entries else {
            if !node.isNull {
                diagnostics.append(.error(at: node.location, "\(what) must be a mapping of keys to values, not \(node.kindName)"))
            }
            return
        }
        for entry in entries where !allowed.contains(entry.key) {
            diagnostics.append(.error(
                at: entry.keyLocation, "unknown key '\(entry.key)' in \(what)",
                hint: Suggestion.hint(for: entry.key, in: allowed)))
        }
    }

    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let value = node[key], !value.isNull else {
            if required { missing(key) }
            return nil
        }
        guard let text = value.scalar else {
            diagnostics.append(.error(at: value.location, "'\(key)' must be text, not \(value.kindName)"))
            return nil
        }
        if required && text.trimmingSpaces.isEmpty {
            diagnostics.append(.error(at: value.location, "'\(key)' must not be empty"))
            return nil
        }
        return text
    }

    mutating func date(_ key: String, required: Bool = false) -> String? {
        guard let text = text(key, required: required) else { return nil }
        guard IsoDate(text) != nil else {
            diagnostics.append(.error(
                at: node[key]?.location ?? node.location,
                "'\(key)' must be a date written YYYY-MM-DD, not '\(text)'"))
            return nil
        }
        return text
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node[key], !value.isNull else { return nil }
        switch value.scalar {
        case "true", "yes", "True", "TRUE": return true
        case "false", "no", "False", "FALSE": return false
        default:
            diagnostics.append(.error(at: value.location, "'\(key)' must be true or false"))
            return nil
        }
    }

    /// A list of text; a single text value is accepted as a list of one.
    mutating func list(_ key: String) -> [String] {
        guard let value = node[key], !value.isNull else { return [] }
        if let items = value.items {
            var result: [String] = []
            for item in items {
                if let text = item.scalar { result.append(text) } else {
                    diagnostics.append(.error(at: item.location, "each of '\(key)' must be text, not \(item.kindName)"))
                }
            }
            return result
        }
        if case .scalar(let text, let quoted, _) = value, quoted || Double(text) == nil {
            return [text]
        }
        diagnostics.append(.error(at: value.location, "'\(key)' must be a list, like [a, b]"))
        return []
    }

    private mutating func missing(_ key: String) {
        diagnostics.append(.error(at: node.location, "\(what) needs '\(key)'"))
    }
}

/// A calendar date written YYYY-MM-DD.
struct IsoDate: Comparable, Hashable {
    let year: Int, month: Int, day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard d <= days else { return nil }
        year = y; month = m; day = d
    }

    static func < (a: IsoDate, b: IsoDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    var text: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
