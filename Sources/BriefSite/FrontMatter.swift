import BriefDiagnostics

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: YAMLNode
    /// The body with the front matter's lines blanked, so cmark's line numbers are the file's.
    var body: String
    /// The line the body starts on.
    var bodyLine: Int

    /// Splits `text` (LF line ends) and parses the YAML. A file must start with `---`; a missing
    /// closing line is an error.
    static func split(_ text: String, path: String) throws(DiagnosticError) -> FrontMatter {
        let located = try locate(text, path: path)
        let yaml = try YAMLReader.parse(located.yaml, path: path, firstLine: 2)
        return FrontMatter(yaml: yaml, body: located.body, bodyLine: located.bodyLine)
    }

    /// Finds the front matter's text (from line 2) and the body, without parsing the YAML.
    static func locate(_ text: String, path: String) throws(DiagnosticError) -> (yaml: String, body: String, bodyLine: Int) {
        let start = SourceLocation(path: path, line: 1, column: 1)
        let bytes = Array(text.utf8)
        guard bytes.starts(with: Array("---\n".utf8)) || bytes == Array("---".utf8) else {
            if bytes.isEmpty {
                throw DiagnosticError([.error(at: start, "file is empty; a brief needs front matter with a title and date")])
            }
            throw DiagnosticError([.error(
                at: start, "missing front matter; start the file with a '---' line, then title and date, then '---'")])
        }
        // The closing line is "---" or "..." alone on a line (trailing spaces allowed).
        var lineNumber = 2
        var lineStart = 4
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var trimmedEnd = lineEnd
            while trimmedEnd > lineStart && bytes[trimmedEnd - 1] == 0x20 { trimmedEnd -= 1 }
            var trimmedStart = lineStart
            while trimmedStart < trimmedEnd && bytes[trimmedStart] == 0x20 { trimmedStart += 1 }
            let line = bytes[trimmedStart..<trimmedEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = lineStart > 4 ? String(decoding: bytes[4..<(lineStart - 1)], as: UTF8.self) : ""
                let bodyStart = min(lineEnd + 1, bytes.count)
                var body = String(repeating: "\n", count: lineNumber)
                body += String(decoding: bytes[bodyStart...], as: UTF8.self)
                return (yaml, body, lineNumber + 1)
            }
            if lineEnd >= bytes.count { break }
            lineNumber += 1
            lineStart = lineEnd + 1
        }
        throw DiagnosticError([.error(at: start, "front matter is not closed; add a '---' line after it")])
    }
}
