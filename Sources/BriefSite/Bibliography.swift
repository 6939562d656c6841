import BriefDiagnostics

/// One entry of `Content/references.bib`.
struct BibEntry: Sendable, Hashable {
    /// The citation key, as written (`@key` in prose).
    var key: String
    /// The entry type, lowercased (`article`, `book`, `report`, `online`, …).
    var type: String
    /// Field values as written (macros expanded, `#` concatenated), LaTeX not yet cleaned;
    /// names lowercased.
    var raw: [String: String]
    var location: SourceLocation

    /// A field as plain text: LaTeX accents, escapes, dashes and braces resolved.
    func text(_ field: String) -> String? {
        guard let value = raw[field] else { return nil }
        let cleaned = LaTeXText.clean(value)
        return cleaned.isEmpty ? nil : cleaned
    }
}

/// A BibTeX bibliography, parsed by hand: `@type{key, field = {…} | "…" | 123 | macro # …}`,
/// `@string`, `@comment` and `@preamble`, as reference managers (Zotero, JabRef, Mendeley) export.
/// Text outside entries is a comment, as BibTeX treats it.
struct Bibliography: Sendable {
    var entries: [String: BibEntry]
    var path: String

    static let empty = Bibliography(entries: [:], path: "")

    /// Parses `text`; every mistake is a diagnostic at its line and column in the .bib file. An
    /// entry with a mistake is left out; parsing resumes at the next line starting with `@`.
    static func parse(_ text: String, path: String) -> (Bibliography, [Diagnostic]) {
        var parser = BibParser(text: text, path: path)
        parser.run()
        return (Bibliography(entries: parser.entries, path: path), parser.diagnostics)
    }
}

private struct BibParser {
    let chars: [Character]
    let path: String
    var i = 0
    var line = 1
    var column = 1
    var entries: [String: BibEntry] = [:]
    var diagnostics: [Diagnostic] = []
    var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    struct Failure: Error {
        var location: SourceLocation
        var message: String
    }

    init(text: String, path: String) {
        chars = Array(text)
        self.path = path
    }

    var here: SourceLocation { SourceLocation(path: path, line: line, column: column) }
    var atEnd: Bool { i >= chars.count }
    var current: Character? { i < chars.count ? chars[i] : nil }

    mutating func advance() {
        guard i < chars.count else { return }
        if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }

    mutating func skipSpace() {
        while let c = current, c.isWhitespace { advance() }
    }

    mutating func run() {
        while !atEnd {
            guard current == "@" else { advance(); continue }
            let start = here
            advance()
            do {
                try entry(at: start)
            } catch let failure as Failure {
                diagnostics.append(.error(at: failure.location, failure.message))
                recover()
            } catch {
                recover()
            }
        }
    }

    /// Skips to the next `@` that starts a line (after spaces).
    mutating func recover() {
        var lineStart = false
        while let c = current {
            if c == "\n" { lineStart = true; advance(); continue }
            if c == "@" && lineStart { return }
            if !c.isWhitespace { lineStart = false }
            advance()
        }
    }

    mutating func identifier() -> String {
        var out = ""
        while let c = current, c.isLetter || c.isNumber || "_-:.+/".contains(c) { out.append(c); advance() }
        return out
    }

    mutating func entry(at start: SourceLocation) throws {
        skipSpace()
        let typeAt = here
        let type = identifier().lowercased()
        guard !type.isEmpty else {
            throw Failure(location: typeAt, message: "expected an entry type after '@' (like @article{key, …})")
        }
        skipSpace()
        guard let open = current, open == "{" || open == "(" else {
            throw Failure(location: here, message: "expected '{' after @\(type)")
        }
        let close: Character = open == "{" ? "}" : ")"
        advance()
        if type == "comment" || type == "preamble" {
            try skipBalanced(open: open, close: close, from: start)
            return
        }
        skipSpace()
        if type == "string" {
            let nameAt = here
            let name = identifier().lowercased()
            guard !name.isEmpty else { throw Failure(location: nameAt, message: "expected a macro name in @string") }
            skipSpace()
            guard current == "=" else { throw Failure(location: here, message: "expected '=' after @string name '\(name)'") }
            advance()
            macros[name] = try value(field: name)
            skipSpace()
            guard current == close else { throw Failure(location: here, message: "expected '\(close)' to end @string '\(name)'") }
            advance()
            return
        }
        let keyAt = here
        var key = ""
        while let c = current, !c.isWhitespace, c != ",", c != close, c != "{", c != "}" { key.append(c); advance() }
        guard !key.isEmpty else { throw Failure(location: keyAt, message: "@\(type) entry has no citation key") }
        skipSpace()
        var fields: [String: String] = [:]
        if current == "," {
            advance()
            while true {
                skipSpace()
                if current == close { break }
                guard !atEnd else {
                    throw Failure(location: start, message: "entry '\(key)' is not closed: '\(close)' is missing")
                }
                let nameAt = here
                let name = identifier().lowercased()
                guard !name.isEmpty else {
                    throw Failure(location: nameAt, message: "expected a field name in entry '\(key)' (like title = {…})")
                }
                skipSpace()
                guard current == "=" else {
                    throw Failure(location: here, message: "expected '=' after field '\(name)' in entry '\(key)'")
                }
                advance()
                let v = try value(field: name)
                if fields[name] != nil {
                    throw Failure(location: nameAt, message: "field '\(name)' appears twice in entry '\(key)'")
                }
                fields[name] = v
                skipSpace()
                if current == "," { advance(); continue }
                if current == close { break }
                if atEnd { throw Failure(location: start, message: "entry '\(key)' is not closed: '\(close)' is missing") }
                throw Failure(location: here, message: "expected ',' or '\(close)' after field '\(name)' in entry '\(key)'")
            }
        } else if current != close {
            throw Failure(location: here, message: "expected ',' after the key '\(key)'")
        }
        advance()
        if let first = entries[key] {
            throw Failure(location: keyAt, message: "entry '\(key)' is defined twice (first at line \(first.location.line))")
        }
        if (fields["title"] ?? "").trimmingSpaces.isEmpty {
            throw Failure(location: keyAt, message: "entry '\(key)' has no title")
        }
        entries[key] = BibEntry(key: key, type: type, raw: fields, location: keyAt)
    }

