import BriefDiagnostics

extension Dataset {
    /// Reads a JSON file holding an array of flat objects, one per row.
    ///
    /// Values may be strings, numbers (kept as written), `true`/`false` (read as text) and `null`
    /// (a missing value); the columns are the keys in the order first seen. Nesting is never
    /// followed by recursion, so no input depth can exhaust the stack.
    public static func parseJSON(
        _ text: String, name: String, path: String, metadata: DatasetMetadata
    ) throws(DiagnosticError) -> Dataset {
        if let mismatch = metadata.layout.mismatch(fileKind: "json", path: path, metadataPath: metadata.path) {
            throw DiagnosticError([mismatch])
        }
        let result = withUTF8Bytes(of: text) { bytes in
            var reader = JSONReader(bytes: bytes)
            return reader.read(name: name, path: path, metadata: metadata)
        }
        return try result.get()
    }
}

/// A single pass over the bytes of a JSON dataset.
struct JSONReader {
    /// A syntax error after which the rest of the file cannot be read; already in `problems`.
    struct Stop: Error {}

    struct Column {
        var name: String
        var cells: [String?] = []
        /// Byte offset of each cell's value, -1 where absent.
        var offsets: [Int] = []
        /// The last row that set this column, to catch a key given twice in one object.
        var lastRow = -1
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var p: Int
    var problems = Problems()
    var columns: [Column] = []
    var columnIndex: [String: Int] = [:]
    var rowCount = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        p = bytes.startsWithBOM ? 3 : 0
    }

    mutating func read(name: String, path: String, metadata: DatasetMetadata) -> Result<Dataset, DiagnosticError> {
        do throws(Stop) {
            try readArray()
        } catch {
            return .failure(problems.error(bytes: bytes, path: path))
        }
        if problems.isOverflowing { return .failure(problems.error(bytes: bytes, path: path)) }
        let raw = columns.map { RawColumn(name: $0.name, cells: $0.cells) }
        let offsets = columns.map(\.offsets)
        let start = bytes.startsWithBOM ? 3 : 0
        let dataset = Dataset.assemble(
            name: name, path: path, metadata: metadata, raw: raw, problems: &problems,
            locate: { row, column in
                guard column < offsets.count, row >= 0, row < offsets[column].count else { return .offset(start) }
                return .offset(offsets[column][row])
            })
        if !problems.isEmpty { return .failure(problems.error(bytes: bytes, path: path)) }
        return .success(dataset)
    }

    // MARK: Structure

    private mutating func readArray() throws(Stop) {
        skipWhitespace()
        guard p < bytes.count else {
            throw stop(at: p, "the file is empty; a JSON dataset is an array of objects, one per row")
        }
        guard bytes[p] == UInt8(ascii: "[") else {
            throw stop(at: p, "a JSON dataset must be an array of objects, not \(kindOfValue(at: p))",
                       hint: "write [{\"column\": value, …}, …], one object per row")
        }
        p += 1
        skipWhitespace()
        if p < bytes.count && bytes[p] == UInt8(ascii: "]") {
            p += 1
        } else {
            var item = 0
            while true {
                item += 1
                skipWhitespace()
                if p < bytes.count && bytes[p] == UInt8(ascii: "{") {
                    try readRow()
                } else {
                    guard p < bytes.count else { throw stop(at: p, "unterminated array; add the closing ']'") }
                    if bytes[p] == UInt8(ascii: "]") {
                        throw stop(at: p, "trailing comma after the last row", hint: "remove the last ','")
                    }
                    problems.add(at: p, "row \(item) must be an object, not \(kindOfValue(at: p))")
                    try skipValue()
                }
                if problems.isOverflowing { throw Stop() }
                skipWhitespace()
                guard p < bytes.count else { throw stop(at: p, "unterminated array; add the closing ']'") }
                if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
                if bytes[p] == UInt8(ascii: "]") { p += 1; break }
                throw stop(at: p, "expected ',' or ']' after row \(item)")
            }
        }
        skipWhitespace()
        if p < bytes.count {
            throw stop(at: p, "unexpected text after the JSON array", hint: "a dataset file holds one array")
        }
    }

