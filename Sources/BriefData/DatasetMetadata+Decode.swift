import BriefDiagnostics

extension DatasetMetadata {
    /// The keys a dataset's `.yml` file may use.
    public static let keys = [
        "title", "source", "source_url", "publisher", "retrieved", "units", "license", "notes",
        "period", "confidence", "caveats", "columns", "csv", "xlsx", "quotes", "release", "translations",
    ]

    /// The keys of one language under `translations:`, and of a column there.
    public static let translationKeys = ["title", "columns"]
    public static let translatedColumnKeys = ["label", "unit"]

    /// The keys of a `csv:` block.
    public static let csvKeys = ["delimiter", "skip_rows", "footer_rows", "missing", "decimal_mark", "thousands"]

    /// The keys of an `xlsx:` block.
    public static let xlsxKeys = ["sheet", "range", "skip_rows", "footer_rows", "missing"]

    /// The keys a column's entry under `columns` may use.
    public static let columnKeys = ["type", "unit", "label", "format"]

    /// Reads the metadata from its YAML tree, reporting every problem at its place in `path`.
    public static func decode(_ node: YAMLNode, path: String) throws(DiagnosticError) -> DatasetMetadata {
        var decoder = MetadataDecoder()
        let metadata = decoder.decode(node, path: path)
        guard decoder.diagnostics.isEmpty, let metadata else {
            throw DiagnosticError(decoder.diagnostics.sortedForOutput())
        }
        return metadata
    }
}

private struct MetadataDecoder {
    var diagnostics: [Diagnostic] = []

    mutating func decode(_ node: YAMLNode, path: String) -> DatasetMetadata? {
        let entries: [YAMLEntry]
        switch node {
        case .mapping(let list, _): entries = list
        case .null: entries = []
        case .scalar, .sequence:
            fail(at: node.location,
                 "dataset metadata must be a mapping of keys such as title and source, not \(node.kindName)")
            return nil
        }

        var metadata = DatasetMetadata(title: "", source: "", path: path)
        var seen: Set<String> = []
        var hasTitle = false, hasSource = false
        for entry in entries {
            guard seen.insert(entry.key).inserted else {
                fail(at: entry.keyLocation, "duplicate key '\(entry.key)' in dataset metadata")
                continue
            }
            switch entry.key {
            case "title":
                metadata.title = requiredText(entry) ?? ""
                hasTitle = true
            case "source":
                metadata.source = requiredText(entry) ?? ""
                hasSource = true
            case "source_url": metadata.sourceURL = text(entry)
            case "publisher": metadata.publisher = text(entry)
            case "retrieved": metadata.retrieved = date(entry)
            case "units": metadata.units = text(entry)
            case "license": metadata.license = text(entry)
            case "notes": metadata.notes = text(entry)
            case "period": metadata.period = text(entry)
            case "confidence": metadata.confidence = text(entry)
            case "caveats": metadata.caveats = text(entry)
            case "columns": metadata.columns = columns(entry)
            case "csv", "xlsx":
                if let other = seen.first(where: { ($0 == "csv" || $0 == "xlsx") && $0 != entry.key }) {
                    fail(at: entry.keyLocation, "dataset metadata has both '\(other)' and '\(entry.key)'; keep the one that matches the data file")
                } else {
                    metadata.layout = layout(entry, keys: entry.key == "csv" ? DatasetMetadata.csvKeys : DatasetMetadata.xlsxKeys)
                    metadata.layout.block = entry.key
                    metadata.layout.locations[entry.key] = entry.keyLocation
                }
            case "quotes": metadata.quotes = quotes(entry)
            case "translations": metadata.translations = translations(entry)
            case "release":
                if let value = text(entry) {
                    if let cadence = ReleaseCadence(rawValue: value) { metadata.release = cadence } else {
                        fail(at: entry.value.location, "unknown release cadence '\(value)'",
                             hint: Suggestion.hint(for: value, in: ReleaseCadence.allCases.map(\.rawValue))
                                ?? "the cadences are " + ReleaseCadence.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                }
            default:
                fail(at: entry.keyLocation, "unknown key '\(entry.key)' in dataset metadata",
                     hint: Suggestion.hint(for: entry.key, in: DatasetMetadata.keys)
                        ?? "the keys are " + DatasetMetadata.keys.joined(separator: ", "))
            }
        }
        if !hasTitle { fail(at: node.location, "dataset metadata needs 'title'") }
        if !hasSource {
            fail(at: node.location, "dataset metadata needs 'source'",
                 hint: "say who published the figures, e.g. source: State Bank of Pakistan")
        }
        return metadata
    }

    private mutating func fail(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location, message, hint: hint))
    }