    /// A field value: parts joined by `#`.
    mutating func value(field: String) throws -> String {
        var out = ""
        while true {
            skipSpace()
            let at = here
            guard let c = current else { throw Failure(location: at, message: "field '\(field)' has no value") }
            if c == "{" {
                advance()
                out += try delimited(until: "}", from: at, field: field)
            } else if c == "\"" {
                advance()
                out += try delimited(until: "\"", from: at, field: field)
            } else if c.isNumber {
                while let d = current, d.isNumber { out.append(d); advance() }
            } else if c.isLetter {
                let name = identifier().lowercased()
                guard let expansion = macros[name] else {
                    throw Failure(location: at, message: "unknown @string macro '\(name)' in field '\(field)' (put text in braces: {\(name)})")
                }
                out += expansion
            } else {
                throw Failure(location: at, message: "field '\(field)' has no value: expected {…}, \"…\", a number or a @string name")
            }
            skipSpace()
            if current == "#" { advance(); continue }
            return out
        }
    }

    /// Text up to the closing `}` or `"` at brace depth 0; inner braces are kept.
    mutating func delimited(until end: Character, from start: SourceLocation, field: String) throws -> String {
        var depth = 0
        var out = ""
        while let c = current {
            if c == "\\", i + 1 < chars.count {
                out.append(c); advance()
                if let n = current { out.append(n); advance() }
                continue
            }
            if c == "{" { depth += 1 } else if c == "}" {
                if depth == 0 && end == "}" { advance(); return out }
                depth -= 1
                if depth < 0 { throw Failure(location: here, message: "unbalanced '}' in field '\(field)'") }
            } else if c == end && depth == 0 {
                advance()
                return out
            }
            out.append(c)
            advance()
        }
        throw Failure(location: start, message: "field '\(field)' is not closed: '\(end)' is missing")
    }

    mutating func skipBalanced(open: Character, close: Character, from start: SourceLocation) throws {
        var depth = 0
        while let c = current {
            if c == open { depth += 1 } else if c == close {
                if depth == 0 { advance(); return }
                depth -= 1
            }
            advance()
        }
        throw Failure(location: start, message: "'\(open)' is never closed")
    }
}

/// A person or organisation from an `author` or `editor` field.
struct BibName: Sendable, Hashable {
    var family: String
    var given: String
    /// `{World Bank}`: printed as written, never inverted.
    var isOrganisation: Bool

    /// "Family, Given" (the first name of a reference list entry).
    var inverted: String {
        isOrganisation || given.isEmpty ? family : "\(family), \(given)"
    }

    /// "Given Family".
    var natural: String {
        isOrganisation || given.isEmpty ? family : "\(given) \(family)"
    }

