import BriefDiagnostics

/// A table of typed columns read from `Content/data/<name>.csv` or `.json`, with its metadata.
public struct Dataset: Sendable, Hashable {
    /// The file name without extension; the name charts, tables and prose refer to.
    public var name: String
    public var columns: [Column]
    public var metadata: DatasetMetadata
    /// The data file as read, relative to the working folder (for diagnostics and downloads).
    public var path: String

    public init(name: String, columns: [Column], metadata: DatasetMetadata, path: String) {
        self.name = name
        self.columns = columns
        self.metadata = metadata
        self.path = path
    }

    public var rowCount: Int { columns.first?.values.count ?? 0 }
    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

/// One column: a name, a type and one value per row.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: ColumnType
    /// A human label from the metadata, else nil (use `name`).
    public var label: String?
    /// A unit from the metadata ("USD millions", "%"), else nil.
    public var unit: String?
    public var values: [Value]
    /// For a date column whose cells are not ISO dates: the format they follow (declared in
    /// the metadata or inferred). Cells keep the text their source wrote.
    public var dateFormat: DateFormat?

    public init(
        name: String, type: ColumnType, label: String? = nil, unit: String? = nil, values: [Value],
        dateFormat: DateFormat? = nil
    ) {
        self.name = name
        self.type = type
        self.label = label
        self.unit = unit
        self.values = values
        self.dateFormat = dateFormat
    }

    /// A date cell's moment: read with the column's format, else as `YYYY-MM-DD`/`YYYY-MM`.
    public func dateTime(_ value: Value) -> DateTime? {
        guard case .text(let text) = value else { return nil }
        return Column.dateTime(text, format: dateFormat)
    }

    /// `text` read with `format`, else (and when `format` is nil) as an ISO 8601 date
    /// (`YYYY-MM-DD`, `YYYY-MM`) or date and time (`YYYY-MM-DD HH:MM[:SS]`, also with `T`).
    public static func dateTime(_ text: String, format: DateFormat?) -> DateTime? {
        if let format, let moment = format.read(text) { return moment }
        if let date = CalendarDate(parsing: text) {
            return DateTime(date: date, precision: date.day == nil ? .month : .day)
        }
        guard text.utf8.count >= 16, CalendarDate.hasDateShape(String(text.prefix(10))) else { return nil }
        for iso in DateFormat.isoTimes {
            if let moment = iso.read(text) { return moment }
        }
        return nil
    }

    public var displayName: String { label ?? name }
}

public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    case number, year, date, text
}

/// One cell. Numbers keep the text they were written as, so a figure is never shown with more
/// or less precision than its source gave.
public enum Value: Sendable, Hashable {
    case missing
    case number(Double, text: String)
    case text(String)

    public var number: Double? {
        if case .number(let n, _) = self { return n }
        return nil
    }

    public var isMissing: Bool { self == .missing }

    /// The cell as its source wrote it ("" when missing).
    public var text: String {
        switch self {
        case .missing: ""
        case .number(_, let t): t
        case .text(let t): t
        }
    }
}

/// What `Content/data/<name>.yml` says about a dataset.
public struct DatasetMetadata: Sendable, Hashable {
    public var title: String
    public var source: String
    public var sourceURL: String?
    public var publisher: String?
    /// YYYY-MM-DD as written.
    public var retrieved: String?
    public var units: String?
    public var license: String?
    public var notes: String?
    /// Fiscal or calendar year basis, e.g. "Pakistan fiscal year (July–June)".
    public var period: String?
    /// The source's reliability as judged by the editor: high, medium or low, with a reason.
    public var confidence: String?
    /// Known problems with the figures (revisions, differing bases).
    public var caveats: String?
    /// Per-column declarations keyed by column name.
    public var columns: [String: ColumnMetadata]
    /// The file's dialect and layout (`csv:` or `xlsx:`).
    public var layout: TableLayout
    /// Sentences quoted from the public pages the figures came from, in file order.
    public var quotes: [SourceQuote] = []
    /// How often the source publishes new figures (`release:`), for `brief check --stale`.
    public var release: ReleaseCadence?
    /// The dataset's words in other languages (`translations: {ur: {title, columns}}`), keyed by
    /// language code: what a translated page shows instead of the title, column labels and units.
    public var translations: [String: DatasetTranslation] = [:]
    /// Where the metadata file is, for diagnostics.
    public var path: String

    public init(
        title: String, source: String, sourceURL: String? = nil, publisher: String? = nil,
        retrieved: String? = nil, units: String? = nil, license: String? = nil, notes: String? = nil,
        period: String? = nil, confidence: String? = nil, caveats: String? = nil,
        columns: [String: ColumnMetadata] = [:], layout: TableLayout = TableLayout(), path: String = ""
    ) {
        self.layout = layout
        self.title = title
        self.source = source
        self.sourceURL = sourceURL
        self.publisher = publisher
        self.retrieved = retrieved
        self.units = units
        self.license = license
        self.notes = notes
        self.period = period
        self.confidence = confidence
        self.caveats = caveats
        self.columns = columns
        self.path = path
    }
}

/// A column's declared type, unit, label and date format.
/// A dataset's title and column words in one other language (`translations:` in its metadata).
public struct DatasetTranslation: Sendable, Hashable {
    public var title: String?
    /// Column name → its label and unit in that language (only `label` and `unit` are read).
    public var columns: [String: ColumnMetadata] = [:]
    /// The language code's place in the metadata file.
    public var location: SourceLocation

    public init(title: String? = nil, columns: [String: ColumnMetadata] = [:], location: SourceLocation) {
        self.title = title
        self.columns = columns
        self.location = location
    }
}

extension Dataset {
    /// The dataset as a page in `code` shows it: its title, column labels and units from
    /// `translations[code]` where the metadata gives them, its own words elsewhere.
    public func translated(into code: String) -> Dataset {
        guard let words = metadata.translations[code] else { return self }
        var copy = self
        if let title = words.title { copy.metadata.title = title }
        for i in copy.columns.indices {
            guard let column = words.columns[copy.columns[i].name] else { continue }
            if let label = column.label { copy.columns[i].label = label }
            if let unit = column.unit { copy.columns[i].unit = unit }
        }
        return copy
    }
}

public struct ColumnMetadata: Sendable, Hashable {
    public var type: ColumnType?
    public var unit: String?
    public var label: String?
    /// `format:` for a date column, e.g. `%b %d %Y`.
    public var dateFormat: DateFormat?
    public var location: SourceLocation?

    public init(
        type: ColumnType? = nil, unit: String? = nil, label: String? = nil, dateFormat: DateFormat? = nil,
        location: SourceLocation? = nil
    ) {
        self.type = type
        self.unit = unit
        self.label = label
        self.dateFormat = dateFormat
        self.location = location
    }
}
