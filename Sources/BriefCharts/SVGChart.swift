import BriefData

/// One drawing of a chart at one size: scales fitted to the space the labels leave, then
/// gridlines, axes, marks, annotations and labels, written as SVG.
///
/// The parts live in their own files: axes (`Axes.swift`), the shared x/y layout
/// (`Layout.swift`) and the horizontal one (`HorizontalLayout.swift`), the marks (`*Mark.swift`),
/// direct labels (`Labels.swift`) and annotations (`Annotations.swift`).
///
/// A class, not a struct: a drawing passes itself to its marks, layouts and closures many times
/// per value, and a reference costs one retain where a copy of the spec and data cost dozens.
/// It is made, configured and drawn by one caller and never shared.
final class SVGChart {
    let spec: ChartSpec
    let data: PlotData
    let variant: Variant
    /// Off only in tests, to compare a reduced drawing with the one through every point.
    var reduce = true

    init(spec: ChartSpec, data: PlotData, variant: Variant, reduce: Bool = true) {
        self.spec = spec
        self.data = data
        self.variant = variant
        self.reduce = reduce
    }
    /// A small-multiple panel's value extent: every panel's together, so they share one scale.
    var sharedExtent: (Double, Double)? = nil
    /// A small-multiples panel's name and where its series start among all panels' series (the
    /// data table's columns), for its points' names and `data-series` (SVGChart+Points.swift).
    var pointPanel: (name: String, seriesOffset: Int)? = nil
    /// The page's interface text: points, value labels and tick labels print numbers, dollars,
    /// per cents and months as the page's language writes them. nil writes them as English does
    /// (standalone drawings built outside a page).
    var text: InterfaceText? = nil
    /// The page is in another language than the site's, whose words the dataset's `units` are
    /// (`NumberFormat.unit(_:in:translated:)`).
    var translated = false
    /// The points' names (`SVGChart.pointNames`), made once for both drawings of a figure; for
    /// small multiples, one set per panel. Nil: made when drawn.
    var pointNames: PointNames? = nil
    var panelPointNames: [PointNames?]? = nil

    struct Output {
        var svg: String
        /// True when this drawing relies on the HTML legend (several series, no direct labels).
        var needsLegend: Bool
    }

    /// A drawing's body (everything inside `<svg>` after its title and description), its size,
    /// and whether it relies on the legend.
    struct Drawing {
        var body: String
        var frame: Frame
        var needsLegend: Bool
    }

    /// A label on an axis: where, what is shown, and the full text when it was shortened.
    struct TickLabel {
        var position: Double
        var text: String
        var full: String?
        /// Set when a long category name is set on up to three lines.
        var lines: [String]? = nil
    }

    /// Margins and the plot rectangle.
    struct Frame {
        var width: Double, height: Double
        var top: Double, right: Double, bottom: Double, left: Double
        var plotLeft: Double { left }
        var plotRight: Double { width - right }
        var plotTop: Double { top }
        var plotBottom: Double { height - bottom }
    }

    var font: Double { variant.font }
    var traits: KindTraits { spec.kind.traits }
    var isHorizontal: Bool { traits.alwaysHorizontal || (traits.canBeHorizontal && spec.horizontal) }
    var stacks: [[(lo: Double, hi: Double)?]]? {
        guard spec.stacked, let stacking = traits.stacking else { return nil }
        return data.stacked(stacking)
    }

    /// The colour class of a series.
    func seriesClass(_ s: PlotData.Series) -> String {
        "series-\(s.index + 1)" + (spec.highlight == nil ? "" : spec.mutes(s) ? " muted" : " highlighted")
    }

    /// The series in drawing order: with `highlight`, the greyed ones first, so the highlighted
    /// series is drawn over them.
    var drawOrder: [PlotData.Series] {
        spec.highlight == nil ? data.series : data.series.filter { spec.mutes($0) } + data.series.filter { !spec.mutes($0) }
    }

    // MARK: - Render

    func render(id: String, title: String, description: String, facets: Facets? = nil) -> Output {
        let drawing = facets.map { drawFacets($0) } ?? draw()
        let frame = drawing.frame
        let vid = "\(id)-\(variant.name)"
        var svg = ""
        svg.reserveCapacity(drawing.body.utf8.count + description.utf8.count + title.utf8.count + 512)
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-\(variant.name)\""
        svg += " viewBox=\"0 0 \(n(frame.width)) \(n(frame.height))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\""
        // With focusable points (SVGChart+Points.swift) the drawing is not one image (an image's
        // children are presentational and may not take focus) but a document of named values:
        // the svg element's own role (graphics-document; HTML allows no explicit group role on it).
        let hasPoints = facets.map { f in f.panels.contains { Self.hasPointLayer(spec, data: $0) } } ?? hasPointLayer
        svg += hasPoints
            ? " aria-labelledby=\"\(vid)-title\" aria-describedby=\"\(vid)-desc\""
            : " role=\"img\" aria-labelledby=\"\(vid)-title \(vid)-desc\""
        svg += " font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" font-size=\"\(n(font))\">\n"
        svg += "<title id=\"\(vid)-title\">\(Escape.html(title))</title>\n"
        svg += "<desc id=\"\(vid)-desc\">\(Escape.html(description))</desc>\n"
        svg += drawing.body
        svg += "</svg>\n"
        return Output(svg: svg, needsLegend: drawing.needsLegend)
    }

    /// The kind's own layout if it has one, else horizontal bars or the shared x/y layout.
    func draw() -> Drawing {
        if let own = traits.mark.drawChart(self) { return own }
        if isHorizontal { return drawHorizontal() }
        let direct = directLabelsWanted
        var result = drawVertical(directLabels: direct)
        if direct && !result.directLabelsFit {
            result = drawVertical(directLabels: false)
        }
        return Drawing(body: result.body, frame: result.frame,
                       needsLegend: data.series.count >= 2 && !result.directLabelsFit)
    }

    // MARK: - Helpers

    func titled(_ t: (text: String, truncated: Bool), full: String) -> String { TextMark.titled(t, full: full) }
}