    /// A scalar's text; nil (after reporting) for a list or mapping, nil for an empty value.
    private mutating func text(_ entry: YAMLEntry, in context: String = "") -> String? {
        switch entry.value {
        case .scalar(let text, _, _): return text
        case .null: return nil
        case .sequence, .mapping:
            fail(at: entry.value.location, "'\(entry.key)'\(context) must be text, not \(entry.value.kindName)")
            return nil
        }
    }

    /// Text that must be there and must not be empty.
    private mutating func requiredText(_ entry: YAMLEntry) -> String? {
        switch entry.value {
        case .sequence, .mapping: return text(entry)  // reports the wrong kind
        case .null: break
        case .scalar(let value, _, _): if value.contains(where: { !$0.isWhitespace }) { return value }
        }
        fail(at: entry.keyLocation, "'\(entry.key)' is empty")
        return nil
    }

    private mutating func date(_ entry: YAMLEntry) -> String? {
        guard let value = text(entry) else { return nil }
        guard let date = CalendarDate(parsing: value), date.day != nil else {
            fail(at: entry.value.location, "'\(entry.key)' must be a date written YYYY-MM-DD, not \(shown(value))")
            return nil
        }
        return value
    }

    /// `translations: {ur: {title: …, columns: {name: {label: …, unit: …}}}}`.
    private mutating func translations(_ entry: YAMLEntry) -> [String: DatasetTranslation] {
        guard case .mapping(let languages, _) = entry.value else {
            if case .null = entry.value { return [:] }
            fail(at: entry.value.location,
                 "'translations' must map language codes to {title, columns}, not \(entry.value.kindName)")
            return [:]
        }
        var result: [String: DatasetTranslation] = [:]
        for language in languages {
            guard result[language.key] == nil else {
                fail(at: language.keyLocation, "duplicate language '\(language.key)' in 'translations'")
                continue
            }
            var translation = DatasetTranslation(location: language.keyLocation)
            let fields: [YAMLEntry]
            switch language.value {
            case .mapping(let list, _): fields = list
            case .null: fields = []
            case .scalar, .sequence:
                fail(at: language.value.location,
                     "the '\(language.key)' translation must be a mapping of title and columns, not \(language.value.kindName)")
                continue
            }
            for field in fields {
                switch field.key {
                case "title": translation.title = text(field, in: " of the '\(language.key)' translation")
                case "columns":
                    guard case .mapping(let columns, _) = field.value else {
                        if case .null = field.value { continue }
                        fail(at: field.value.location, "'columns' must map column names to {label, unit}, not \(field.value.kindName)")
                        continue
                    }
                    for column in columns {
                        var words = ColumnMetadata(location: column.keyLocation)
                        guard case .mapping(let pairs, _) = column.value else {
                            fail(at: column.value.location,
                                 "column '\(column.key)' must be a mapping such as {label: مالی سال}, not \(column.value.kindName)")
                            continue
                        }
                        for pair in pairs {
                            switch pair.key {
                            case "label": words.label = text(pair, in: " of column '\(column.key)'")
                            case "unit": words.unit = text(pair, in: " of column '\(column.key)'")
                            default:
                                fail(at: pair.keyLocation, "unknown key '\(pair.key)' in the '\(language.key)' translation of column '\(column.key)'",
                                     hint: Suggestion.hint(for: pair.key, in: DatasetMetadata.translatedColumnKeys)
                                        ?? "a translation gives a column's label and unit")
                            }
                        }
                        translation.columns[column.key] = words
                    }
                default:
                    fail(at: field.keyLocation, "unknown key '\(field.key)' in the '\(language.key)' translation",
                         hint: Suggestion.hint(for: field.key, in: DatasetMetadata.translationKeys)
                            ?? "a translation gives the dataset's title and its columns' labels and units")
                }
            }
            result[language.key] = translation
        }
        return result
    }

    private mutating func columns(_ entry: YAMLEntry) -> [String: ColumnMetadata] {
        let entries: [YAMLEntry]
        switch entry.value {
        case .mapping(let list, _): entries = list
        case .null: return [:]
        case .scalar, .sequence:
            fail(at: entry.value.location,
                 "'columns' must map column names to {type, unit, label}, not \(entry.value.kindName)")
            return [:]
        }
        var result: [String: ColumnMetadata] = [:]
        for column in entries {
            guard result[column.key] == nil else {
                fail(at: column.keyLocation, "duplicate column '\(column.key)' in 'columns'")
                continue
            }
            result[column.key] = self.column(column)
        }
        return result
    }

