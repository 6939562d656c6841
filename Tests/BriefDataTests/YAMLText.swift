import BriefData
import BriefDiagnostics

/// A small YAML reader for metadata in tests, with exact locations: `key: value` lines, one
/// level of indented block mappings, and flow mappings and lists (`{a: 1, b: [x, "y"]}`), with
/// double-quoted scalars (`\"` and `\t` escapes). Enough for `csv:`/`xlsx:`/`columns:` blocks.
enum YAMLText {
    static func parse(_ text: String, path: String = "data/t.yml") -> YAMLNode {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var i = 0
        func block(indent: Int, line: Int) -> YAMLNode {
            var entries: [YAMLEntry] = []
            while i < lines.count {
                let chars = lines[i]
                let lead = chars.prefix { $0 == " " }.count
                if chars.count == lead { i += 1; continue }
                if lead < indent { break }
                let lineNo = i + 1
                i += 1
                guard let colon = chars.firstIndex(of: ":") else { continue }
                let key = String(chars[lead..<colon])
                var p = colon + 1
                while p < chars.count && chars[p] == " " { p += 1 }
                let keyAt = SourceLocation(path: path, line: lineNo, column: lead + 1)
                if p >= chars.count {
                    let nextLead = i < lines.count ? lines[i].prefix { $0 == " " }.count : 0
                    let value = nextLead > lead && i < lines.count
                        ? block(indent: nextLead, line: i + 1)
                        : .null(at: SourceLocation(path: path, line: lineNo, column: colon + 2))
                    entries.append(YAMLEntry(key: key, keyLocation: keyAt, value: value))
                } else {
                    var q = p
                    entries.append(YAMLEntry(key: key, keyLocation: keyAt, value: flow(chars, &q, line: lineNo)))
                }
            }
            return .mapping(entries, at: SourceLocation(path: path, line: line, column: indent + 1))
        }
        func flow(_ c: [Character], _ p: inout Int, line: Int) -> YAMLNode {
            func skip() { while p < c.count && c[p] == " " { p += 1 } }
            skip()
            let at = SourceLocation(path: path, line: line, column: p + 1)
            guard p < c.count else { return .null(at: at) }
            if c[p] == "{" || c[p] == "[" {
                let isMap = c[p] == "{"
                let close: Character = isMap ? "}" : "]"
                p += 1
                var entries: [YAMLEntry] = []
                var items: [YAMLNode] = []
                skip()
                while p < c.count && c[p] != close {
                    if isMap {
                        let keyAt = SourceLocation(path: path, line: line, column: p + 1)
                        var k = ""
                        while p < c.count && c[p] != ":" { k.append(c[p]); p += 1 }
                        p += 1
                        entries.append(YAMLEntry(key: k, keyLocation: keyAt, value: flow(c, &p, line: line)))
                    } else {
                        items.append(flow(c, &p, line: line))
                    }
                    skip()
                    if p < c.count && c[p] == "," { p += 1 }
                    skip()
                }
                p += 1
                return isMap ? .mapping(entries, at: at) : .sequence(items, at: at)
            }
            if c[p] == "\"" {
                p += 1
                var s = ""
                while p < c.count && c[p] != "\"" {
                    if c[p] == "\\" && p + 1 < c.count {
                        p += 1
                        s.append(c[p] == "t" ? "\t" : c[p])
                    } else {
                        s.append(c[p])
                    }
                    p += 1
                }
                p += 1
                return .scalar(s, quoted: true, at: at)
            }
            var s = ""
            while p < c.count && c[p] != "," && c[p] != "}" && c[p] != "]" { s.append(c[p]); p += 1 }
            while s.hasSuffix(" ") { s.removeLast() }
            return .scalar(s, quoted: false, at: at)
        }
        return block(indent: 0, line: 1)
    }
}
