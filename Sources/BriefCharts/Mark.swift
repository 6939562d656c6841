/// One kind of mark (Observable Plot's sense): the shapes that draw a chart's data. Each lives in
/// its own file (`LineMark`, `BarMark`, `AreaMark`, `DotMark`, …); `KindTraits.mark` says which
/// one a chart kind uses.
protocol Mark: Sendable {
    /// The marks inside the shared x/y layout's plot, as SVG elements.
    static func render(_ plot: Plot) -> String
    /// A kind that lays out the whole drawing itself (slope, timeline, range) returns it here;
    /// nil (the default) uses the shared x/y layout around `render`.
    static func drawChart(_ chart: SVGChart) -> SVGChart.Drawing?
    /// The chart's text description, when the kind needs its own (nil: `ChartRenderer.describe`).
    static func describe(_ spec: ChartSpec, data: PlotData, text: InterfaceText, translated: Bool) -> String?
    /// The chart's data table, when the kind needs its own (nil: `ChartRenderer.dataTable`).
    static func dataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String, text: InterfaceText) -> String?
}

extension Mark {
    static func drawChart(_ chart: SVGChart) -> SVGChart.Drawing? { nil }
    static func describe(_ spec: ChartSpec, data: PlotData, text: InterfaceText, translated: Bool) -> String? { nil }
    static func dataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String, text: InterfaceText) -> String? { nil }
}

/// What a mark draws into: the chart, the plot rectangle and the scales fitted to it.
struct Plot {
    var chart: SVGChart
    var frame: SVGChart.Frame
    /// The category scale (bars, and lines over categories); nil on a numeric x axis.
    var band: BandScale?
    /// The x pixel of a plotted row.
    var xAt: (Int) -> Double
    /// The value scale: up the plot, or across it when `horizontal`.
    var value: LinearScale
    /// Stack bounds per series and row when the chart is stacked.
    var stacks: [[(lo: Double, hi: Double)?]]?
    var horizontal = false

    var data: PlotData { chart.data }
    var width: Double { frame.plotRight - frame.plotLeft }

    /// A run as drawn: at screen resolution (M4) unless reduction is off.
    func screen(_ run: [(Double, Double)]) -> [(Double, Double)] {
        chart.reduce ? Reduction.forScreen(run, width: width) : run
    }
}

/// Path helpers shared by the line and area marks.
enum Paths {
    /// Runs of defined points; a missing value ends a run, so it shows as a gap.
    static func runs(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var out: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for p in points {
            if let p { current.append(p) } else if !current.isEmpty { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// `M x,y L x,y …` through the points of a run.
    static func path(_ run: [(Double, Double)]) -> String {
        var d = MarkupBytes(capacity: run.count * 14)
        for (i, p) in run.enumerated() {
            if i == 0 { d.add("M") } else { d.add("L") }
            d.coordinate(p.0)
            d.add(",")
            d.coordinate(p.1)
        }
        return d.string
    }
}

/// An SVG coordinate, rounded to two decimals, never `-0`.
@inline(__always) func n(_ v: Double) -> String { Decimal.coordinate(v) }