    private mutating func column(_ entry: YAMLEntry) -> ColumnMetadata {
        var metadata = ColumnMetadata(location: entry.keyLocation)
        let fields: [YAMLEntry]
        switch entry.value {
        case .mapping(let list, _): fields = list
        case .null: return metadata
        case .scalar, .sequence:
            fail(at: entry.value.location,
                 "column '\(entry.key)' must be a mapping such as {type: number, unit: USD millions, label: Exports}, not \(entry.value.kindName)")
            return metadata
        }
        var seen: Set<String> = []
        for field in fields {
            guard seen.insert(field.key).inserted else {
                fail(at: field.keyLocation, "duplicate key '\(field.key)' in column '\(entry.key)'")
                continue
            }
            let context = " of column '\(entry.key)'"
            switch field.key {
            case "type":
                guard let name = text(field, in: context) else { continue }
                if let type = ColumnType(rawValue: name) {
                    metadata.type = type
                } else {
                    let names = ColumnType.allCases.map(\.rawValue)
                    fail(at: field.value.location, "unknown column type \(shown(name)) for column '\(entry.key)'",
                         hint: Suggestion.hint(for: name, in: names)
                            ?? "the types are " + names.joined(separator: ", "))
                }
            case "unit": metadata.unit = text(field, in: context)
            case "label": metadata.label = text(field, in: context)
            case "format":
                guard let pattern = text(field, in: context) else { continue }
                switch DateFormat.parse(pattern) {
                case .success(let format): metadata.dateFormat = format
                case .failure(let reason):
                    fail(at: field.value.location, "date format \(shown(pattern)) of column '\(entry.key)' \(reason.message)",
                         hint: "write it like strftime, e.g. \"%b %d %Y\" for Jan 31 2024 or \"%d/%m/%Y\" for 31/01/2024")
                }
            default:
                fail(at: field.keyLocation, "unknown key '\(field.key)' in column '\(entry.key)'",
                     hint: Suggestion.hint(for: field.key, in: DatasetMetadata.columnKeys)
                        ?? "the keys are " + DatasetMetadata.columnKeys.joined(separator: ", "))
            }
        }
        if metadata.dateFormat != nil, let type = metadata.type, type != .date,
           let field = fields.first(where: { $0.key == "format" }) {
            fail(at: field.keyLocation, "'format' applies to date columns; column '\(entry.key)' is declared \(type.rawValue)")
        }
        if metadata.dateFormat != nil && metadata.type == nil { metadata.type = .date }
        return metadata
    }

    /// A `csv:` or `xlsx:` block: the table's layout and number dialect.
    private mutating func layout(_ entry: YAMLEntry, keys: [String]) -> TableLayout {
        var layout = TableLayout()
        let fields: [YAMLEntry]
        switch entry.value {
        case .mapping(let list, _): fields = list
        case .null: return layout
        case .scalar, .sequence:
            fail(at: entry.value.location,
                 "'\(entry.key)' must be a mapping such as {\(entry.key == "csv" ? "delimiter: \";\", skip_rows: 2" : "sheet: Data, range: A3:D40")}, not \(entry.value.kindName)")
            return layout
        }
        var seen: Set<String> = []
        for field in fields {
            guard seen.insert(field.key).inserted else {
                fail(at: field.keyLocation, "duplicate key '\(field.key)' in '\(entry.key)'")
                continue
            }
            guard keys.contains(field.key) else {
                fail(at: field.keyLocation, "unknown key '\(field.key)' in '\(entry.key)'",
                     hint: Suggestion.hint(for: field.key, in: keys) ?? "the keys are " + keys.joined(separator: ", "))
                continue
            }
            layout.locations[field.key] = field.value.location
            let context = " in '\(entry.key)'"
            switch field.key {
            case "delimiter":
                guard let value = text(field, in: context) else { continue }
                let known: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\t": 0x09, "|": 0x7C, "tab": 0x09]
                if let byte = known[value] { layout.delimiter = byte } else {
                    fail(at: field.value.location, "unknown delimiter \(shown(value))",
                         hint: "use \",\", \";\", \"|\" or \"\\t\" (a tab)")
                }
            case "skip_rows", "footer_rows":
                guard let value = text(field, in: context) else { continue }
                guard let count = Int(value), count >= 0, count <= 10_000, value.utf8.allSatisfy(ASCII.isDigit) else {
                    fail(at: field.value.location, "'\(field.key)' must be a whole number of rows, not \(shown(value))")
                    continue
                }
                if field.key == "skip_rows" { layout.skipRows = count } else { layout.footerRows = count }
            case "missing":
                switch field.value {
                case .scalar(let value, _, _): layout.missing = [value]
                case .null: layout.missing = []
                case .sequence(let items, _):
                    var markers: [String] = []
                    for item in items {
                        if case .scalar(let value, _, _) = item { markers.append(value) } else {
                            fail(at: item.location, "each entry of 'missing' must be text, not \(item.kindName)")
                        }
                    }
                    layout.missing = markers
                case .mapping:
                    fail(at: field.value.location, "'missing' must be a list such as [\"..\", \"n.a.\"], not a mapping")
                }
            case "decimal_mark":
                guard let value = text(field, in: context) else { continue }
                if value == "." || value == "," { layout.decimalMark = value.utf8.first ?? ASCII.dot } else {
                    fail(at: field.value.location, "'decimal_mark' must be \".\" or \",\", not \(shown(value))")
                }
            case "thousands":
                switch field.value {
                case .null: layout.thousands = []
                default:
                    guard let value = text(field, in: context) else { continue }
                    let allowed = ["", ",", ".", " ", "'", "\u{00A0}", "\u{202F}", "\u{2009}"]
                    if allowed.contains(value) { layout.thousands = Array(value.utf8) } else {
                        fail(at: field.value.location, "'thousands' must be \",\", \".\", \" \", \"'\" or \"\" (none), not \(shown(value))")
                    }
                }
            case "sheet":
                layout.sheet = text(field, in: context)
            case "range":
                guard let value = text(field, in: context) else { continue }
                if let range = CellRange(value) { layout.range = range } else {
                    fail(at: field.value.location, "'range' must be a cell range such as A3:D40, not \(shown(value))")
                }
            default:
                break
            }
        }
        if let thousands = layout.thousands, thousands == [layout.decimalMark], let at = layout.locations["thousands"] {
            fail(at: at, "'thousands' and 'decimal_mark' are both \(shown(String(decoding: thousands, as: UTF8.self)))")
        }
        if layout.delimiter == layout.decimalMark, let at = layout.locations["decimal_mark"] {
            fail(at: at, "the decimal mark cannot also be the delimiter")
        }
        return layout
    }
}

