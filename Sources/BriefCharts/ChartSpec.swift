import BriefData
import BriefDiagnostics

/// What a `chart` block asks for, checked against its dataset.
public struct ChartSpec: Sendable, Hashable {
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
    /// Small multiples: one panel per value of this column, sharing scales and one legend.
    public var facet: String?
    /// A timeline's event text column.
    public var label: String?
    /// Shaded x ranges (`bands: [{from, to, label}]`).
    public var bands: [ChartBand] = []
    /// Notes with a leader line to a point (`callouts: [{x, y, text}]`).
    public var callouts: [ChartCallout] = []
    /// The one series drawn in colour; the others are greyed.
    public var highlight: String?
    /// Where the block's YAML starts, for later diagnostics.
    public var location: SourceLocation

    public init(
        kind: Kind, dataset: String, x: String, y: [String], title: String,
        subtitle: String? = nil, caption: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        stacked: Bool = false, horizontal: Bool = false, format: NumberFormat = .number,
        yMin: Double? = nil, yMax: Double? = nil, annotations: [ChartAnnotation] = [],
        location: SourceLocation = SourceLocation(path: "", line: 1, column: 1), series: String? = nil,
        facet: String? = nil, label: String? = nil, bands: [ChartBand] = [], callouts: [ChartCallout] = [], highlight: String? = nil
    ) {
        self.facet = facet
        self.label = label
        self.bands = bands
        self.callouts = callouts
        self.highlight = highlight
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

/// A shaded x range with an optional label: a crisis period, a programme's years.
public struct ChartBand: Sendable, Hashable {
    /// The x values as written, like an annotation's x.
    public var from: String
    public var to: String
    public var label: String?
    public var location: SourceLocation

    public init(from: String, to: String, label: String? = nil, location: SourceLocation = SourceLocation(path: "", line: 1, column: 1)) {
        self.from = from
        self.to = to
        self.label = label
        self.location = location
    }
}

/// A note set clear of the marks, with a leader line to the point (x, y) it is about.
public struct ChartCallout: Sendable, Hashable {
    public var x: String
    public var y: Double
    public var text: String
    public var location: SourceLocation

    public init(x: String, y: Double, text: String, location: SourceLocation = SourceLocation(path: "", line: 1, column: 1)) {
        self.x = x
        self.y = y
        self.text = text
        self.location = location
    }
}
