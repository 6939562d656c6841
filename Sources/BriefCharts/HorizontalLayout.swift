import BriefData

/// Categories down, values across (horizontal bars, ranges): one row per category, the height
/// following the number of rows, category names at the left.
extension SVGChart {
    func drawHorizontal() -> Drawing {
        let W = variant.width
        let count = max(1, data.categories.count)
        let rowStep: Double = count <= 6 ? 36 : count <= 12 ? 28 : 22
        let valueTitle = self.valueTitle, categoryTitle = self.categoryTitle
        let valueRules = spec.annotations.contains { $0.x == nil && $0.y != nil }
        let top = (categoryTitle != nil ? font + 10 : 0) + 4 + (valueRules ? font + 6 : 0)
        let bottom = font + 17 + (valueTitle != nil ? font + 8 : 0)
        let H = (top + bottom + rowStep * Double(count)).rounded(.up)
        let maxLabel = W * (variant.width < 500 ? 0.4 : 0.33)
        let labels = data.categories.map { TextMeasure.truncate($0, size: font, maxWidth: maxLabel) }
        let widest = labels.map { TextMeasure.width($0.text, size: font) }.max() ?? 0
        var f = Frame(width: W, height: H, top: top, right: 12, bottom: bottom, left: (widest + 10).rounded(.up))
        let stacks = self.stacks
        let extent = valueExtent(stacks)
        var axis = valueAxisAcross(extent: extent, frame: f)
        for _ in 0..<3 {
            // Grow the right margin by however far the last labels would stick out.
            var right = f.right
            for (t, l) in zip(axis.ticks, axis.labels) {
                let w = TextMeasure.width(l, size: font)
                right = max(right, f.right + axis.scale(t) + w / 2 + 1 - W)
            }
            right = right.rounded(.up)
            if right == f.right { break }
            f.right = right
            axis = valueAxisAcross(extent: extent, frame: f)
        }
        let x = axis.scale
        let band = BandScale.band(count: data.categories.count, f.plotTop, f.plotBottom)

        var o = "<g class=\"grid\" aria-hidden=\"true\">"
        for t in axis.ticks where !(t == 0) {
            o += RuleMark.line(x1: x(t), x2: x(t), y1: f.plotTop, y2: f.plotBottom)
        }
        o += "</g>\n"
        o += "<g class=\"axis axis-x\" aria-hidden=\"true\" text-anchor=\"middle\">"
        for (t, l) in zip(axis.ticks, axis.labels) {
            let w = TextMeasure.width(l, size: font)
            let cx = min(max(x(t), w / 2 + 1), W - w / 2 - 1)
            o += TextMark.text(x: cx, y: f.plotBottom + 9 + font * 0.8, Escape.html(l))
        }
        o += "</g>\n"
        o += "<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\">"
        for (i, l) in labels.enumerated() {
            o += TextMark.text(x: f.plotLeft - 6, y: band.center(i) + font * 0.35, titled(l, full: data.categories[i]))
        }
        o += "</g>\n"
        if let categoryTitle { o += axisTitle(categoryTitle, atTop: true, frame: f) }
        if let valueTitle { o += axisTitle(valueTitle, atTop: false, frame: f) }
        let plot = Plot(chart: self, frame: f, band: band, xAt: { band.center(Int(self.data.xPositions[$0])) },
                        value: x, stacks: stacks, horizontal: true)
        o += "<g class=\"marks\(stacks != nil ? " stacked" : "")\">"
        o += traits.mark.render(plot)
        o += RuleMark.zero(x, frame: f, horizontal: true)
        o += "</g>\n"
        o += annotations(frame: f, categoryAt: { text in
            self.data.categories.firstIndex(of: text).map { band.center($0) }
        }, value: x, horizontal: true)
        // Focusable values over everything (SVGChart+Points.swift).
        o += pointLayer(points(plot))
        return Drawing(body: o, frame: f, needsLegend: data.series.count >= 2)
    }
}