extension MetadataDecoder {
    /// `quotes:` — a list of `{url, publisher, retrieved, text}`, every key required, `url` a web
    /// address and `retrieved` a YYYY-MM-DD date.
    fileprivate mutating func quotes(_ entry: YAMLEntry) -> [SourceQuote] {
        let items: [YAMLNode]
        switch entry.value {
        case .sequence(let list, _): items = list
        case .null: return []
        case .scalar, .mapping:
            fail(at: entry.value.location,
                 "'quotes' must be a list of {url, publisher, retrieved, text}, not \(entry.value.kindName)")
            return []
        }
        var result: [SourceQuote] = []
        for (index, item) in items.enumerated() {
            let name = "quote \(index + 1)"
            guard case .mapping(let fields, _) = item else {
                fail(at: item.location, "\(name) must be a mapping such as {url: https://…, publisher: …, retrieved: 2026-11-20, text: …}, not \(item.kindName)")
                continue
            }
            var values: [String: String] = [:]
            var complete = true
            for field in fields {
                guard values[field.key] == nil else {
                    fail(at: field.keyLocation, "duplicate key '\(field.key)' in \(name)")
                    continue
                }
                guard SourceQuote.keys.contains(field.key) else {
                    fail(at: field.keyLocation, "unknown key '\(field.key)' in \(name)",
                         hint: Suggestion.hint(for: field.key, in: SourceQuote.keys)
                            ?? "the keys are " + SourceQuote.keys.joined(separator: ", "))
                    continue
                }
                let value = text(field, in: " of \(name)")  // reports a list or mapping
                guard let value, value.contains(where: { !$0.isWhitespace }) else {
                    if !field.value.isCollection { fail(at: field.keyLocation, "'\(field.key)' of \(name) is empty") }
                    complete = false
                    continue
                }
                switch field.key {
                case "url":
                    let lower = value.lowercased()
                    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
                        fail(at: field.value.location, "'url' of \(name) must be a web address starting https:// or http://, not \(shown(value))")
                        complete = false
                        continue
                    }
                case "retrieved":
                    guard let date = CalendarDate(parsing: value), date.day != nil else {
                        fail(at: field.value.location, "'retrieved' of \(name) must be a date written YYYY-MM-DD, not \(shown(value))")
                        complete = false
                        continue
                    }
                default: break
                }
                values[field.key] = value
            }
            for key in SourceQuote.keys where values[key] == nil && !fields.contains(where: { $0.key == key }) {
                fail(at: item.location, "\(name) needs '\(key)'",
                     hint: "each quote gives url, publisher, retrieved (YYYY-MM-DD) and the exact text")
                complete = false
            }
            guard complete, let url = values["url"], let publisher = values["publisher"],
                  let retrieved = values["retrieved"], let text = values["text"] else { continue }
            result.append(SourceQuote(url: url, publisher: publisher, retrieved: retrieved, text: text, location: item.location))
        }
        return result
    }
}

private extension YAMLNode {
    var isCollection: Bool {
        switch self {
        case .sequence, .mapping: true
        case .scalar, .null: false
        }
    }
}
