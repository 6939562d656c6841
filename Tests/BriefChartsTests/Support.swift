import BriefCharts
import BriefData
import BriefDiagnostics
import BriefSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A tiny YAML reader for chart specs in tests: `key: scalar`, `key: [a, b]`, `key: {a: b}`
/// and `key:` followed by `  - {…}` lines, with exact 1-based line and column locations,
/// the way BriefSite's converter reports them.
enum MiniYAML {
    static let path = "Content/briefs/test.md"

    static func parse(_ text: String, firstLine: Int = 1) -> YAMLNode {
        var entries: [YAMLEntry] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let lineNo = firstLine + i
            i += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix(" ") { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            let keyLoc = SourceLocation(path: path, line: lineNo, column: 1)
            let rest = line[line.index(after: colon)...]
            let leading = rest.prefix { $0 == " " }.count
            let valueText = String(rest.dropFirst(leading))
            let valueCol = line.distance(from: line.startIndex, to: colon) + 2 + leading
            if valueText.isEmpty {
                // A block list follows?
                var items: [YAMLNode] = []
                while i < lines.count, lines[i].hasPrefix("  - ") {
                    let itemLine = lines[i]
                    items.append(value(String(itemLine.dropFirst(4)), line: firstLine + i, column: 5))
                    i += 1
                }
                let node: YAMLNode = items.isEmpty
                    ? .null(at: SourceLocation(path: path, line: lineNo, column: valueCol))
                    : .sequence(items, at: SourceLocation(path: path, line: lineNo + 1, column: 3))
                entries.append(YAMLEntry(key: key, keyLocation: keyLoc, value: node))
            } else {
                entries.append(YAMLEntry(key: key, keyLocation: keyLoc, value: value(valueText, line: lineNo, column: valueCol)))
            }
        }
        return .mapping(entries, at: SourceLocation(path: path, line: firstLine, column: 1))
    }

    /// A scalar, `[a, b]` or `{k: v, …}` starting at `column`.
    static func value(_ text: String, line: Int, column: Int) -> YAMLNode {
        let at = SourceLocation(path: path, line: line, column: column)
        if text.hasPrefix("[") && text.hasSuffix("]") {
            return .sequence(items(text, line: line, column: column).map { scalar($0.0, line: line, column: $0.1) }, at: at)
        }
        if text.hasPrefix("{") && text.hasSuffix("}") {
            var entries: [YAMLEntry] = []
            for (part, col) in items(text, line: line, column: column) {
                guard let colon = part.firstIndex(of: ":") else { continue }
                let key = String(part[..<colon])
                let rest = part[part.index(after: colon)...]
                let lead = rest.prefix { $0 == " " }.count
                let vcol = col + part.distance(from: part.startIndex, to: colon) + 1 + lead
                entries.append(YAMLEntry(key: key, keyLocation: SourceLocation(path: path, line: line, column: col),
                                         value: scalar(String(rest.dropFirst(lead)), line: line, column: vcol)))
            }
            return .mapping(entries, at: at)
        }
        return scalar(text, line: line, column: column)
    }

    static func scalar(_ text: String, line: Int, column: Int) -> YAMLNode {
        let at = SourceLocation(path: path, line: line, column: column)
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return .scalar(String(text.dropFirst().dropLast()), quoted: true, at: at)
        }
        return .scalar(text, quoted: false, at: at)
    }

    /// Comma-separated parts of a flow collection with the column each starts at.
    static func items(_ text: String, line: Int, column: Int) -> [(String, Int)] {
        let inner = Array(text.dropFirst().dropLast())
        var out: [(String, Int)] = []
        var current = "", start = -1, quoted = false
        for (k, ch) in inner.enumerated() {
            if ch == "\"" { quoted.toggle() }
            if ch == "," && !quoted {
                if start >= 0 { out.append((current, column + 1 + start)) }
                current = ""
                start = -1
                continue
            }
            if start < 0 && ch == " " { continue }
            if start < 0 { start = k }
            current.append(ch)
        }
        if start >= 0 { out.append((current.trimmingCharacters(in: .whitespaces), column + 1 + start)) }
        return out
    }
}

/// Golden files in Golden/ next to this file. UPDATE_GOLDEN=1 rewrites them; on a mismatch
/// the output is written beside the golden as `<name>.actual.<ext>` (git-ignored).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ name: String, ext: String, _ actual: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent("\(name).\(ext)")
        let actualFile = directory.appendingPathComponent("\(name).actual.\(ext)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
            Issue.record("missing golden \(file.lastPathComponent); run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected == actual {
            try? FileManager.default.removeItem(at: actualFile)
        } else {
            try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
            Issue.record("\(name).\(ext) differs from its golden; see \(actualFile.lastPathComponent)", sourceLocation: sourceLocation)
        }
    }
}

/// Every `<svg>…</svg>` in `html`.
func svgs(in html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        out.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return out
}

/// Parses `xml` with Foundation's XMLParser; returns the error text, or nil when well formed.
func xmlError(_ xml: String) -> String? {
    let parser = XMLParser(data: Data(xml.utf8))
    let ok = parser.parse()
    return ok ? nil : (parser.parserError.map { "\($0)" } ?? "not well formed")
}

/// A figure context with stable links.
func context(_ id: String = "chart-1", text: InterfaceText = english) -> FigureContext {
    FigureContext(id: id, datasetHref: "../../data/sbp_trade_with_us/", downloadHref: "../../data/sbp_trade_with_us.csv", text: text)
}

/// The theme's language files, read as a site build reads them.
func language(_ code: String) -> InterfaceText {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates/i18n/\(code).yml").path
    let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return (try? LanguageFile.load(source, code: code, path: "Templates/i18n/\(code).yml")) ?? .placeholder
}

let english = language("en")
let urdu = language("ur")

