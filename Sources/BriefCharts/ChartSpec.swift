import BriefData
import BriefDiagnostics

/// What a `chart` block asks for, checked against its dataset.
public struct ChartSpec: Sendable, Hashable {
    /// The mark a chart draws.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case line, bar, area, scatter
    }

    public var kind: Kind
    /// The dataset's name (`Content/data/<name>.csv`).
    public var dataset: String
    /// The column along the horizontal axis (the category axis of a horizontal bar chart).
    public var x: String
    /// One series per column.
    public var y: [String]
    /// With one `y` column: one series per value of this column (long, "tidy" data).
    public var series: String?
    public var title: String
    public var subtitle: String?
    public var caption: String?
    public var xLabel: String?
    public var yLabel: String?
    public var stacked: Bool
    public var horizontal: Bool
    public var format: NumberFormat
    public var yMin: Double?
    public var yMax: Double?
    public var annotations: [ChartAnnotation]
    /// Where the block's YAML starts, for later diagnostics.
    public var location: SourceLocation

    public init(
        kind: Kind, dataset: String, x: String, y: [String], title: String,
        subtitle: String? = nil, caption: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        stacked: Bool = false, horizontal: Bool = false, format: NumberFormat = .number,
        yMin: Double? = nil, yMax: Double? = nil, annotations: [ChartAnnotation] = [],
        location: SourceLocation = SourceLocation(path: "", line: 1, column: 1), series: String? = nil
    ) {
        self.kind = kind
        self.series = series
        self.dataset = dataset
        self.x = x
        self.y = y
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.stacked = stacked
        self.horizontal = horizontal
        self.format = format
        self.yMin = yMin
        self.yMax = yMax
        self.annotations = annotations
        self.location = location
    }
}

/// A reference line or a labelled point. `x` alone is a rule across the value axis at that
/// category or position; `y` alone is a rule at that value; both make a labelled dot.
/// In a horizontal bar chart `x` still names a category and `y` a value.
public struct ChartAnnotation: Sendable, Hashable {
    /// The x value as written: a category, a number, a year or a YYYY-MM-DD date.
    public var x: String?
    public var y: Double?
    public var label: String
    public var location: SourceLocation

    public init(x: String? = nil, y: Double? = nil, label: String, location: SourceLocation = SourceLocation(path: "", line: 1, column: 1)) {
        self.x = x
        self.y = y
        self.label = label
        self.location = location
    }
}
