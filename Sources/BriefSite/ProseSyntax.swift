/// The syntax Brief finds inside cmark's text nodes: footnote references `[^id]`, citations
/// `[@key]`, `[@key, p. 4]`, `[see @a; -@b]` and narrative `@key`, and cross-references
/// `@fig-…`/`@tbl-…` (Pandoc's and Quarto's spellings). Pure functions over a text node's literal.
enum ProseSyntax {
    struct CiteItem: Equatable {
        var key: String
        var prefix: String
        var locator: String
        /// `-@key`: the year alone, "(2020)".
        var suppressAuthor: Bool
    }

    enum Token: Equatable {
        case footnoteRef(label: String)
        case citation([CiteItem], bracketed: Bool)
        case crossRef(id: String)
    }

    struct Match: Equatable {
        /// Offsets in Characters of the literal.
        var range: Range<Int>
        var token: Token
    }

    static func isCrossRef(_ key: String) -> Bool { key.hasPrefix("fig-") || key.hasPrefix("tbl-") }

    /// `[^label]:` opening a text: the footnote definition marker, with the length to strip
    /// (marker and the spaces after it).
    static func definitionMarker(_ chars: [Character], escapes: Set<Int>) -> (label: String, length: Int)? {
        guard chars.count > 4, chars[0] == "[", chars[1] == "^", !escapes.contains(0), !escapes.contains(1) else { return nil }
        var j = 2
        var label = ""
        while j < chars.count, chars[j] != "]", !chars[j].isWhitespace, chars[j] != "[" { label.append(chars[j]); j += 1 }
        guard !label.isEmpty, j + 1 < chars.count, chars[j] == "]", !escapes.contains(j), chars[j + 1] == ":" else { return nil }
        var end = j + 2
        while end < chars.count, chars[end] == " " || chars[end] == "\t" { end += 1 }
        return (label, end)
    }

    static func isKeyStart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// A citation key from `start`: Pandoc's rule (letters, digits, `_`, and `:.#$%&-+?<>~/`
    /// inside it, never at its end).
    static func key(in chars: [Character], from start: Int) -> String {
        guard start < chars.count, isKeyStart(chars[start]) else { return "" }
        var j = start
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || "_:.#$%&-+?<>~/".contains(chars[j]) { j += 1 }
        while j > start, !(chars[j - 1].isLetter || chars[j - 1].isNumber || chars[j - 1] == "_") { j -= 1 }
        return String(chars[start..<j])
    }

