/// What each kind of chart draws and which rules apply to it, in one table: the renderer, the
/// spec decoder, the legend and the description ask these traits, never `kind == .bar`.
///
/// Adding a kind: a case in `ChartSpec.Kind` and its row below (this file), the mark that draws
/// it (`<Name>Mark.swift`, a `Mark`), and, only if it takes new keys, `ChartSpec+Decode.swift`.
extension ChartSpec {
    /// The mark a chart draws.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case line, bar, area, scatter, slope, range, timeline
    }
}

/// The per-kind rules.
struct KindTraits: Sendable {
    /// The mark that draws the data.
    var mark: any Mark.Type
    /// The x column is always categorical (bars), whatever its type.
    var categoricalX = false
    /// Categories take a band each (bars) rather than a point (lines, dots).
    var bands = false
    /// The value domain always includes zero (bars and areas start from it).
    var includesZero = false
    /// How `stacked: true` stacks the series; nil when the kind cannot stack.
    var stacking: Stacking?
    /// `horizontal: true` is allowed.
    var canBeHorizontal = false
    /// Series are named at the end of their lines when they fit, instead of in a legend.
    var directLabels = false
    /// The legend swatch's classes.
    var swatch = "swatch"
    /// Several rows may share an x (dots); otherwise a repeated x is an error.
    var repeatedXAllowed = false
    /// What one x value draws, for the repeated-x error ("one bar per x value").
    var oneMarkPerX = "point"
    /// A numeric x axis widens to round bounds so no mark sits on the plot's edge.
    var niceX = false
    /// Long data keeps every row instead of one plotted row per x.
    var keepsEveryRow = false
    /// Past `Reduction.binThreshold` points a series is drawn binned.
    var bins = false
    /// Drawn across (categories down) whatever `horizontal` says: ranges.
    var alwaysHorizontal = false
    /// Drawn in the shared x/y layout, so bands and callouts apply.
    var xyLayout = true
    /// `facet:` may split it into small multiples.
    var facetable = false
    /// Needs `y` columns (a timeline has none).
    var needsY = true
    /// Needs exactly this many `y` columns (a range's two ends).
    var yColumns: Int?
    /// Its x column must hold exactly this many distinct values (a slope's two).
    var xValues: Int?
    /// `series:` applies.
    var takesSeries = true
    /// Needs a `label:` column (a timeline's event text).
    var takesLabel = false
    /// Its x column must hold dates.
    var needsDateX = false
    /// Each value gets a focusable point (SVGChart+Points.swift) where `SVGChart.points` puts
    /// it: at its x position (a bar: its own bar's end) and value. Kinds drawn otherwise have
    /// none until their mark says where its values are.
    var points = false
    /// Several series share a category's band side by side (grouped bars), so a point sits in
    /// its own series' slot of the band rather than at the band's centre.
    var seriesSideBySide = false

    enum Stacking: Sendable {
        /// Positives up from zero, negatives down (d3's diverging offset): bars.
        case diverging
        /// Each series on top of the one before; a gap leaves every layer above it undefined: areas.
        case running
    }
}

extension ChartSpec.Kind {
    /// This kind's row of the traits table.
    var traits: KindTraits {
        switch self {
        case .line: KindTraits.line
        case .bar: KindTraits.bar
        case .area: KindTraits.area
        case .scatter: KindTraits.scatter
        case .slope: KindTraits.slope
        case .range: KindTraits.range
        case .timeline: KindTraits.timeline
        }
    }

    /// The kinds as a sentence: "line, bar, area, scatter, slope, range or timeline".
    static var spokenList: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

extension KindTraits {
    static let line = KindTraits(mark: LineMark.self, directLabels: true, swatch: "swatch swatch-line", facetable: true,
                                 points: true)
    static let bar = KindTraits(mark: BarMark.self, categoricalX: true, bands: true, includesZero: true,
                                stacking: .diverging, canBeHorizontal: true, oneMarkPerX: "bar", facetable: true, points: true,
                                seriesSideBySide: true)
    static let area = KindTraits(mark: AreaMark.self, includesZero: true, stacking: .running, facetable: true,
                                 points: true)
    static let scatter = KindTraits(mark: DotMark.self, swatch: "swatch swatch-dot",
                                    repeatedXAllowed: true, niceX: true, keepsEveryRow: true, bins: true, points: true)
    static let slope = KindTraits(mark: SlopeMark.self, categoricalX: true, swatch: "swatch swatch-line",
                                  xyLayout: false, xValues: 2)
    static let range = KindTraits(mark: RangeMark.self, categoricalX: true, bands: true,
                                  swatch: "swatch swatch-dot", alwaysHorizontal: true, xyLayout: false, yColumns: 2, takesSeries: false,
                                  points: true)
    static let timeline = KindTraits(mark: TimelineMark.self, repeatedXAllowed: true, oneMarkPerX: "event",
                                     xyLayout: false, needsY: false, takesSeries: false, takesLabel: true, needsDateX: true)
}
