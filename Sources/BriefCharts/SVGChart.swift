import BriefData

/// One drawing of a chart at one size: scales fitted to the space the labels leave, then
/// gridlines, axes, marks, annotations and labels, written as SVG.
///
/// The parts live in their own files: axes (`Axes.swift`), the shared x/y layout
/// (`Layout.swift`) and the horizontal one (`HorizontalLayout.swift`), the marks (`*Mark.swift`),
/// direct labels (`Labels.swift`) and annotations (`Annotations.swift`).
struct SVGChart {
    let spec: ChartSpec
    let data: PlotData
    let variant: Variant
    /// Off only in tests, to compare a reduced drawing with the one through every point.
    var reduce = true

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
    var isHorizontal: Bool { traits.canBeHorizontal && spec.horizontal }
    var stacks: [[(lo: Double, hi: Double)?]]? {
        guard spec.stacked, let stacking = traits.stacking else { return nil }
        return data.stacked(stacking)
    }

    /// The colour class of a series.
    func seriesClass(_ s: PlotData.Series) -> String { "series-\(s.index + 1)" }

    // MARK: - Render

    func render(id: String, title: String, description: String) -> Output {
        let drawing = draw()
        let frame = drawing.frame
        let vid = "\(id)-\(variant.name)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-\(variant.name)\""
        svg += " viewBox=\"0 0 \(n(frame.width)) \(n(frame.height))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\""
        svg += " role=\"img\" aria-labelledby=\"\(vid)-title \(vid)-desc\""
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
