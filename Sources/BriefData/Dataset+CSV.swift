import BriefDiagnostics

extension Dataset {
    /// Reads an RFC 4180 CSV file whose first row names the columns.
    ///
    /// Quoted fields may hold commas, doubled quotes and line breaks. Every problem found (up to
    /// 50) is reported at the physical line and character column where its field starts.
    public static func parseCSV(
        _ text: String, name: String, path: String, metadata: DatasetMetadata
    ) throws(DiagnosticError) -> Dataset {
        if let mismatch = metadata.layout.mismatch(fileKind: "csv", path: path, metadataPath: metadata.path) {
            throw DiagnosticError([mismatch])
        }
        let result = withUTF8Bytes(of: text) { bytes in
            var reader = CSVReader(bytes: bytes, layout: metadata.layout)
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

    /// The bytes read as the table: the file without its footer rows.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The whole file, for messages.
    let file: UnsafeBufferPointer<UInt8>
    /// Where the header starts: after a BOM and the skipped rows.
    let first: Int
    let delimiter: UInt8
    /// The highest byte value that can end or open a field (for a one-comparison fast path).
    let ceiling: UInt8
    var problems = Problems()
    /// Set when `skip_rows` or `footer_rows` leave nothing to read.
    var layoutProblem: String?

    init(bytes: UnsafeBufferPointer<UInt8>, layout: TableLayout = TableLayout()) {
        file = bytes
        let bom = bytes.startsWithBOM ? 3 : 0
        var start = bom
        var skipped = 0
        while skipped < layout.skipRows && start < bytes.count {
            while start < bytes.count && bytes[start] != ASCII.lineFeed && bytes[start] != ASCII.carriageReturn { start += 1 }
            if start < bytes.count && bytes[start] == ASCII.carriageReturn {
                start += 1
                if start < bytes.count && bytes[start] == ASCII.lineFeed { start += 1 }
            } else if start < bytes.count && bytes[start] == ASCII.lineFeed {
                start += 1
            }
            skipped += 1
        }
        if skipped < layout.skipRows || start >= bytes.count {
            layoutProblem = layout.skipRows > 0 ? "skip_rows" : nil
        }
        var end = bytes.count
        if layout.footerRows > 0 {
            // Blank lines at the very end are not rows; then drop whole lines from the end.
            while end > start && (bytes[end - 1] == ASCII.lineFeed || bytes[end - 1] == ASCII.carriageReturn) { end -= 1 }
            for _ in 0..<layout.footerRows {
                while end > start && bytes[end - 1] != ASCII.lineFeed && bytes[end - 1] != ASCII.carriageReturn { end -= 1 }
                while end > start && (bytes[end - 1] == ASCII.lineFeed || bytes[end - 1] == ASCII.carriageReturn) { end -= 1 }
            }
            if end <= start { layoutProblem = layoutProblem ?? "footer_rows" }
        }
        self.bytes = UnsafeBufferPointer(rebasing: bytes[0..<max(end, start)])
        first = start
        delimiter = layout.delimiter ?? CSVReader.inferDelimiter(bytes, from: start)
        ceiling = max(ASCII.quote, delimiter)
    }

    /// `;` or a tab when the header line holds some and no commas (outside quotes); else `,`.
    /// With `declared`, `,` means the header has commas and none of the declared delimiter.
    static func inferDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, declared: UInt8? = nil) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0, others = 0
        var quoted = false
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == ASCII.quote { quoted.toggle() }
            if !quoted {
                if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
                if byte == ASCII.comma { commas += 1 } else if byte == 0x3B { semicolons += 1 } else if byte == ASCII.tab { tabs += 1 }
                if let declared, byte == declared { others += 1 }
            }
            i += 1
        }
        if let declared { return others == 0 && commas > 0 ? ASCII.comma : declared }
        if commas == 0 && semicolons > 0 { return 0x3B }
        if commas == 0 && tabs > 0 { return ASCII.tab }
        return ASCII.comma
    }

    mutating func read(name: String, path: String, metadata: DatasetMetadata) -> Result<Dataset, DiagnosticError> {
        if let key = layoutProblem {
            let layout = metadata.layout
            let what = key == "skip_rows"
                ? "skip_rows: \(layout.skipRows) skips every line of \(path)"
                : "footer_rows: \(layout.footerRows) leaves no lines of \(path) to read"
            problems.add(.location(layout.location(key, metadataPath: metadata.path.isEmpty ? path : metadata.path)), what)
            return .failure(problems.error(bytes: file, path: path))
        }
        var p = skipBlankLines(from: first)
        guard p < bytes.count else {
            problems.add(at: first, "the file is empty; its first row must name the columns")
            return .failure(problems.error(bytes: file, path: path))
        }
        // A declared delimiter absent from a header that has commas reads every line as one field.
        if let declared = metadata.layout.delimiter, declared != ASCII.comma,
           CSVReader.inferDelimiter(bytes, from: p, declared: declared) == ASCII.comma {
            let shownDelimiter = declared == ASCII.tab ? "\\t" : String(decoding: [declared], as: UTF8.self)
            problems.add(.location(metadata.layout.location("delimiter", metadataPath: metadata.path.isEmpty ? path : metadata.path)),
                         "delimiter: \"\(shownDelimiter)\" does not appear in the header of \(path), which is separated by commas",
                         hint: "remove 'delimiter' (commas are the default)")
            return .failure(problems.error(bytes: file, path: path))
        }

        // The header.
        var names: [String] = []
        var stopped = false
        var seen: [String: Int] = [:]
        var emptyNames: [Int] = []
        while true {
            let field = readField(at: p)
            report(field)
            let columnName = Self.columnName(field.text)
            if columnName.isEmpty {
                emptyNames.append(field.start)
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

        // A line ending in empty fields ("Title,," or "Data Source,World Bank,") is a title or a
        // note above the table, not a header.
        let looksLikeTitle = names.count > 1 && !names[0].isEmpty && (names.last?.isEmpty ?? false)
        for start in emptyNames {
            problems.add(at: start, "empty column name in the header",
                         hint: looksLikeTitle
                            ? "give every column a name; if this line is a title above the header, skip it: csv: {skip_rows: N}"
                            : "give every column a name")
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
                var hint: String?
                if rowStarts.isEmpty && count > width && width == 1 {
                    hint = "if the lines above the header are a title or notes, skip them in the metadata: csv: {skip_rows: N}"
                } else if count == 1 && skipBlankLines(from: p) >= bytes.count {
                    hint = "if the last lines are notes, leave them out in the metadata: csv: {footer_rows: N}"
                }
                problems.add(
                    at: count < width ? rowStart : extraStart,
                    "row has \(count) field\(count == 1 ? "" : "s"), header has \(width)", hint: hint)
            }
            rowStarts.append(rowStart)
        }

        guard !problems.isOverflowing else { return .failure(problems.error(bytes: file, path: path)) }
        var raw: [RawColumn] = []
        raw.reserveCapacity(width)
        for (index, columnName) in names.enumerated() {
            raw.append(RawColumn(name: columnName, cells: cells[index]))
            cells[index] = []  // let the texts go as soon as they are typed
        }
        let reader = self
        let dataset = Dataset.assemble(
            name: name, path: path, metadata: metadata, raw: raw, problems: &problems,
            locate: { row, column in .offset(reader.fieldStart(row: row, column: column, rowStarts: rowStarts)) })
        if !problems.isEmpty { return .failure(problems.error(bytes: file, path: path)) }
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
                if byte <= ceiling {
                    if byte == delimiter || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
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
        if after < n && b[after] != delimiter && b[after] != ASCII.lineFeed && b[after] != ASCII.carriageReturn {
            issue = .textAfterQuote
            while after < n && b[after] != delimiter && b[after] != ASCII.lineFeed
                && b[after] != ASCII.carriageReturn { after += 1 }
        }
        let (end, next) = delimiter(at: after)
        return Field(text: text, start: start, end: end, next: next, issue: issue)
    }

    /// What ends a field at `i` (a comma, a line end or the end of input) and where the next begins.
    @inline(__always) private func delimiter(at i: Int) -> (FieldEnd, Int) {
        guard i < bytes.count else { return (.input, bytes.count) }
        switch bytes[i] {
        case delimiter: return (.comma, i + 1)
        case ASCII.carriageReturn:
            let next = i + 1
            return (.record, next < bytes.count && bytes[next] == ASCII.lineFeed ? next + 1 : next)
        default: return (.record, i + 1)
        }
    }
}
