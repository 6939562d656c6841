import BriefDiagnostics

extension Dataset {
    /// Reads an RFC 4180 CSV file whose first row names the columns.
    ///
    /// Quoted fields may hold commas, doubled quotes and line breaks. Every problem found (up to
    /// 50) is reported at the physical line and character column where its field starts.
    public static func parseCSV(
        _ text: String, name: String, path: String, metadata: DatasetMetadata
    ) throws(DiagnosticError) -> Dataset {
        let result = withUTF8Bytes(of: text) { bytes in
            var reader = CSVReader(bytes: bytes)
            return reader.read(name: name, path: path, metadata: metadata)
        }
        return try result.get()
    }

    /// Reads a data file by its extension: `.json` as JSON, anything else as CSV.
    public static func parse(
        _ text: String, name: String, path: String, metadata: DatasetMetadata
    ) throws(DiagnosticError) -> Dataset {
        if path.lowercased().hasSuffix(".json") {
            return try parseJSON(text, name: name, path: path, metadata: metadata)
        }
        return try parseCSV(text, name: name, path: path, metadata: metadata)
    }
}

/// A single pass over the bytes of a CSV file.
struct CSVReader {
    enum FieldEnd { case comma, record, input }
    enum Issue { case strayQuote, textAfterQuote, unterminated }

    struct Field {
        var text: String
        /// Offset of the field's first byte (its opening quote when quoted).
        var start: Int
        var end: FieldEnd
        /// Offset just after the field's delimiter.
        var next: Int
        var issue: Issue?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let first: Int
    var problems = Problems()

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        first = bytes.startsWithBOM ? 3 : 0
    }

    mutating func read(name: String, path: String, metadata: DatasetMetadata) -> Result<Dataset, DiagnosticError> {
        var p = skipBlankLines(from: first)
        guard p < bytes.count else {
            problems.add(at: first, "the file is empty; its first row must name the columns")
            return .failure(problems.error(bytes: bytes, path: path))
        }

        // The header.
        var names: [String] = []
        var stopped = false
        var seen: [String: Int] = [:]
        while true {
            let field = readField(at: p)
            report(field)
            let columnName = Self.columnName(field.text)
            if columnName.isEmpty {
                problems.add(at: field.start, "empty column name in the header",
                             hint: "give every column a name")
            } else if let earlier = seen[columnName] {
                problems.add(at: field.start, "duplicate column name \(shown(columnName)) in the header",
                             hint: "column \(earlier + 1) has the same name")
            } else {
                seen[columnName] = names.count
            }
            names.append(columnName)
            p = field.next
            if field.issue == .unterminated { stopped = true }
            if field.end != .comma { break }
        }

        // The rows, stored column by column.
        let width = names.count
        var cells = [[String?]](repeating: [], count: width)
        var rowStarts: [Int] = []
        while !stopped && !problems.isOverflowing {
            p = skipBlankLines(from: p)
            if p >= bytes.count { break }
            let rowStart = p
            var count = 0
            var extraStart = rowStart
            while true {
                let field = readField(at: p)
                if count < width {
                    cells[count].append(field.text)
                } else if count == width {
                    extraStart = field.start
                }
                if field.issue != nil { report(field) }
                count += 1
                p = field.next
                if field.issue == .unterminated { stopped = true }
                if field.end != .comma { break }
            }
            if count < width {
                for column in count..<width { cells[column].append(nil) }
            }
            // A row cut short by an unterminated quote has been reported already. A short row is
            // reported at its start, a long one at its first extra field.
            if !stopped && count != width {
                problems.add(
                    at: count < width ? rowStart : extraStart,
                    "row has \(count) field\(count == 1 ? "" : "s"), header has \(width)")
            }
            rowStarts.append(rowStart)
        }

        guard !problems.isOverflowing else { return .failure(problems.error(bytes: bytes, path: path)) }
        var raw: [RawColumn] = []
        raw.reserveCapacity(width)
        for (index, columnName) in names.enumerated() {
            raw.append(RawColumn(name: columnName, cells: cells[index]))
            cells[index] = []  // let the texts go as soon as they are typed
        }
        let reader = self
        let dataset = Dataset.assemble(
            name: name, path: path, metadata: metadata, raw: raw, problems: &problems,
            locate: { row, column in reader.fieldStart(row: row, column: column, rowStarts: rowStarts) })
        if !problems.isEmpty { return .failure(problems.error(bytes: bytes, path: path)) }
        return .success(dataset)
    }