    private mutating func readRow() throws(Stop) {
        let row = rowCount
        rowCount += 1
        try checkTableSize(at: p)
        for k in columns.indices {
            columns[k].cells.append(nil)
            columns[k].offsets.append(-1)
        }
        p += 1  // {
        skipWhitespace()
        if p < bytes.count && bytes[p] == UInt8(ascii: "}") { p += 1; return }
        while true {
            skipWhitespace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") else {
                throw stop(at: p, "expected a key in double quotes in row \(row + 1)")
            }
            let keyStart = p
            let key = try readString()
            skipWhitespace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: ":") else {
                throw stop(at: p, "expected ':' after the key \(shown(key))")
            }
            p += 1
            skipWhitespace()
            let valueStart = p
            let value = try readCell()
            try store(value, key: key, keyStart: keyStart, valueStart: valueStart, row: row)
            skipWhitespace()
            guard p < bytes.count else { throw stop(at: p, "unterminated object; add the closing '}'") }
            if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
            if bytes[p] == UInt8(ascii: "}") { p += 1; return }
            throw stop(at: p, "expected ',' or '}' in row \(row + 1)")
        }
    }

    /// Stops when rows times keys outgrows the file: objects that share no keys would otherwise
    /// make a table of missing cells far larger than the file (dense data never comes close,
    /// as every present cell takes several bytes).
    private mutating func checkTableSize(at offset: Int) throws(Stop) {
        let (cells, overflow) = columns.count.multipliedReportingOverflow(by: rowCount)
        if overflow || cells > max(bytes.count, 1_000_000) {
            throw stop(at: offset, "the rows share too few keys: \(columns.count) keys over \(rowCount) rows",
                       hint: "give every object the same keys, with null where a value is missing")
        }
    }

    private mutating func store(_ value: String?, key: String, keyStart: Int, valueStart: Int, row: Int) throws(Stop) {
        if key.isEmpty {
            problems.add(at: keyStart, "empty key in row \(row + 1)", hint: "give every column a name")
            return
        }
        let index: Int
        if let known = columnIndex[key] {
            index = known
        } else {
            index = columns.count
            try checkTableSize(at: keyStart)
            columnIndex[key] = index
            columns.append(Column(
                name: key, cells: [String?](repeating: nil, count: rowCount),
                offsets: [Int](repeating: -1, count: rowCount)))
        }
        if columns[index].lastRow == row {
            problems.add(at: keyStart, "duplicate key \(shown(key)) in row \(row + 1)")
            return
        }
        columns[index].lastRow = row
        columns[index].cells[row] = value
        columns[index].offsets[row] = valueStart
    }

    // MARK: Values

    /// A row's value as cell text (nil for null and for values reported as errors).
    private mutating func readCell() throws(Stop) -> String? {
        guard p < bytes.count else { throw stop(at: p, "expected a value") }
        let start = p
        switch bytes[p] {
        case UInt8(ascii: "\""):
            return try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if bytes.matches("-Infinity", at: p) {
                problems.add(at: start, "-Infinity is not a JSON number",
                             hint: "write null for a missing value")
                p += 9
                return nil
            }
            return readNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return "true"
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return "false"
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return nil
        case UInt8(ascii: "N") where bytes.matches("NaN", at: p):
            problems.add(at: start, "NaN is not a JSON number", hint: "write null for a missing value")
            p += 3
            return nil
        case UInt8(ascii: "I") where bytes.matches("Infinity", at: p):
            problems.add(at: start, "Infinity is not a JSON number", hint: "write null for a missing value")
            p += 8
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let kind = bytes[p] == UInt8(ascii: "{") ? "an object" : "an array"
            problems.add(at: start, "a row's values must be text, numbers, true, false or null, not \(kind)",
                         hint: "datasets are flat: one value per cell")
            try skipValue()
            return nil
        default:
            throw stop(at: p, "expected a value, found \(shownCharacter(at: p))")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Stop) {
        guard bytes.matches(literal, at: p) else {
            throw stop(at: p, "expected a value, found \(shownCharacter(at: p))")
        }
        p += literal.utf8CodeUnitCount
    }

    /// A JSON number's text as written, after checking it against JSON's grammar.
    private mutating func readNumber() -> String? {
        let start = p
        while p < bytes.count {
            let byte = bytes[p]
            guard ASCII.isDigit(byte) || byte == ASCII.minus || byte == ASCII.plus || byte == ASCII.dot
                || byte == ASCII.lowerE || byte == ASCII.upperE else { break }
            p += 1
        }
        let text = bytes.string(start..<p)
        guard Self.isJSONNumber(UnsafeBufferPointer(rebasing: bytes[start..<p])) else {
            problems.add(at: start, "\(shown(text)) is not a valid JSON number",
                         hint: "write numbers as plain decimals, e.g. 1234.5")
            return nil
        }
        return text
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    static func isJSONNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        if i < n && b[i] == ASCII.minus { i += 1 }
        guard i < n, ASCII.isDigit(b[i]) else { return false }
        if b[i] == ASCII.zero {
            i += 1
        } else {
            while i < n && ASCII.isDigit(b[i]) { i += 1 }
        }
        if i < n && b[i] == ASCII.dot {
            i += 1
            guard i < n, ASCII.isDigit(b[i]) else { return false }
            while i < n && ASCII.isDigit(b[i]) { i += 1 }
        }
        if i < n && (b[i] == ASCII.lowerE || b[i] == ASCII.upperE) {
            i += 1
            if i < n && (b[i] == ASCII.plus || b[i] == ASCII.minus) { i += 1 }
            guard i < n, ASCII.isDigit(b[i]) else { return false }
            while i < n && ASCII.isDigit(b[i]) { i += 1 }
        }
        return i == n
    }

    /// Reads a string starting at its opening quote, decoding escapes.
    private mutating func readString() throws(Stop) -> String {
        let start = p
        p += 1
        var segment = p
        var buffer: [UInt8] = []
        var buffered = false
        while p < bytes.count {
            let byte = bytes[p]
            if byte == ASCII.quote {
                let text: String
                if buffered {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<p]))
                    text = String(decoding: buffer, as: UTF8.self)
                } else {
                    text = bytes.string(segment..<p)
                }
                p += 1
                return text
            }
            if byte < 0x20 {
                throw stop(at: p, "line break or control character inside a string",
                           hint: "write it as an escape such as \\n")
            }
            if byte == ASCII.backslash {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<p]))
                buffered = true
                try readEscape(into: &buffer)
                segment = p
                continue
            }
            p += 1
        }
        throw stop(at: start, "unterminated string", hint: "add the closing '\"'")
    }

    /// Decodes the escape at `p` (a backslash) into `buffer` and moves past it.
    private mutating func readEscape(into buffer: inout [UInt8]) throws(Stop) {
        let start = p
        guard p + 1 < bytes.count else { throw stop(at: start, "unterminated string escape") }
        let kind = bytes[p + 1]
        p += 2
        switch kind {
        case UInt8(ascii: "\""): buffer.append(ASCII.quote)
        case UInt8(ascii: "\\"): buffer.append(ASCII.backslash)
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(ASCII.lineFeed)
        case UInt8(ascii: "r"): buffer.append(ASCII.carriageReturn)
        case UInt8(ascii: "t"): buffer.append(ASCII.tab)
        case UInt8(ascii: "u"):
            var scalar = try readHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes.matches("\\u", at: p) else {
                    throw stop(at: start, "unpaired surrogate in a \\u escape")
                }
                p += 2
                let low = try readHex4(escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw stop(at: start, "unpaired surrogate in a \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw stop(at: start, "unpaired surrogate in a \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw stop(at: start, "invalid \\u escape")
            }
            buffer.append(contentsOf: Character(unicode).utf8)
        default:
            throw stop(at: start, "invalid escape \\\(shownCharacter(at: start + 1, quoted: false)) in a string",
                       hint: "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(Stop) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard p < bytes.count, let digit = Self.hexValue(bytes[p]) else {
                throw stop(at: escapeStart, "invalid \\u escape; it needs four hex digits")
            }
            value = value << 4 | digit
            p += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Skips one value of any kind, counting brackets instead of recursing.
    private mutating func skipValue() throws(Stop) {
        guard p < bytes.count else { throw stop(at: p, "expected a value") }
        let start = p
        switch bytes[p] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while p < bytes.count {
                let byte = bytes[p]
                if byte == ASCII.quote {
                    _ = try readString()
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { p += 1; return }
                }
                p += 1
            }
            let kind = bytes[start] == UInt8(ascii: "{") ? "object" : "array"
            throw stop(at: start, "unterminated \(kind)")
        default:
            _ = try readCell()
        }
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while p < bytes.count {
            let byte = bytes[p]
            guard byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed
                || byte == ASCII.carriageReturn else { return }
            p += 1
        }
    }

    private mutating func stop(at offset: Int, _ message: String, hint: String? = nil) -> Stop {
        problems.add(at: offset, message, hint: hint)
        return Stop()
    }

    /// What the value at `offset` is, for messages ("an object", "a number").
    private func kindOfValue(at offset: Int) -> String {
        guard offset < bytes.count else { return "nothing" }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "true or false"
        case UInt8(ascii: "n"): return "null"
        default: return shownCharacter(at: offset)
        }
    }

    /// The character at `offset` for a message: `'x'`, or "the end of the file".
    private func shownCharacter(at offset: Int, quoted: Bool = true) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = bytes.string(offset..<end)
        return quoted ? "'\(character)'" : character
    }
}