    /// Every token in a text's literal, in order. `escapes` are offsets written escaped.
    static func scan(_ chars: [Character], escapes: Set<Int>) -> [Match] {
        var out: [Match] = []
        var i = 0
        let n = chars.count
        while i < n {
            let c = chars[i]
            if c == "[", !escapes.contains(i) {
                if i + 1 < n, chars[i + 1] == "^", !escapes.contains(i + 1) {
                    var j = i + 2
                    var label = ""
                    while j < n, chars[j] != "]", !chars[j].isWhitespace, chars[j] != "[" { label.append(chars[j]); j += 1 }
                    if j < n, chars[j] == "]", !escapes.contains(j), !label.isEmpty {
                        out.append(Match(range: i..<(j + 1), token: .footnoteRef(label: label)))
                        i = j + 1
                        continue
                    }
                }
                var j = i + 1
                while j < n, chars[j] != "]", chars[j] != "[" { j += 1 }
                if j < n, chars[j] == "]", !escapes.contains(j),
                   !(i + 1..<j).contains(where: { chars[$0] == "@" && escapes.contains($0) }),
                   let items = citeItems(Array(chars[(i + 1)..<j])) {
                    out.append(Match(range: i..<(j + 1), token: .citation(items, bracketed: true)))
                    i = j + 1
                    continue
                }
            }
            if c == "@", !escapes.contains(i) {
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let wordBefore = before.map { $0.isLetter || $0.isNumber || $0 == "@" || $0 == "_" } ?? false
                let k = key(in: chars, from: i + 1)
                if !wordBefore, !k.isEmpty {
                    let token: Token = isCrossRef(k)
                        ? .crossRef(id: k)
                        : .citation([CiteItem(key: k, prefix: "", locator: "", suppressAuthor: false)], bracketed: false)
                    out.append(Match(range: i..<(i + 1 + k.count), token: token))
                    i += 1 + k.count
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The items of `[see @a, p. 4; -@b]`, or nil when any item has no `@key` (then it is text).
    static func citeItems(_ inner: [Character]) -> [CiteItem]? {
        var items: [CiteItem] = []
        for part in inner.split(separator: ";", omittingEmptySubsequences: false) {
            let chars = Array(part)
            var at: Int?
            for (n, c) in chars.enumerated() where c == "@" {
                let before: Character? = n > 0 ? chars[n - 1] : nil
                if before == nil || before == " " || before == "-" || before == "\u{A0}" { at = n; break }
            }
            guard let at else { return nil }
            let k = key(in: chars, from: at + 1)
            guard !k.isEmpty else { return nil }
            var prefix = String(chars[..<at])
            var suppress = false
            if prefix.hasSuffix("-") { suppress = true; prefix.removeLast() }
            var rest = String(chars[(at + 1 + k.count)...]).trimmingSpaces
            if rest.hasPrefix(",") { rest = String(rest.dropFirst()).trimmingSpaces }
            items.append(CiteItem(key: k, prefix: prefix.trimmingSpaces, locator: rest, suppressAuthor: suppress))
        }
        return items.isEmpty ? nil : items
    }
}

/// A GFM pipe table found in a paragraph's source lines.
struct PipeTable: Equatable {
    enum Alignment: Equatable { case none, left, center, right }

    struct Cell: Equatable {
        var text: String
        /// 1-based line and column of the cell's text in the Markdown file.
        var line: Int
        var column: Int
    }

    var header: [Cell]
    var alignments: [Alignment]
    var rows: [[Cell]]
    var caption: Cell?
    /// `Table: caption {#tbl-id}`.
    var id: String?

    /// Parses `lines` (the paragraph's source lines, first at `firstLine`) as a table, or nil
    /// when they are not one (no delimiter row, or cell counts that differ: a paragraph, as GFM).
    static func parse(_ lines: [String], firstLine: Int) -> PipeTable? {
        guard lines.count >= 2, lines[0].contains("|") || lines[1].contains("|") else { return nil }
        guard let alignments = delimiterRow(lines[1]) else { return nil }
        let header = cells(lines[0], line: firstLine)
        guard header.count == alignments.count else { return nil }
        var rows: [[Cell]] = []
        var caption: Cell?
        var id: String?
        for (n, line) in lines.enumerated().dropFirst(2) {
            let trimmed = line.trimmingSpaces
            if n == lines.count - 1, trimmed.hasPrefix("Table:") {
                let lead = line.prefix { $0 == " " }.count
                var text = String(trimmed.dropFirst(6)).trimmingSpaces
                (text, id) = captionID(text)
                caption = Cell(text: text, line: firstLine + n, column: lead + 7 + (trimmed.dropFirst(6).prefix { $0 == " " }.count))
                continue
            }
            var row = cells(line, line: firstLine + n)
            if row.count > alignments.count { row.removeLast(row.count - alignments.count) }
            while row.count < alignments.count { row.append(Cell(text: "", line: firstLine + n, column: line.count + 1)) }
            rows.append(row)
        }
        return PipeTable(header: header, alignments: alignments, rows: rows, caption: caption, id: id)
    }

    /// "Caption {#tbl-x}" → ("Caption", "tbl-x").
    static func captionID(_ text: String) -> (String, String?) {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{") else { return (text, nil) }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard inner.hasPrefix("#") else { return (text, nil) }
        return (String(text[..<open]).trimmingSpaces, String(inner.dropFirst()))
    }

    static func delimiterRow(_ line: String) -> [Alignment]? {
        var body = Substring(line.trimmingSpaces)
        guard body.contains("-") else { return nil }
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        var result: [Alignment] = []
        for part in body.split(separator: "|", omittingEmptySubsequences: false) {
            let p = String(part).trimmingSpaces
            let left = p.hasPrefix(":"), right = p.hasSuffix(":")
            let dashes = p.dropFirst(left ? 1 : 0).dropLast(right && p.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// Splits a row on unescaped `|` (also inside code spans, as GFM does); `\|` becomes `|`.
    static func cells(_ line: String, line number: Int) -> [Cell] {
        let chars = Array(line)
        var cells: [Cell] = []
        var i = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        if i < chars.count, chars[i] == "|" { i += 1 }
        var current = ""
        var start = i
        var closed = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "|" {
                current.append("|"); i += 2; closed = false; continue
            }
            if c == "|" {
                cells.append(cell(current, line: number, column: start))
                current = ""
                i += 1
                start = i
                closed = true
                continue
            }
            current.append(c)
            if !c.isWhitespace { closed = false }
            i += 1
        }
        if !closed || !current.trimmingSpaces.isEmpty { cells.append(cell(current, line: number, column: start)) }
        return cells
    }

    private static func cell(_ raw: String, line: Int, column: Int) -> Cell {
        let lead = raw.prefix { $0 == " " || $0 == "\t" }.count
        return Cell(text: raw.trimmingSpaces, line: line, column: column + lead + 1)
    }
}

/// Makes a line of inline Markdown safe to parse as a document of its own (a table cell, a
/// one-line footnote): a leading `#`, `>`, `-`, `+`, `=`, `~`, `* `, `1.` or `|` is escaped so
/// it cannot open a block; the text renders the same.
func blockSafe(_ text: String) -> String {
    guard let first = text.first else { return text }
    if "#>+=~|".contains(first) { return "\\" + text }
    if first == "-" || first == "_" || first == "*" {
        let second = text.dropFirst().first
        if second == nil || second == " " || second == first { return "\\" + text }
    }
    if first.isASCII, first.isNumber {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let after = text.dropFirst(digits.count)
        if digits.count <= 9, let mark = after.first, mark == "." || mark == ")",
           after.dropFirst().first == nil || after.dropFirst().first == " " {
            return String(digits) + "\\" + after
        }
    }
    return text
}
