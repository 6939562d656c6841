import BriefDiagnostics

extension Dataset {
    /// The dataset as RFC 4180 CSV: a header row, values as their source wrote them, fields
    /// quoted only when they must be, LF line ends.
    public func csvText() -> String {
        var out = ""
        out.reserveCapacity(64 + rowCount * columns.count * 8)
        let single = columns.count == 1
        appendRecord(columns.map(\.name), single: single, to: &out)
        var record: [String] = []
        record.reserveCapacity(columns.count)
        for row in 0..<rowCount {
            record.removeAll(keepingCapacity: true)
            for column in columns { record.append(column.value(at: row).text) }
            appendRecord(record, single: single, to: &out)
        }
        return out
    }

    private func appendRecord(_ fields: [String], single: Bool, to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += Self.csvField(field, alone: single)
        }
        out += "\n"
    }

    /// A field quoted when it holds a comma, quote or line end (or is the empty only field of a
    /// record, which would otherwise read as a blank line).
    static func csvField(_ text: String, alone: Bool) -> String {
        if text.isEmpty { return alone ? "\"\"" : "" }
        var needsQuotes = false
        var hasQuote = false
        for byte in text.utf8 {
            switch byte {
            case ASCII.quote: needsQuotes = true; hasQuote = true
            // `;` and tabs too, so that reading the file back never infers another delimiter.
            case ASCII.comma, ASCII.lineFeed, ASCII.carriageReturn, 0x3B, ASCII.tab: needsQuotes = true
            default: break
            }
        }
        // A leading BOM-like byte sequence is only possible mid-file; nothing else needs quoting.
        guard needsQuotes else { return text }
        let body = hasQuote ? text.replacing("\"", with: "\"\"") : text
        return "\"" + body + "\""
    }

    /// The dataset as a JSON array of objects: keys in column order, numbers as their source
    /// wrote them (made valid JSON: `+5` → `5`, `.5` → `0.5`), missing values as null.
    public func jsonText() -> String {
        guard rowCount > 0 else { return "[]\n" }
        let keys = columns.map { Self.jsonString($0.name) + ": " }
        var out = "[\n"
        out.reserveCapacity(16 + rowCount * columns.count * 16)
        for row in 0..<rowCount {
            out += "  {"
            for (index, column) in columns.enumerated() {
                if index > 0 { out += ", " }
                out += keys[index]
                out += Self.jsonValue(column.value(at: row))
            }
            out += row + 1 < rowCount ? "},\n" : "}\n"
        }
        out += "]\n"
        return out
    }

    static func jsonValue(_ value: Value) -> String {
        switch value {
        case .missing:
            return "null"
        case .number(let number, let text):
            if let json = PlainNumber.jsonText(text) { return json }
            return number.isFinite ? "\(number)" : "null"
        case .text(let text):
            return jsonString(text)
        }
    }

    static func jsonString(_ text: String) -> String { TextEscaping.json(text) }
}

extension Column {
    /// The value in `row`, or missing when the row is out of range.
    public func value(at row: Int) -> Value {
        row >= 0 && row < values.count ? values[row] : .missing
    }
}

extension Dataset {
    /// The first row whose first column reads exactly `key` (for numbers in prose).
    public func row(forKey key: String) -> Int? {
        guard let first = columns.first else { return nil }
        return first.values.firstIndex { $0.text == key && !$0.isMissing }
    }

    /// The value of `column` in the row keyed `key`; nil when either is unknown.
    public func value(column name: String, key: String) -> Value? {
        guard let column = column(named: name), let row = row(forKey: key) else { return nil }
        return column.value(at: row)
    }
}
