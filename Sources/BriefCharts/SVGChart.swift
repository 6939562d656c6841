import BriefData

/// One drawing of a chart at one size: scales fitted to the space the labels leave, then
/// gridlines, axes, marks, annotations and direct labels, written as SVG.
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

    /// A label on an axis: where, what is shown, and the full text when it was shortened.
    struct TickLabel {
        var position: Double
        var text: String
        var full: String?
        /// Set when a long category name is set on up to three lines.
        var lines: [String]? = nil
    }

    /// The category or position axis.
    struct XAxis {
        var band: BandScale?
        var linear: LinearScale?
        var labels: [TickLabel] = []
        var rotated = false
        var tickMarks = false
        /// Space the labels take beyond the plot edge.
        var depth: Double = 0
        /// Margins the labels need to stay inside the viewBox.
        var leftNeed: Double = 0
        var rightNeed: Double = 0
    }

    /// The value axis.
    struct ValueAxis {
        var scale: LinearScale
        var ticks: [Double]
        var labels: [String]
        var widest: Double
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
    var isHorizontal: Bool { spec.kind == .bar && spec.horizontal }
    var stacks: [[(lo: Double, hi: Double)?]]? {
        spec.stacked && (spec.kind == .bar || spec.kind == .area) ? data.stacked(kind: spec.kind) : nil
    }

    // MARK: - Value domain

    /// The data's extent on the value axis, with zero for bars and areas and every annotated value.
    func valueExtent(_ stacks: [[(lo: Double, hi: Double)?]]?) -> (Double, Double) {
        var lo = Double.infinity, hi = -Double.infinity
        if let stacks {
            for layer in stacks { for case let b? in layer { lo = min(lo, b.lo, b.hi); hi = max(hi, b.lo, b.hi) } }
        } else {
            for s in data.series { for case let v? in s.values { lo = min(lo, v); hi = max(hi, v) } }
        }
        for a in spec.annotations { if let y = a.y { lo = min(lo, y); hi = max(hi, y) } }
        if spec.kind == .bar || spec.kind == .area { lo = min(lo, 0); hi = max(hi, 0) }
        if lo > hi { return (0, 1) }
        return (lo, hi)
    }

    func valueDomain(extent: (Double, Double), count: Double) -> (Double, Double) {
        var lo = spec.yMin ?? extent.0, hi = spec.yMax ?? extent.1
        if lo >= hi {
            if lo == hi && spec.yMin == nil && spec.yMax == nil {
                let pad = lo == 0 ? 1 : abs(lo) * 0.1
                lo -= pad
                hi += pad
                if spec.kind == .bar || spec.kind == .area {
                    if extent.0 >= 0 { lo = 0 }
                    if extent.1 <= 0 { hi = 0 }
                }
            } else if spec.yMax == nil {
                hi = lo + max(1, abs(lo) * 0.1)
            } else {
                lo = hi - max(1, abs(hi) * 0.1)
            }
        }
        var (n0, n1) = Ticks.nice(lo, hi, count: count)
        if let m = spec.yMin { n0 = m }
        if let m = spec.yMax { n1 = m }
        return (n0, n1)
    }

    func valueAxis(extent: (Double, Double), r0: Double, r1: Double) -> ValueAxis {
        let count = max(1, abs(r1 - r0) / 35)
        let (d0, d1) = valueDomain(extent: extent, count: count)
        var ticks = Ticks.ticks(d0, d1, count: count)
        let step = Ticks.step(d0, d1, count: count)
        if spec.format == .integer { ticks = SVGChart.integerTicks(d0, d1, count: count) }
        let formatter = spec.format.tickFormatter(step: max(step, spec.format == .integer ? 1 : 0), ticks: ticks)
        let labels = ticks.map(formatter)
        let widest = labels.map { TextMeasure.width($0, size: font) }.max() ?? 0
        return ValueAxis(scale: LinearScale(d0: d0, d1: d1, r0: r0, r1: r1), ticks: ticks, labels: labels, widest: widest)
    }

    static func integerTicks(_ lo: Double, _ hi: Double, count: Double) -> [Double] {
        let step = Ticks.step(lo, hi, count: count)
        if abs(step) >= 1 { return Ticks.ticks(lo, hi, count: count) }
        let a = min(lo, hi).rounded(.up), b = max(lo, hi).rounded(.down)
        guard a <= b, b - a < 10_000 else { return [] }
        return stride(from: a, through: b, by: 1).map { $0 }
    }

    /// The title over the value axis: the author's, else the series' shared unit when the
    /// format does not already say it.
    var valueTitle: String? {
        if let l = spec.yLabel { return l.isEmpty ? nil : l }
        guard spec.format == .number || spec.format == .integer || spec.format == .exact else { return nil }
        let units = Set(data.series.compactMap(\.unit))
        guard units.count == 1, let unit = units.first, !unit.isEmpty,
              data.series.allSatisfy({ $0.unit != nil }) else { return nil }
        return unit
    }

    var categoryTitle: String? { spec.xLabel.flatMap { $0.isEmpty ? nil : $0 } }

    // MARK: - Render

    func render(id: String, title: String, description: String) -> Output {
        var body = ""
        var frame: Frame
        var needsLegend = data.series.count >= 2
        if isHorizontal {
            frame = drawHorizontal(into: &body)
        } else {
            let direct = directLabelsWanted
            var result = drawVertical(directLabels: direct)
            if direct && !result.directLabelsFit {
                result = drawVertical(directLabels: false)
            }
            if result.directLabelsFit { needsLegend = false }
            body = result.body
            frame = result.frame
        }
        let vid = "\(id)-\(variant.name)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-\(variant.name)\""
        svg += " viewBox=\"0 0 \(n(frame.width)) \(n(frame.height))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\""
        // With focusable points (SVGChart+Points.swift) the drawing is not one image (an image's
        // children are presentational and may not take focus) but a document of named values:
        // the svg element's own role (graphics-document; HTML allows no explicit group role on it).
        svg += hasPointLayer
            ? " aria-labelledby=\"\(vid)-title\" aria-describedby=\"\(vid)-desc\""
            : " role=\"img\" aria-labelledby=\"\(vid)-title \(vid)-desc\""
        svg += " font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" font-size=\"\(n(font))\">\n"
        svg += "<title id=\"\(vid)-title\">\(Escape.html(title))</title>\n"
        svg += "<desc id=\"\(vid)-desc\">\(Escape.html(description))</desc>\n"
        svg += body
        svg += "</svg>\n"
        return Output(svg: svg, needsLegend: needsLegend)
    }

    // MARK: - Vertical charts (x across, values up)

    var directLabelsWanted: Bool {
        guard spec.kind == .line, data.series.count >= 2, data.count > 0 else { return false }
        let last = data.count - 1
        guard data.series.allSatisfy({ $0.values[last] != nil }) else { return false }
        let widest = data.series.map { TextMeasure.width($0.name, size: font) }.max() ?? 0
        return widest + 10 <= variant.width * 0.3
    }

    func drawVertical(directLabels: Bool) -> (body: String, frame: Frame, directLabelsFit: Bool) {
        let W = variant.width, H = variant.height
        let stacks = self.stacks
        let extent = valueExtent(stacks)
        let valueTitle = self.valueTitle, categoryTitle = self.categoryTitle
        let directWidth = directLabels ? (data.series.map { TextMeasure.width($0.name, size: font) }.max() ?? 0) + 10 : 0
        var f = Frame(width: W, height: H, top: font * 0.5 + 4 + (valueTitle != nil ? font + 8 : 0),
                      right: 12, bottom: font + 10, left: 30)
        var axis = valueAxis(extent: extent, r0: f.plotBottom, r1: f.plotTop)
        var x = XAxis()
        for _ in 0..<4 {
            axis = valueAxis(extent: extent, r0: f.plotBottom, r1: f.plotTop)
            x = xAxis(from: f.plotLeft, to: f.plotRight, frame: f)
            // Direct labels start just after the last point, which a point scale insets.
            let inset = x.band.map { f.plotRight - $0.center(data.categories.count - 1) } ?? 0
            let left = max(axis.widest + 8, x.leftNeed, 4).rounded(.up)
            let right = max(12, x.rightNeed, directWidth - inset + 2).rounded(.up)
            let bottom = (x.depth + (categoryTitle != nil ? font + 8 : 0) + 7).rounded(.up)
            if left == f.left && right == f.right && bottom == f.bottom { break }
            f.left = left
            f.right = right
            f.bottom = bottom
        }
        axis = valueAxis(extent: extent, r0: f.plotBottom, r1: f.plotTop)
        x = xAxis(from: f.plotLeft, to: f.plotRight, frame: f)
        let y = axis.scale

        var o = ""
        // Gridlines and the zero line.
        o += "<g class=\"grid\" aria-hidden=\"true\">"
        for t in axis.ticks where !(t == 0 && y.contains(0)) {
            o += "<line x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(y(t)))\" y2=\"\(n(y(t)))\"/>"
        }
        o += "</g>\n"
        // Value axis labels.
        o += "<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\">"
        for (t, label) in zip(axis.ticks, axis.labels) {
            o += "<text x=\"\(n(f.plotLeft - 6))\" y=\"\(n(y(t) + font * 0.35))\">\(Escape.html(label))</text>"
        }
        o += "</g>\n"
        if let valueTitle {
            let t = TextMeasure.truncate(valueTitle, size: font, maxWidth: W - 2)
            o += "<text class=\"axis-title\" x=\"1\" y=\"\(n(font))\">\(titled(t, full: valueTitle))</text>\n"
        }
        // Category / position axis.
        o += xAxisMarkup(x, frame: f)
        if let categoryTitle {
            let t = TextMeasure.truncate(categoryTitle, size: font, maxWidth: W - 2)
            o += "<text class=\"axis-title\" x=\"\(n(W - 1))\" y=\"\(n(H - 4))\" text-anchor=\"end\">\(titled(t, full: categoryTitle))</text>\n"
        }
        // Marks.
        o += "<g class=\"marks\(stacks != nil ? " stacked" : "")\">"
        let xAt: (Int) -> Double = { row in
            if let band = x.band { return band.center(Int(data.xPositions[row])) }
            return x.linear?(data.xPositions[row]) ?? 0
        }
        switch spec.kind {
        case .bar: o += bars(band: x.band, value: y, stacks: stacks, horizontal: false)
        case .line: o += lines(xAt: xAt, y: y, width: f.plotRight - f.plotLeft)
        case .area: o += areas(xAt: xAt, y: y, stacks: stacks, width: f.plotRight - f.plotLeft)
        case .scatter: o += dots(xAt: xAt, y: y, frame: f)
        }
        // The zero line goes over bars and areas so their baseline reads crisply.
        if y.contains(0) && (y.d0 < 0 || y.d1 > 0) {
            let z = y(0)
            o += "<line class=\"zero\" x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(z))\" y2=\"\(n(z))\"/>"
        }
        o += "</g>\n"
        o += annotations(frame: f, categoryAt: { text in
            if let band = x.band, let i = data.categories.firstIndex(of: text) { return band.center(i) }
            if let lin = x.linear, let p = XAxisKind.position(of: text, axis: data.axis, format: data.xFormat, isCategory: { _ in false }) {
                return lin.contains(p) ? lin(p) : nil
            }
            return nil
        }, value: y, horizontal: false)
        var fit = false
        if directLabels, let labels = directLabelMarkup(frame: f, y: y, x: data.count > 0 ? xAt(data.count - 1) + 8 : f.plotRight + 6) {
            o += labels
            fit = true
        }
        // Focusable values over everything (SVGChart+Points.swift).
        o += pointLayer(points(categoryAt: xAt, band: x.band, value: y, stacks: stacks, horizontal: false))
        return (o, f, fit)
    }

    /// The x axis for the space [from, to]: a band (bars) or point (lines) scale for
    /// categories, else a linear or time scale, with labels thinned or turned to fit.
    func xAxis(from r0: Double, to r1: Double, frame: Frame) -> XAxis {
        var axis = XAxis()
        if data.axis == .categorical {
            let count = data.categories.count
            let band: BandScale = spec.kind == .bar ? .band(count: count, r0, r1) : .point(count: count, r0, r1)
            axis.band = band
            axis.tickMarks = spec.kind != .bar
            placeCategoryLabels(&axis, band: band, frame: frame)
            return axis
        }
        // Numeric: the data's extent, with annotated x positions.
        var lo = data.xPositions.min() ?? 0, hi = data.xPositions.max() ?? 1
        for a in spec.annotations {
            if let t = a.x, let p = XAxisKind.position(of: t, axis: data.axis, format: data.xFormat, isCategory: { _ in false }) {
                lo = min(lo, p)
                hi = max(hi, p)
            }
        }
        if lo == hi {
            let pad: Double = data.axis == .year ? 1 : data.axis == .date ? 30 : (lo == 0 ? 1 : abs(lo) * 0.1)
            lo -= pad
            hi += pad
        }
        if spec.kind == .scatter && data.axis == .linear {
            // Dots sit inside round bounds rather than on the plot's edges.
            (lo, hi) = Ticks.nice(lo, hi, count: max(1, (r1 - r0) / 80))
        }
        let scale = LinearScale(d0: lo, d1: hi, r0: r0, r1: r1)
        axis.linear = scale
        axis.tickMarks = true
        var count = max(1, (r1 - r0) / 80)
        var labels: [TickLabel] = []
        for _ in 0..<12 {
            labels = numericTickLabels(lo, hi, count: count, scale: scale)
            if !overlaps(labels) || count <= 1 { break }
            count = max(1, count - 1)
        }
        if overlaps(labels) {
            // Keep the ends only: never let two labels collide.
            labels = labels.count > 1 ? [labels[0], labels[labels.count - 1]] : labels
            if overlaps(labels) { labels = Array(labels.prefix(1)) }
        }
        axis.labels = labels
        axis.depth = font + 10
        for l in labels {
            let w = TextMeasure.width(l.text, size: font)
            axis.leftNeed = max(axis.leftNeed, frame.left + (1 + w / 2) - l.position)
            axis.rightNeed = max(axis.rightNeed, frame.right + l.position + w / 2 + 1 - frame.width)
        }
        return axis
    }

    func overlaps(_ labels: [TickLabel]) -> Bool {
        guard labels.count > 1 else { return false }
        for i in 1..<labels.count {
            let a = labels[i - 1], b = labels[i]
            let gap = (b.position - TextMeasure.width(b.text, size: font) / 2) - (a.position + TextMeasure.width(a.text, size: font) / 2)
            if gap < 8 { return true }
        }
        return false
    }

    func numericTickLabels(_ lo: Double, _ hi: Double, count: Double, scale: LinearScale) -> [TickLabel] {
        switch data.axis {
        case .year:
            return SVGChart.integerTicks(lo, hi, count: count).map {
                TickLabel(position: scale($0), text: Decimal.fixed($0, decimals: 0))
            }
        case .date:
            return DateTicks.ticks(lo, hi, count: count).map { TickLabel(position: scale($0.days), text: $0.label) }
        default:
            let ticks = Ticks.ticks(lo, hi, count: count)
            let format = NumberFormat.number.tickFormatter(step: Ticks.step(lo, hi, count: count), ticks: ticks)
            return ticks.map { TickLabel(position: scale($0), text: format($0)) }
        }
    }

    /// Category labels: all of them level when they fit, else every k-th (short labels such as
    /// years), else turned 45° and shortened, with the full text kept in a `<title>`.
    func placeCategoryLabels(_ axis: inout XAxis, band: BandScale, frame: Frame) {
        let texts = data.categories
        guard !texts.isEmpty else { axis.depth = font + 10; return }
        let step = abs(band.step)
        let widths = texts.map { TextMeasure.width($0, size: font) }
        let widest = widths.max() ?? 0
        var shown: [Int]
        if widest + 6 <= step || texts.count == 1 {
            shown = Array(texts.indices)
        } else if widest <= 80 {
            let k = Int(((widest + 6) / max(step, 0.01)).rounded(.up))
            shown = texts.indices.filter { $0 % max(1, k) == 0 }
        } else if step - 8 >= 56 {
            // Room for a word or two per line: set long names on up to three lines.
            var deepest = 1
            for (i, t) in texts.enumerated() {
                let wrapped = TextMeasure.wrap(t, size: font, maxWidth: step - 8, maxLines: 3)
                let cx = band.center(i)
                axis.labels.append(TickLabel(position: cx, text: wrapped.lines.joined(separator: " "),
                                             full: wrapped.truncated ? t : nil, lines: wrapped.lines))
                deepest = max(deepest, wrapped.lines.count)
                let w = wrapped.lines.map { TextMeasure.width($0, size: font) }.max() ?? 0
                axis.leftNeed = max(axis.leftNeed, frame.left + 1 + w / 2 - cx)
                axis.rightNeed = max(axis.rightNeed, frame.right + cx + w / 2 + 1 - frame.width)
            }
            axis.depth = font * 1.2 * Double(deepest) + 8
            return
        } else {
            axis.rotated = true
            let k = Int(((font + 3) / max(step * 0.7071, 0.01)).rounded(.up))
            shown = texts.indices.filter { $0 % max(1, k) == 0 }
        }
        if axis.rotated {
            let maxLength = min(130, variant.height * 0.3)
            var deepest = 0.0
            for i in shown {
                let t = TextMeasure.truncate(texts[i], size: font, maxWidth: maxLength)
                let w = TextMeasure.width(t.text, size: font)
                let cx = band.center(i)
                axis.labels.append(TickLabel(position: cx, text: t.text, full: t.truncated ? texts[i] : nil))
                deepest = max(deepest, 0.7071 * (w + font))
                axis.leftNeed = max(axis.leftNeed, frame.left + 0.7071 * w + 2 - cx)
            }
            axis.depth = deepest + 10
        } else {
            let maxWidth = max(step * Double(max(1, shown.count > 1 ? shown[1] - shown[0] : texts.count)) - 6, 40)
            for i in shown {
                let t = TextMeasure.truncate(texts[i], size: font, maxWidth: min(maxWidth, variant.width - 2))
                let w = TextMeasure.width(t.text, size: font)
                let cx = band.center(i)
                axis.labels.append(TickLabel(position: cx, text: t.text, full: t.truncated ? texts[i] : nil))
                axis.leftNeed = max(axis.leftNeed, frame.left + 1 + w / 2 - cx)
                axis.rightNeed = max(axis.rightNeed, frame.right + cx + w / 2 + 1 - frame.width)
            }
            axis.depth = font + 10
        }
    }

    func xAxisMarkup(_ x: XAxis, frame f: Frame) -> String {
        var o = "<g class=\"axis axis-x\" aria-hidden=\"true\" text-anchor=\"\(x.rotated ? "end" : "middle")\">"
        if x.tickMarks {
            for l in x.labels {
                o += "<line x1=\"\(n(l.position))\" x2=\"\(n(l.position))\" y1=\"\(n(f.plotBottom))\" y2=\"\(n(f.plotBottom + 4))\"/>"
            }
        }
        let baseline = f.plotBottom + 9 + font * 0.8
        for l in x.labels {
            if x.rotated {
                let ax = l.position + font * 0.3, ay = f.plotBottom + 8
                o += "<text transform=\"translate(\(n(ax)),\(n(ay))) rotate(-45)\" y=\"\(n(font * 0.35))\">\(titled((l.text, l.full != nil), full: l.full ?? l.text))</text>"
            } else {
                // Held inside the viewBox even if the margins did not settle.
                let lines = l.lines ?? [l.text]
                let w = lines.map { TextMeasure.width($0, size: font) }.max() ?? 0
                let cx = min(max(l.position, w / 2 + 1), f.width - w / 2 - 1)
                if lines.count == 1 {
                    o += "<text x=\"\(n(cx))\" y=\"\(n(baseline))\">\(titled((lines[0], l.full != nil), full: l.full ?? l.text))</text>"
                } else {
                    o += "<text>" + (l.full.map { "<title>\(Escape.html($0))</title>" } ?? "")
                    for (k, line) in lines.enumerated() {
                        o += "<tspan x=\"\(n(cx))\" y=\"\(n(baseline + Double(k) * font * 1.2))\">\(Escape.html(line))</tspan>"
                    }
                    o += "</text>"
                }
            }
        }
        return o + "</g>\n"
    }

    // MARK: - Horizontal bars (categories down, values across)

    func drawHorizontal(into o: inout String) -> Frame {
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
        var axis = horizontalValueAxis(extent: extent, frame: f)
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
            axis = horizontalValueAxis(extent: extent, frame: f)
        }
        let x = axis.scale
        let band = BandScale.band(count: data.categories.count, f.plotTop, f.plotBottom)

        o += "<g class=\"grid\" aria-hidden=\"true\">"
        for t in axis.ticks where !(t == 0) {
            o += "<line x1=\"\(n(x(t)))\" x2=\"\(n(x(t)))\" y1=\"\(n(f.plotTop))\" y2=\"\(n(f.plotBottom))\"/>"
        }
        o += "</g>\n"
        o += "<g class=\"axis axis-x\" aria-hidden=\"true\" text-anchor=\"middle\">"
        for (t, l) in zip(axis.ticks, axis.labels) {
            let w = TextMeasure.width(l, size: font)
            let cx = min(max(x(t), w / 2 + 1), W - w / 2 - 1)
            o += "<text x=\"\(n(cx))\" y=\"\(n(f.plotBottom + 9 + font * 0.8))\">\(Escape.html(l))</text>"
        }
        o += "</g>\n"
        o += "<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\">"
        for (i, l) in labels.enumerated() {
            o += "<text x=\"\(n(f.plotLeft - 6))\" y=\"\(n(band.center(i) + font * 0.35))\">\(titled(l, full: data.categories[i]))</text>"
        }
        o += "</g>\n"
        if let categoryTitle {
            let t = TextMeasure.truncate(categoryTitle, size: font, maxWidth: W - 2)
            o += "<text class=\"axis-title\" x=\"1\" y=\"\(n(font))\">\(titled(t, full: categoryTitle))</text>\n"
        }
        if let valueTitle {
            let t = TextMeasure.truncate(valueTitle, size: font, maxWidth: W - 2)
            o += "<text class=\"axis-title\" x=\"\(n(W - 1))\" y=\"\(n(H - 4))\" text-anchor=\"end\">\(titled(t, full: valueTitle))</text>\n"
        }
        o += "<g class=\"marks\(stacks != nil ? " stacked" : "")\">"
        o += bars(band: band, value: x, stacks: stacks, horizontal: true)
        if x.contains(0) {
            o += "<line class=\"zero\" x1=\"\(n(x(0)))\" x2=\"\(n(x(0)))\" y1=\"\(n(f.plotTop))\" y2=\"\(n(f.plotBottom))\"/>"
        }
        o += "</g>\n"
        o += annotations(frame: f, categoryAt: { text in
            data.categories.firstIndex(of: text).map { band.center($0) }
        }, value: x, horizontal: true)
        // Focusable values over everything (SVGChart+Points.swift).
        o += pointLayer(points(categoryAt: { band.center(Int(data.xPositions[$0])) }, band: band, value: x, stacks: stacks, horizontal: true))
        return f
    }

    func horizontalValueAxis(extent: (Double, Double), frame f: Frame) -> ValueAxis {
        // Value labels are short, so a 60 px spacing (not 80) keeps the domain tight.
        var count = max(1, (f.plotRight - f.plotLeft) / 60)
        var result = valueAxisAcross(extent: extent, frame: f, count: count)
        // Fewer ticks until their labels stand clear of each other.
        for _ in 0..<10 {
            let labels = zip(result.ticks, result.labels).map { TickLabel(position: result.scale($0), text: $1) }
            if !overlaps(labels) || count <= 1 { break }
            count = max(1, count - 1)
            result = valueAxisAcross(extent: extent, frame: f, count: count)
        }
        return result
    }

    func valueAxisAcross(extent: (Double, Double), frame f: Frame, count: Double) -> ValueAxis {
        let (d0, d1) = valueDomain(extent: extent, count: count)
        var ticks = Ticks.ticks(d0, d1, count: count)
        if spec.format == .integer { ticks = SVGChart.integerTicks(d0, d1, count: count) }
        let step = Ticks.step(d0, d1, count: count)
        let formatter = spec.format.tickFormatter(step: max(step, spec.format == .integer ? 1 : 0), ticks: ticks)
        let labels = ticks.map(formatter)
        return ValueAxis(scale: LinearScale(d0: d0, d1: d1, r0: f.plotLeft, r1: f.plotRight), ticks: ticks, labels: labels,
                         widest: labels.map { TextMeasure.width($0, size: font) }.max() ?? 0)
    }

    // MARK: - Marks

    /// Bars from zero (grouped side by side, or stacked); a missing value draws no bar.
    func bars(band: BandScale?, value: LinearScale, stacks: [[(lo: Double, hi: Double)?]]?, horizontal: Bool) -> String {
        guard let band else { return "" }
        var o = ""
        let groups = stacks == nil ? max(1, data.series.count) : 1
        let sub = band.bandwidth / Double(groups)
        let gap = groups > 1 ? min(1, sub * 0.1) : 0
        for s in data.series {
            o += "<g class=\"bar series-\(s.index + 1)\">"
            for row in 0..<data.count {
                var lo: Double, hi: Double
                if let stacks {
                    guard let b = stacks[s.index][row] else { continue }
                    (lo, hi) = (b.lo, b.hi)
                } else {
                    guard let v = s.values[row] else { continue }
                    (lo, hi) = (min(0, v), max(0, v))
                }
                let slot = band.start(Int(data.xPositions[row])) + (stacks == nil ? sub * Double(s.index) : 0)
                let a = value.clamped(lo), b = value.clamped(hi)
                if horizontal {
                    o += "<rect x=\"\(n(min(a, b)))\" y=\"\(n(slot + gap / 2))\" width=\"\(n(abs(b - a)))\" height=\"\(n(sub - gap))\"/>"
                } else {
                    o += "<rect x=\"\(n(slot + gap / 2))\" y=\"\(n(min(a, b)))\" width=\"\(n(sub - gap))\" height=\"\(n(abs(b - a)))\"/>"
                }
            }
            o += "</g>"
        }
        return o
    }

    /// Runs of defined points; a missing value ends a run, so it shows as a gap.
    func runs(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var out: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for p in points {
            if let p { current.append(p) } else if !current.isEmpty { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// A run as drawn: at screen resolution unless reduction is off.
    func screen(_ run: [(Double, Double)], width: Double) -> [(Double, Double)] {
        reduce ? Reduction.forScreen(run, width: width) : run
    }

    func path(_ run: [(Double, Double)]) -> String {
        var d = ""
        for (i, p) in run.enumerated() { d += (i == 0 ? "M" : "L") + n(p.0) + "," + n(p.1) }
        return d
    }

    func lines(xAt: (Int) -> Double, y: LinearScale, width: Double) -> String {
        var o = ""
        for s in data.series {
            let points = (0..<data.count).map { row in s.values[row].map { (xAt(row), y.clamped($0)) } }
            let parts = runs(points)
            // Long runs are drawn at screen resolution (M4): the same pixels, far fewer points.
            let d = parts.filter { $0.count > 1 }.map { path(screen($0, width: width)) }.joined()
            if !d.isEmpty { o += "<path class=\"line series-\(s.index + 1)\" fill=\"none\" d=\"\(d)\"/>" }
            for run in parts where run.count == 1 {
                o += "<circle class=\"dot series-\(s.index + 1)\" cx=\"\(n(run[0].0))\" cy=\"\(n(run[0].1))\" r=\"3\"/>"
            }
        }
        return o
    }

    func areas(xAt: (Int) -> Double, y: LinearScale, stacks: [[(lo: Double, hi: Double)?]]?, width: Double) -> String {
        var fills = "", strokes = ""
        for s in data.series {
            let bounds: [(lo: Double, hi: Double)?] = stacks?[s.index] ?? s.values.map { $0.map { (0, $0) } }
            var d = ""
            var run: [(x: Double, lo: Double, hi: Double)] = []
            var tops: [(Double, Double)?] = []
            func flush() {
                guard run.count > 1 else { run = []; return }
                // Top and bottom edges reduced separately at screen resolution (M4).
                let top = screen(run.map { ($0.x, $0.hi) }, width: width)
                let bottom = screen(run.map { ($0.x, $0.lo) }, width: width)
                d += path(top) + bottom.reversed().map { "L" + n($0.0) + "," + n($0.1) }.joined() + "Z"
                run = []
            }
            for row in 0..<data.count {
                if let b = bounds[row] {
                    let p = (x: xAt(row), lo: y.clamped(b.lo), hi: y.clamped(b.hi))
                    run.append(p)
                    tops.append((p.x, p.hi))
                } else {
                    flush()
                    tops.append(nil)
                }
            }
            flush()
            if !d.isEmpty { fills += "<path class=\"area series-\(s.index + 1)\" d=\"\(d)\"/>" }
            let parts = runs(tops)
            let line = parts.filter { $0.count > 1 }.map { path(screen($0, width: width)) }.joined()
            if !line.isEmpty { strokes += "<path class=\"line series-\(s.index + 1)\" fill=\"none\" d=\"\(line)\"/>" }
            for r in parts where r.count == 1 {
                strokes += "<circle class=\"dot series-\(s.index + 1)\" cx=\"\(n(r[0].0))\" cy=\"\(n(r[0].1))\" r=\"3\"/>"
            }
        }
        return fills + strokes
    }

    func dots(xAt: (Int) -> Double, y: LinearScale, frame f: Frame) -> String {
        var o = ""
        let r = variant.width < 500 ? 3 : 3.5
        for s in data.series {
            if s.values.count(where: { $0 != nil }) > Reduction.binThreshold {
                // More points than the plot can separate: one mark per cell of a dot's width,
                // darker where more points fall (the description says so).
                let points = (0..<data.count).compactMap { row in s.values[row].map { (xAt(row), y.clamped($0)) } }
                let bins = Reduction.bins(points, cell: 2 * r, left: f.plotLeft, top: f.plotTop)
                let most = bins.map(\.count).max() ?? 1
                o += "<g class=\"dot binned series-\(s.index + 1)\">"
                for bin in bins {
                    o += "<circle cx=\"\(n(bin.x))\" cy=\"\(n(bin.y))\" r=\"\(n(r))\" fill-opacity=\"\(n(Reduction.opacity(bin.count, max: most)))\"/>"
                }
                o += "</g>"
                continue
            }
            o += "<g class=\"dot series-\(s.index + 1)\">"
            for row in 0..<data.count {
                guard let v = s.values[row] else { continue }
                o += "<circle cx=\"\(n(xAt(row)))\" cy=\"\(n(y.clamped(v)))\" r=\"\(n(r))\"/>"
            }
            o += "</g>"
        }
        return o
    }

    // MARK: - Direct labels

    /// Series names at the right end of their lines, nudged apart; nil if they cannot be
    /// placed without overlapping or drifting far from their lines.
    func directLabelMarkup(frame f: Frame, y: LinearScale, x: Double) -> String? {
        let last = data.count - 1
        guard last >= 0 else { return nil }
        var items: [(y: Double, wanted: Double, series: PlotData.Series)] = data.series.compactMap { s in
            guard let v = s.values[last] else { return nil }
            return (y.clamped(v), y.clamped(v), s)
        }
        items.sort { ($0.y, $0.series.index) < ($1.y, $1.series.index) }
        let gap = font + 2
        for _ in 0..<20 {
            var moved = false
            for i in 1..<max(1, items.count) where items[i].y - items[i - 1].y < gap {
                let push = (gap - (items[i].y - items[i - 1].y)) / 2
                items[i - 1].y -= push
                items[i].y += push
                moved = true
            }
            if !moved { break }
        }
        for i in items.indices {
            if i > 0 && items[i].y - items[i - 1].y < gap - 0.01 { return nil }
            if abs(items[i].y - items[i].wanted) > font * 1.5 { return nil }
            if items[i].y - font * 0.7 < 0 || items[i].y + font * 0.4 > f.height { return nil }
        }
        var o = "<g class=\"direct-labels\" aria-hidden=\"true\">"
        for item in items.sorted(by: { $0.series.index < $1.series.index }) {
            o += "<text class=\"label series-\(item.series.index + 1)\" x=\"\(n(x))\" y=\"\(n(item.y + font * 0.35))\">\(Escape.html(item.series.name))</text>"
        }
        return o + "</g>\n"
    }

    // MARK: - Annotations

    /// Reference rules and labelled points. `categoryAt` places an x value along the
    /// category axis; `value` is the value scale (vertical, or across for horizontal bars).
    func annotations(frame f: Frame, categoryAt: (String) -> Double?, value: LinearScale, horizontal: Bool) -> String {
        guard !spec.annotations.isEmpty else { return "" }
        var o = "<g class=\"annotations\">"
        let maxLabel = (f.plotRight - f.plotLeft) * 0.6
        for a in spec.annotations {
            let label = TextMeasure.truncate(a.label, size: font, maxWidth: max(40, maxLabel))
            let w = TextMeasure.width(label.text, size: font)
            let text = titled(label, full: a.label)
            let c = a.x.flatMap(categoryAt)
            let v = a.y.flatMap { value.contains($0) ? value($0) : nil }
            if a.x != nil && c == nil { continue }
            if a.y != nil && v == nil { continue }
            switch (c, v) {
            case let (c?, v?):
                let (px, py) = horizontal ? (v, c) : (c, v)
                o += "<circle class=\"annotation-dot\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"4\"/>"
                var tx = px + 7, anchor = "start"
                if tx + w > f.width - 2 { tx = px - 7; anchor = "end" }
                var ty = py - 7
                if ty - font < 1 { ty = py + 7 + font * 0.8 }
                o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(ty))\" text-anchor=\"\(anchor)\">\(text)</text>"
            case let (c?, nil):
                if horizontal {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(c))\" y2=\"\(n(c))\"/>"
                    o += "<text class=\"annotation-label\" x=\"\(n(f.plotRight))\" y=\"\(n(c - 4))\" text-anchor=\"end\">\(text)</text>"
                } else {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(c))\" x2=\"\(n(c))\" y1=\"\(n(f.plotTop))\" y2=\"\(n(f.plotBottom))\"/>"
                    var tx = c + 4, anchor = "start"
                    if tx + w > f.width - 2 { tx = c - 4; anchor = "end" }
                    o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(f.plotTop + font))\" text-anchor=\"\(anchor)\">\(text)</text>"
                }
            case let (nil, v?):
                if horizontal {
                    // The label sits above the plot, in the room drawHorizontal left for it.
                    o += "<line class=\"annotation-rule\" x1=\"\(n(v))\" x2=\"\(n(v))\" y1=\"\(n(f.plotTop - font - 2))\" y2=\"\(n(f.plotBottom))\"/>"
                    var tx = v + 4, anchor = "start"
                    if tx + w > f.width - 2 { tx = v - 4; anchor = "end" }
                    o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(f.plotTop - 6))\" text-anchor=\"\(anchor)\">\(text)</text>"
                } else {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(v))\" y2=\"\(n(v))\"/>"
                    var ty = v - 4
                    if ty - font < 1 { ty = v + 4 + font * 0.8 }
                    o += "<text class=\"annotation-label\" x=\"\(n(f.plotRight))\" y=\"\(n(ty))\" text-anchor=\"end\">\(text)</text>"
                }
            case (nil, nil):
                break
            }
        }
        return o + "</g>\n"
    }

    // MARK: - Helpers

    /// Escaped text, with the full text in a `<title>` when it was shortened.
    func titled(_ t: (text: String, truncated: Bool), full: String) -> String {
        t.truncated ? "<title>\(Escape.html(full))</title>\(Escape.html(t.text))" : Escape.html(t.text)
    }

    func n(_ v: Double) -> String { Decimal.coordinate(v) }
}
