import BriefDiagnostics

// Byte-level helpers shared by the CSV and JSON readers. Parsing works on UTF-8 bytes so that a
// million-row file never builds a String per character, and offsets stay cheap to record.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let backslash: UInt8 = 0x5C
    static let lowerE: UInt8 = 0x65

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    /// Space, tab, LF and CR: what makes a cell blank and what is trimmed around typed values.
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes in `range` as a String (they are valid UTF-8: cut at ASCII delimiters of valid text).
    @inline(__always) func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// Whether the bytes begin with a UTF-8 byte order mark.
    var startsWithBOM: Bool {
        count >= 3 && self[0] == 0xEF && self[1] == 0xBB && self[2] == 0xBF
    }

    /// Whether the bytes from `offset` spell `literal` (ASCII only).
    func matches(_ literal: StaticString, at offset: Int) -> Bool {
        literal.withUTF8Buffer { expected in
            guard offset >= 0, offset + expected.count <= self.count else { return false }
            for k in 0..<expected.count where self[offset + k] != expected[k] { return false }
            return true
        }
    }
}

/// Runs `body` on the UTF-8 bytes of `text` without copying when the string is native.
func withUTF8Bytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Maps byte offsets to 1-based lines and character columns. Line ends are LF, CRLF and a lone
/// CR (as `SourceText.decode` counts them); a leading BOM is not a column.
struct LineIndex {
    private var lineStarts: [Int]
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let first = bytes.startsWithBOM ? 3 : 0
        var starts = [first]
        var i = first
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte == ASCII.lineFeed {
                starts.append(i + 1)
            } else if byte == ASCII.carriageReturn && (i + 1 >= n || bytes[i + 1] != ASCII.lineFeed) {
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The index into `lineStarts` of the line holding `offset`.
    private func lineIndex(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func location(of offset: Int, path: String) -> SourceLocation {
        var cache: Cache?
        return location(of: offset, path: path, cache: &cache)
    }

    /// The last location worked out, so that many errors on one long line (a one-line JSON file)
    /// count each line's characters once rather than once per error.
    struct Cache {
        var line: Int
        var offset: Int
        var column: Int
    }

    func location(of offset: Int, path: String, cache: inout Cache?) -> SourceLocation {
        let offset = Swift.min(Swift.max(offset, 0), bytes.count)
        let index = lineIndex(of: offset)
        var from = lineStarts[index]
        var column = 1
        if let cache, cache.line == index, cache.offset <= offset {
            from = cache.offset
            column = cache.column
        }
        if offset > from { column += bytes.string(from..<offset).count }
        cache = Cache(line: index, offset: offset, column: column)
        return SourceLocation(path: path, line: index + 1, column: column)
    }

    /// The text of the line holding `offset`, without its line end, cut to a few thousand bytes.
    func lineText(at offset: Int) -> String {
        let offset = Swift.min(Swift.max(offset, 0), bytes.count)
        let start = lineStarts[lineIndex(of: offset)]
        var end = start
        let limit = Swift.min(bytes.count, Swift.max(start + 4096, offset + 256))
        while end < limit && bytes[end] != ASCII.lineFeed && bytes[end] != ASCII.carriageReturn { end += 1 }
        // Do not cut a multi-byte character in half.
        if end < bytes.count && bytes[end] & 0xC0 == 0x80 {
            while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return bytes.string(start..<end)
    }
}

/// Problems found while reading one dataset, capped so a broken million-row file stays readable.
struct Problems {
    enum Place {
        /// A byte offset in the data file being read.
        case offset(Int)
        /// A place in another file (the metadata).
        case location(SourceLocation)
        /// A spreadsheet cell: its location (line = row, column = column number) and its
        /// reference (`Sheet1!C7`), which starts the message.
        case cell(SourceLocation, reference: String)
    }

    struct Entry {
        var place: Place
        var message: String
        var hint: String?
    }

    static let limit = 50

    private(set) var entries: [Entry] = []
    /// How many problems were found after the cap; reading stops at the first.
    private(set) var dropped = 0

    var isEmpty: Bool { entries.isEmpty }
    var isOverflowing: Bool { dropped > 0 }

    mutating func add(_ place: Place, _ message: String, hint: String? = nil) {
        if entries.count >= Self.limit {
            dropped += 1
        } else {
            entries.append(Entry(place: place, message: message, hint: hint))
        }
    }

    mutating func add(at offset: Int, _ message: String, hint: String? = nil) {
        add(.offset(offset), message, hint: hint)
    }

    /// The problems as diagnostics in file order, with the source line filled in for the data file.
    func diagnostics(bytes: UnsafeBufferPointer<UInt8>, path: String) -> [Diagnostic] {
        guard !entries.isEmpty else { return [] }
        let lines = LineIndex(bytes)
        var result: [Diagnostic] = []
        var cache: LineIndex.Cache?
        let ordered = entries.enumerated().sorted { a, b in
            switch (a.element.place, b.element.place) {
            case (.offset(let x), .offset(let y)): (x, a.offset) < (y, b.offset)
            case (.offset, _): true
            case (_, .offset): false
            default: a.offset < b.offset
            }
        }
        for (_, entry) in ordered {
            switch entry.place {
            case .offset(let offset):
                result.append(Diagnostic(
                    .error, at: lines.location(of: offset, path: path, cache: &cache), entry.message,
                    hint: entry.hint, sourceLine: lines.lineText(at: offset)))
            case .location(let location):
                result.append(.error(at: location, entry.message, hint: entry.hint))
            case .cell(let location, let reference):
                result.append(.error(at: location, reference + ": " + entry.message, hint: entry.hint))
            }
        }
        result = result.sortedForOutput()
        if isOverflowing, let last = result.last {
            result.append(Diagnostic(
                .note, at: last.location, "stopped after \(Self.limit) errors; fix these and build again"))
        }
        return result
    }

    func error(bytes: UnsafeBufferPointer<UInt8>, path: String) -> DiagnosticError {
        DiagnosticError(diagnostics(bytes: bytes, path: path))
    }
}

/// A cell's text shown inside a message: quoted, one line, and short.
func shown(_ text: String) -> String {
    var out = ""
    var count = 0
    for character in text {
        if count == 40 { out += "…"; break }
        switch character {
        case "\n", "\r\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out.append(character)
        }
        count += 1
    }
    return "\"" + out + "\""
}
