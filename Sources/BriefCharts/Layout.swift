import BriefData

/// The shared x/y layout: x across, values up. Margins grow from what the labels need until they
/// settle, then gridlines, axes, the kind's mark, annotations and direct labels are drawn.
extension SVGChart {
    /// A plot's margins and scales, settled.
    struct XYLayout {
        var frame: Frame
        var axis: ValueAxis
        var x: XAxis
    }

    /// Margins from the value labels, the x labels, axis titles and the room `reserve` asks for
    /// (direct labels at the right, annotation labels above the plot).
    func settleXY(width W: Double, height H: Double, extent: (Double, Double), rightReserve: Double = 0, topReserve: Double = 0) -> XYLayout {
        let valueTitle = self.valueTitle, categoryTitle = self.categoryTitle
        var f = Frame(width: W, height: H, top: font * 0.5 + 4 + (valueTitle != nil ? font + 8 : 0) + topReserve,
                      right: 12, bottom: font + 10, left: 30)
        for _ in 0..<4 {
            let axis = valueAxis(extent: extent, r0: f.plotBottom, r1: f.plotTop)
            let x = xAxis(from: f.plotLeft, to: f.plotRight, frame: f)
            // Direct labels start just after the last point, which a point scale insets.
            let inset = x.band.map { f.plotRight - $0.center(data.categories.count - 1) } ?? 0
            let left = max(axis.widest + 8, x.leftNeed, 4).rounded(.up)
            let right = max(12, x.rightNeed, rightReserve - inset + 2).rounded(.up)
            let bottom = (x.depth + (categoryTitle != nil ? font + 8 : 0) + 7).rounded(.up)
            // Settled: the axes just made are the axes of this frame.
            if left == f.left && right == f.right && bottom == f.bottom { return XYLayout(frame: f, axis: axis, x: x) }
            f.left = left
            f.right = right
            f.bottom = bottom
        }
        return XYLayout(frame: f, axis: valueAxis(extent: extent, r0: f.plotBottom, r1: f.plotTop),
                        x: xAxis(from: f.plotLeft, to: f.plotRight, frame: f))
    }

    /// The x pixel of a plotted row on a settled x axis.
    func xPosition(_ x: XAxis) -> (Int) -> Double {
        let data = self.data
        return { row in
            if let band = x.band { return band.center(Int(data.xPositions[row])) }
            return x.linear?(data.xPositions[row]) ?? 0
        }
    }

    /// Where an x value written in a spec lands on a settled x axis; nil if it is off the axis.
    func xPosition(of text: String, on x: XAxis) -> Double? {
        if let band = x.band, let i = data.categories.firstIndex(of: text) { return band.center(i) }
        if let lin = x.linear, let p = XAxisKind.position(of: text, axis: data.axis, format: data.xFormat, isCategory: { _ in false }) {
            return lin.contains(p) ? lin(p) : nil
        }
        return nil
    }

    /// A settled layout and what is drawn under the marks (bands, gridlines, axes and their
    /// titles). It depends only on the size, the x values and the value extent, so the panels of
    /// small multiples, which share all three, settle it once (`drawFacets`).
    struct XYBase {
        var layout: XYLayout
        var lanes: Int
        var under: String
    }

    func baseXY(directLabels: Bool) -> XYBase {
        let extent = valueExtent(stacks)
        let directWidth = directLabels ? (data.series.map { TextMeasure.width($0.name, size: font) }.max() ?? 0) + 10 : 0
        var layout = settleXY(width: variant.width, height: variant.height, extent: extent, rightReserve: directWidth)
        // Labelled bands take one or two lanes above the plot.
        let lanes = spec.bands.isEmpty ? 0 : bandLanes(x: layout.x, frame: layout.frame)
        if lanes > 0 {
            layout = settleXY(width: variant.width, height: variant.height, extent: extent, rightReserve: directWidth,
                              topReserve: Double(lanes) * SVGChart.laneHeight + 2)
        }
        let f = layout.frame, x = layout.x
        let bands = bandsMarkup(x: x, frame: f, lanes: max(1, lanes))
        var o = bands.rects + valueAxisMarkup(layout.axis, frame: f) + bands.labels
        if let valueTitle { o += axisTitle(valueTitle, atTop: true, frame: f) }
        o += xAxisMarkup(x, frame: f)
        if let categoryTitle { o += axisTitle(categoryTitle, atTop: false, frame: f) }
        return XYBase(layout: layout, lanes: lanes, under: o)
    }

    func drawVertical(directLabels: Bool, base given: XYBase? = nil) -> (body: String, frame: Frame, directLabelsFit: Bool) {
        let stacks = self.stacks
        let base = given ?? baseXY(directLabels: directLabels)
        let layout = base.layout
        let f = layout.frame, x = layout.x
        let y = layout.axis.scale
        var o = ""
        // Room for the marks and the point layer (about 250 bytes a value), so appends don't regrow.
        o.reserveCapacity(base.under.utf8.count + data.count * data.series.count * 250 + 512)
        o += base.under
        // Marks, then the zero line over bars and areas so their baseline reads crisply.
        let xAt = xPosition(x)
        let plot = Plot(chart: self, frame: f, band: x.band, xAt: xAt, value: y, stacks: stacks)
        o += "<g class=\"marks\(stacks != nil ? " stacked" : "")\">"
        o += traits.mark.render(plot)
        o += RuleMark.zero(y, frame: f, horizontal: false)
        o += "</g>\n"
        o += annotations(frame: f, categoryAt: { self.xPosition(of: $0, on: x) }, value: y, horizontal: false)
        if !spec.callouts.isEmpty {
            var obstacles = markObstacles(plot)
            obstacles.add(annotationsOf: self, frame: f, categoryAt: { self.xPosition(of: $0, on: x) }, value: y)
            let rightLimit = directLabels && data.count > 0 ? xAt(data.count - 1) + 4 : Double.infinity
            o += calloutsMarkup(plot, obstacles: obstacles, categoryAt: { self.xPosition(of: $0, on: x) }, rightLimit: rightLimit)
        }
        var fit = false
        if directLabels, let labels = directLabelMarkup(frame: f, y: y, x: data.count > 0 ? xAt(data.count - 1) + 8 : f.plotRight + 6) {
            o += labels
            fit = true
        }
        // Focusable values over everything (SVGChart+Points.swift).
        o += pointLayer(points(plot))
        return (o, f, fit)
    }

    var directLabelsWanted: Bool {
        guard traits.directLabels, data.series.count >= 2, data.count > 0 else { return false }
        let last = data.count - 1
        guard data.series.allSatisfy({ $0.values[last] != nil }) else { return false }
        let widest = data.series.map { TextMeasure.width($0.name, size: font) }.max() ?? 0
        return widest + 10 <= variant.width * 0.3
    }
}
