/// Turns a file's bytes into text the rest of Brief can trust: UTF-8 only, no BOM, no NUL,
/// and every line end (CRLF, CR) made LF so that all line numbers agree.
public enum SourceText {
    /// The largest Markdown file read. Briefs and pages are prose; a bigger one is a mistake (a
    /// pasted export, a wrong file), and refusing it keeps a build fast and its memory bounded.
    public static let maxMarkdownBytes = 4 * 1024 * 1024

    /// The decoded text, or a diagnostic pointing at the first bad byte.
    public static func decode(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> String {
        if path.hasSuffix(".md"), bytes.count > maxMarkdownBytes {
            let megabytes = Double(bytes.count * 10 / (1024 * 1024)) / 10
            throw DiagnosticError([.error(
                at: SourceLocation(path: path, line: 1, column: 1),
                "file is \(megabytes) MB; a Markdown file may be at most \(maxMarkdownBytes / (1024 * 1024)) MB (split it, or move data into Content/data/)")])
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw DiagnosticError([.error(
                at: SourceLocation(path: path, line: 1, column: 1),
                "file is UTF-16; save it as UTF-8")])
        }
        // Find invalid UTF-8 and NULs, tracking the line and column for the message.
        var line = 1, column = 1
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0 {
                throw DiagnosticError([.error(
                    at: SourceLocation(path: path, line: line, column: column),
                    "file contains a NUL byte; it is not a text file")])
            }
            let length = utf8SequenceLength(body, at: index)
            if length == 0 {
                throw DiagnosticError([.error(
                    at: SourceLocation(path: path, line: line, column: column),
                    "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as UTF-8")])
            }
            if byte == 0x0A { line += 1; column = 1 } else if byte == 0x0D {
                let next = body.index(after: index)
                if next == body.endIndex || body[next] != 0x0A { line += 1; column = 1 }
            } else { column += 1 }
            index += length
        }
        var out = [UInt8]()
        out.reserveCapacity(body.count)
        index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0x0D {
                out.append(0x0A)
                let next = body.index(after: index)
                if next < body.endIndex && body[next] == 0x0A { index = next }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the valid UTF-8 sequence starting at `i`, or 0 when it is not valid.
    private static func utf8SequenceLength(_ b: ArraySlice<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < b.endIndex && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0:
            return i + 1 < b.endIndex && (0xA0...0xBF).contains(b[i + 1]) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return i + 1 < b.endIndex && (0x80...0x9F).contains(b[i + 1]) && cont(2) ? 3 : 0
        case 0xF0:
            return i + 1 < b.endIndex && (0x90...0xBF).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return i + 1 < b.endIndex && (0x80...0x8F).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// The text of line `number` (1-based) of `text`, if there is one.
    public static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        var start = text.utf8.startIndex
        var i = start
        let utf8 = text.utf8
        while i < utf8.endIndex {
            if utf8[i] == 0x0A {
                if current == number { return String(text[start..<i]) }
                current += 1
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        return current == number ? String(text[start...]) : nil
    }
}