    /// Splits a BibTeX name list on ` and ` at brace depth 0: `Last, First`, `First Last`, `{Org}`.
    static func list(_ raw: String) -> [BibName] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        let chars = Array(raw)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0, c.isWhitespace, i + 4 < chars.count,
               chars[i + 1] == "a", chars[i + 2] == "n", chars[i + 3] == "d", chars[i + 4].isWhitespace {
                parts.append(current)
                current = ""
                i += 5
                continue
            }
            current.append(c)
            i += 1
        }
        parts.append(current)
        return parts.compactMap { part -> BibName? in
            let p = part.trimmingSpaces
            if p.isEmpty { return nil }
            if p == "others" { return BibName(family: "others", given: "", isOrganisation: true) }
            if p.hasPrefix("{"), p.hasSuffix("}"), balancedOuter(p) {
                return BibName(family: LaTeXText.clean(p), given: "", isOrganisation: true)
            }
            let commaParts = splitTopLevel(p, on: ",")
            if commaParts.count >= 2 {
                let family = LaTeXText.clean(commaParts[0])
                let given = LaTeXText.clean(commaParts.count == 3 ? commaParts[2] : commaParts[1])
                let suffix = commaParts.count == 3 ? ", " + LaTeXText.clean(commaParts[1]) : ""
                return BibName(family: family, given: given + suffix, isOrganisation: false)
            }
            let words = splitTopLevel(p, on: " ").filter { !$0.isEmpty }
            guard let last = words.last else { return nil }
            // "von" particles (lowercase words before the last name) belong to the family name.
            var familyWords = [last]
            var givenWords = Array(words.dropLast())
            while let w = givenWords.last, let f = w.first, f.isLowercase, givenWords.count > 1 {
                familyWords.insert(w, at: 0)
                givenWords.removeLast()
            }
            return BibName(family: LaTeXText.clean(familyWords.joined(separator: " ")),
                           given: LaTeXText.clean(givenWords.joined(separator: " ")), isOrganisation: false)
        }
    }

    private static func balancedOuter(_ s: String) -> Bool {
        var depth = 0
        for (n, c) in s.enumerated() {
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0 && n < s.count - 1 { return false }
        }
        return depth == 0
    }

    private static func splitTopLevel(_ s: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in s {
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if c == separator && depth == 0 { parts.append(current.trimmingSpaces); current = ""; continue }
            current.append(c)
        }
        parts.append(current.trimmingSpaces)
        return parts
    }
}

/// BibTeX's LaTeX in field values, turned into plain Unicode text.
enum LaTeXText {
    static let accents: [Character: UnicodeScalar] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "c": "\u{327}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "k": "\u{328}",
    ]
    static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "textquoteright": "’",
        "textquoteleft": "‘", "ldots": "…", "dots": "…", "textregistered": "®", "copyright": "©",
    ]

    /// Precomposed forms of the common accented letters (no Foundation here for NFC).
    static let composed: [String: String] = {
        var table: [String: String] = [:]
        let rows: [(String, String, String)] = [
            ("\u{301}", "aeiouyAEIOUYcnszCNSZ", "áéíóúýÁÉÍÓÚÝćńśźĆŃŚŹ"),
            ("\u{300}", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
            ("\u{302}", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
            ("\u{308}", "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
            ("\u{303}", "anoANO", "ãñõÃÑÕ"),
            ("\u{327}", "cCsS", "çÇşŞ"),
            ("\u{30C}", "csznrCSZNR", "čšžňřČŠŽŇŘ"),
            ("\u{304}", "aeiouAEIOU", "āēīōūĀĒĪŌŪ"),
        ]
        for (mark, bases, results) in rows {
            for (b, r) in zip(bases, results) { table[String(b) + mark] = String(r) }
        }
        return table
    }()

    static func clean(_ value: String) -> String {
        let chars = Array(value)
        var out = ""
        var i = 0
        func letter(after j: inout Int) -> String {
            // `\'e`, `\'{e}`, `\' e`
            while j < chars.count, chars[j] == " " { j += 1 }
            if j < chars.count, chars[j] == "{" {
                var k = j + 1
                var inner = ""
                while k < chars.count, chars[k] != "}" { inner.append(chars[k]); k += 1 }
                j = min(k + 1, chars.count)
                return inner
            }
            guard j < chars.count else { return "" }
            let c = String(chars[j])
            j += 1
            return c
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { i += 1; continue }
                let n = chars[i + 1]
                if "&%$#_{}".contains(n) { out.append(n); i += 2; continue }
                if n == "\\" { out.append(" "); i += 2; continue }
                if let mark = accents[n], !(n.isLetter && i + 2 < chars.count && chars[i + 2].isLetter) {
                    var j = i + 2
                    var base = letter(after: &j)
                    if base == "\\i" { base = "i" }
                    if base.isEmpty { i = j; continue }
                    let combined = base + String(Character(mark))
                    out += composed[combined] ?? combined
                    i = j
                    continue
                }
                // A command: symbols by name, otherwise dropped (its argument stays as text).
                var j = i + 1
                var name = ""
                while j < chars.count, chars[j].isLetter { name.append(chars[j]); j += 1 }
                if name.isEmpty { i += 2; continue }
                if let s = symbols[name] { out += s }
                while j < chars.count, chars[j] == " ", symbols[name] != nil { j += 1; break }
                i = j
            case "{", "}":
                i += 1
            case "~":
                out.append("\u{A0}")
                i += 1
            case "-":
                if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] == "-" { out += "—"; i += 3 }
                else if i + 1 < chars.count, chars[i + 1] == "-" { out += "–"; i += 2 }
                else { out.append(c); i += 1 }
            case "`":
                if i + 1 < chars.count, chars[i + 1] == "`" { out += "“"; i += 2 } else { out += "‘"; i += 1 }
            case "'":
                if i + 1 < chars.count, chars[i + 1] == "'" { out += "”"; i += 2 } else { out += "’"; i += 1 }
            default:
                if c.isWhitespace {
                    if !out.hasSuffix(" ") && !out.isEmpty { out.append(" ") }
                } else {
                    out.append(c)
                }
                i += 1
            }
        }
        return out.trimmingSpaces
    }
}
