import BriefData
import BriefDiagnostics

/// What a `table` block asks for.
public struct TableSpec: Sendable, Hashable {
    public var dataset: String
    /// Which columns, in what order; nil for all.
    public var columns: [String]?
    public var caption: String?
    /// Per-column number formats; number columns not named here print exactly as the source wrote them.
    public var formats: [String: NumberFormat]
    public var location: SourceLocation

    public init(
        dataset: String, columns: [String]? = nil, caption: String? = nil,
        formats: [String: NumberFormat] = [:],
        location: SourceLocation = SourceLocation(path: "", line: 1, column: 1)
    ) {
        self.dataset = dataset
        self.columns = columns
        self.caption = caption
        self.formats = formats
        self.location = location
    }
}

extension TableSpec {
    static let keys = ["data", "columns", "caption", "format"]

    /// Reads a `table` block's YAML and checks it against `datasets`.
    /// `format` is a mapping `{column: format}`, or one format name for every number column.
    public static func decode(_ node: YAMLNode, datasets: [String: Dataset]) throws(DiagnosticError) -> TableSpec {
        var r = SpecReader(block: "table")
        guard let entries = r.entries(of: node, known: keys, what: "table") else {
            throw DiagnosticError(r.diagnostics)
        }
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }

        var dataset: Dataset?
        let name = entry("data").flatMap { r.text($0) }
        if let e = entry("data"), let name {
            dataset = datasets[name]
            if dataset == nil {
                r.error(e.value.location, "unknown dataset \"\(name)\"",
                        hint: SpecReader.hint(for: name, in: datasets.keys.sorted(), listName: "datasets"))
            }
        } else {
            r.error(entry("data")?.keyLocation ?? node.location, "table needs 'data', the name of a dataset in Content/data")
        }

        func check(_ column: String, _ at: SourceLocation, _ key: String) {
            guard let ds = dataset, ds.column(named: column) == nil else { return }
            r.error(at, "unknown column \"\(column)\" in table \(key)",
                    hint: SpecReader.hint(for: column, in: ds.columnNames, listName: "columns of \(ds.name)"))
        }

        var columns: [String]?
        if let e = entry("columns") {
            switch e.value {
            case .sequence(let items, _):
                var list: [String] = []
                for item in items {
                    if case .scalar(let s, _, let at) = item {
                        list.append(s)
                        check(s, at, "columns")
                    } else {
                        r.error(item.location, "each entry of 'columns' must be a column name, not \(item.kindName)")
                    }
                }
                if items.isEmpty { r.error(e.value.location, "'columns' needs at least one column") }
                columns = list
            case .scalar(let s, _, let at):
                columns = [s]
                check(s, at, "columns")
            default:
                r.error(e.value.location, "'columns' must be a list of column names, not \(e.value.kindName)")
            }
        }

        let caption = entry("caption").flatMap { r.text($0) }

        var formats: [String: NumberFormat] = [:]
        func parseFormat(_ s: String, _ at: SourceLocation) -> NumberFormat? {
            if let f = NumberFormat(name: s) { return f }
            r.error(at, "unknown format \"\(s)\"", hint: SpecReader.hint(for: s, in: NumberFormat.names, listName: "formats"))
            return nil
        }
        if let e = entry("format") {
            switch e.value {
            case .scalar(let s, _, let at):
                if let f = parseFormat(s, at), let ds = dataset {
                    for c in ds.columns where c.type == .number { formats[c.name] = f }
                }
            case .mapping(let pairs, _):
                for pair in pairs {
                    check(pair.key, pair.keyLocation, "format")
                    if case .scalar(let s, _, let at) = pair.value {
                        if let f = parseFormat(s, at) { formats[pair.key] = f }
                    } else {
                        r.error(pair.value.location, "the format of \"\(pair.key)\" must be a name such as usd_millions, not \(pair.value.kindName)")
                    }
                }
            case .null: break
            case .sequence:
                r.error(e.value.location, "'format' must be a mapping such as {value_musd: usd_millions}, not a list")
            }
        }

        if !r.diagnostics.isEmpty { throw DiagnosticError(r.diagnostics.sortedForOutput()) }
        guard let name else { throw DiagnosticError(r.diagnostics) }
        return TableSpec(dataset: name, columns: columns, caption: caption, formats: formats, location: node.location)
    }
}
