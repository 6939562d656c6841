import BriefDiagnostics

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: YAMLNode
    /// The body with the front matter's lines blanked, so cmark's line numbers are the file's.
    var body: String
    /// The line the body starts on.
    var bodyLine: Int

    /// Splits `text` (LF line ends). A file must start with `---`; a missing closing line is an error.
    static func split(_ text: String, path: String) throws(DiagnosticError) -> FrontMatter {
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard text.hasPrefix("---\n") || text == "---" || text.hasPrefix("---\r") else {
            if text.isEmpty {
                throw DiagnosticError([.error(at: start, "file is empty; a brief needs front matter with a title and date")])
            }
            throw DiagnosticError([.error(
                at: start, "missing front matter; start the file with a '---' line, then title and date, then '---'")])
        }
        // Find the closing line: "---" or "..." alone on a line.
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var closing: Int?
        var bodyStart = text.endIndex
        var index = text.startIndex
        var lineStart = text.startIndex
        while index <= text.endIndex {
            if index == text.endIndex || text[index] == "\n" {
                let line = text[lineStart..<index]
                if lineNumber > 1 {
                    let trimmed = line.drop { $0 == " " }.reversed().drop { $0 == " " }
                    if String(trimmed.reversed()) == "---" || String(trimmed.reversed()) == "..." {
                        closing = lineNumber
                        bodyStart = index == text.endIndex ? index : text.index(after: index)
                        break
                    }
                    yamlLines.append(line)
                }
                if index == text.endIndex { break }
                lineNumber += 1
                lineStart = text.index(after: index)
            }
            index = text.index(after: index)
        }
        guard let closing else {
            throw DiagnosticError([.error(at: start, "front matter is not closed; add a '---' line after it")])
        }
        let yaml = try YAMLReader.parse(yamlLines.joined(separator: "\n"), path: path, firstLine: 2)
        let blank = String(repeating: "\n", count: closing)
        return FrontMatter(yaml: yaml, body: blank + text[bodyStart...], bodyLine: closing + 1)
    }
}