    private mutating func report(_ field: Field) {
        switch field.issue {
        case nil:
            break
        case .strayQuote:
            problems.add(at: field.start, "stray quote in an unquoted field",
                         hint: "quote the whole field and double each quote inside it, e.g. \"say \"\"hi\"\"\"")
        case .textAfterQuote:
            problems.add(at: field.start, "text after the closing quote of a quoted field",
                         hint: "double each quote inside a quoted field, e.g. \"say \"\"hi\"\"\"")
        case .unterminated:
            problems.add(at: field.start, "unterminated quoted field",
                         hint: "add the closing '\"'")
        }
    }

    /// A header field as a column name: without surrounding blanks or stray byte order marks
    /// (an editor may leave one after the first, or a name may be nothing else).
    static func columnName(_ text: String) -> String {
        let isNoise: (Character) -> Bool = { $0 == "\u{FEFF}" || $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let start = text.firstIndex(where: { !isNoise($0) }),
              let end = text.lastIndex(where: { !isNoise($0) })
        else { return "" }
        return String(text[start...end])
    }

    /// Skips empty lines: a blank line between rows is not a row.
    private func skipBlankLines(from offset: Int) -> Int {
        var p = offset
        while p < bytes.count && (bytes[p] == ASCII.lineFeed || bytes[p] == ASCII.carriageReturn) { p += 1 }
        return p
    }

    /// Where field `column` of row `row` starts (the row's start when the row is short), found by
    /// reading the row again: offsets are only needed for messages, so they are not kept.
    func fieldStart(row: Int, column: Int, rowStarts: [Int]) -> Int {
        guard row >= 0 && row < rowStarts.count else { return first }
        var p = rowStarts[row]
        var index = 0
        while true {
            let field = readField(at: p)
            if index == column { return field.start }
            if field.end != .comma { return rowStarts[row] }
            index += 1
            p = field.next
        }
    }

    /// Reads the field starting at `start`. Always moves forward: `next > start` unless at the end.
    func readField(at start: Int) -> Field {
        let b = bytes
        let n = b.count
        guard start < n else { return Field(text: "", start: start, end: .input, next: n) }
        if b[start] != ASCII.quote {
            var i = start
            var issue: Issue?
            while i < n {
                let byte = b[i]
                if byte <= ASCII.comma {
                    if byte == ASCII.comma || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
                    if byte == ASCII.quote && issue == nil { issue = .strayQuote }
                }
                i += 1
            }
            let (end, next) = delimiter(at: i)
            return Field(text: b.string(start..<i), start: start, end: end, next: next, issue: issue)
        }

        // A quoted field: copy only when a doubled quote or a CR has to be rewritten.
        var i = start + 1
        var segment = i
        var buffer: [UInt8] = []
        var buffered = false
        while i < n {
            let byte = b[i]
            if byte == ASCII.quote {
                if i + 1 < n && b[i + 1] == ASCII.quote {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment...i]))
                    buffered = true
                    i += 2
                    segment = i
                    continue
                }
                break
            }
            if byte == ASCII.carriageReturn {
                // Line ends inside a field become LF, as SourceText makes them everywhere else.
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
                buffer.append(ASCII.lineFeed)
                buffered = true
                i += (i + 1 < n && b[i + 1] == ASCII.lineFeed) ? 2 : 1
                segment = i
                continue
            }
            i += 1
        }
        let closing = min(i, n)
        let text: String
        if buffered {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<closing]))
            text = String(decoding: buffer, as: UTF8.self)
        } else {
            text = b.string(segment..<closing)
        }
        guard i < n else { return Field(text: text, start: start, end: .input, next: n, issue: .unterminated) }

        var after = i + 1
        var issue: Issue?
        if after < n && b[after] != ASCII.comma && b[after] != ASCII.lineFeed && b[after] != ASCII.carriageReturn {
            issue = .textAfterQuote
            while after < n && b[after] != ASCII.comma && b[after] != ASCII.lineFeed
                && b[after] != ASCII.carriageReturn { after += 1 }
        }
        let (end, next) = delimiter(at: after)
        return Field(text: text, start: start, end: end, next: next, issue: issue)
    }

    /// What ends a field at `i` (a comma, a line end or the end of input) and where the next begins.
    @inline(__always) private func delimiter(at i: Int) -> (FieldEnd, Int) {
        guard i < bytes.count else { return (.input, bytes.count) }
        switch bytes[i] {
        case ASCII.comma: return (.comma, i + 1)
        case ASCII.carriageReturn:
            let next = i + 1
            return (.record, next < bytes.count && bytes[next] == ASCII.lineFeed ? next + 1 : next)
        default: return (.record, i + 1)
        }
    }
}
