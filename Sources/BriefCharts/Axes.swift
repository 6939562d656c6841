import BriefData

/// The value axis (up the plot, or across it for horizontal bars) and the category or position
/// axis: domains, ticks, labels thinned or turned to fit, and their markup.
extension SVGChart {
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

    // MARK: - Value domain

    /// The data's extent on the value axis, with zero for bars and areas and every annotated value.
    func valueExtent(_ stacks: [[(lo: Double, hi: Double)?]]?) -> (Double, Double) {
        if let sharedExtent { return sharedExtent }
        var lo = Double.infinity, hi = -Double.infinity
        if let stacks {
            for layer in stacks { for case let b? in layer { lo = min(lo, b.lo, b.hi); hi = max(hi, b.lo, b.hi) } }
        } else {
            for s in data.series { for case let v? in s.values { lo = min(lo, v); hi = max(hi, v) } }
        }
        for a in spec.annotations { if let y = a.y { lo = min(lo, y); hi = max(hi, y) } }
        for c in spec.callouts { lo = min(lo, c.y); hi = max(hi, c.y) }
        if traits.includesZero { lo = min(lo, 0); hi = max(hi, 0) }
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
                if traits.includesZero {
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

    /// The value scale over [r0, r1] with its ticks and labels. `count` is the wanted number of
    /// ticks; by default one per 35 px, as for a vertical axis.
    func valueAxis(extent: (Double, Double), r0: Double, r1: Double, count: Double? = nil) -> ValueAxis {
        let count = count ?? max(1, abs(r1 - r0) / 35)
        let (d0, d1) = valueDomain(extent: extent, count: count)
        var ticks = Ticks.ticks(d0, d1, count: count)
        let step = Ticks.step(d0, d1, count: count)
        if spec.format == .integer { ticks = SVGChart.integerTicks(d0, d1, count: count) }
        let formatter = spec.format.tickFormatter(step: max(step, spec.format == .integer ? 1 : 0), ticks: ticks)
        // In the page's language: its words for dollars and per cent, its digits and grouping.
        let labels = ticks.map { tick in text.map { spec.format.localize(formatter(tick), in: $0) } ?? formatter(tick) }
        let widest = labels.map { TextMeasure.width($0, size: font) }.max() ?? 0
        return ValueAxis(scale: LinearScale(d0: d0, d1: d1, r0: r0, r1: r1), ticks: ticks, labels: labels, widest: widest)
    }

    /// A value axis across the plot (horizontal bars, ranges): value labels are short, so a
    /// 60 px spacing (not 80) keeps the domain tight; fewer ticks until their labels stand clear.
    func valueAxisAcross(extent: (Double, Double), frame f: Frame) -> ValueAxis {
        var count = max(1, (f.plotRight - f.plotLeft) / 60)
        var result = valueAxis(extent: extent, r0: f.plotLeft, r1: f.plotRight, count: count)
        for _ in 0..<10 {
            let labels = zip(result.ticks, result.labels).map { TickLabel(position: result.scale($0), text: $1) }
            if !overlaps(labels) || count <= 1 { break }
            count = max(1, count - 1)
            result = valueAxis(extent: extent, r0: f.plotLeft, r1: f.plotRight, count: count)
        }
        return result
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

    // MARK: - Category / position axis

    /// The x axis for the space [from, to]: a band (bars) or point (lines) scale for
    /// categories, else a linear or time scale, with labels thinned or turned to fit.
    func xAxis(from r0: Double, to r1: Double, frame: Frame) -> XAxis {
        var axis = XAxis()
        if data.axis == .categorical {
            let count = data.categories.count
            let band: BandScale = traits.bands ? .band(count: count, r0, r1) : .point(count: count, r0, r1)
            axis.band = band
            axis.tickMarks = !traits.bands
            placeCategoryLabels(&axis, band: band, frame: frame)
            return axis
        }
        let (lo, hi) = xDomain(r0: r0, r1: r1)
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

    /// A numeric x axis's domain: the data's extent with every annotated x position.
    func xDomain(r0: Double, r1: Double) -> (Double, Double) {
        var lo = data.xPositions.min() ?? 0, hi = data.xPositions.max() ?? 1
        for t in annotatedXs {
            if let p = XAxisKind.position(of: t, axis: data.axis, format: data.xFormat, isCategory: { _ in false }) {
                lo = min(lo, p)
                hi = max(hi, p)
            }
        }
        if lo == hi {
            let pad: Double = data.axis == .year ? 1 : data.axis == .date ? 30 : (lo == 0 ? 1 : abs(lo) * 0.1)
            lo -= pad
            hi += pad
        }
        if traits.niceX && data.axis == .linear {
            // Dots sit inside round bounds rather than on the plot's edges.
            (lo, hi) = Ticks.nice(lo, hi, count: max(1, (r1 - r0) / 80))
        }
        return (lo, hi)
    }

    /// Every x value an annotation names, which the x domain must include.
    var annotatedXs: [String] {
        spec.annotations.compactMap(\.x) + spec.bands.flatMap { [$0.from, $0.to] } + spec.callouts.map(\.x)
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
                TickLabel(position: scale($0), text: localized(Decimal.fixed($0, decimals: 0)))
            }
        case .date:
            return DateTicks.ticks(lo, hi, count: count, months: text?.shortMonths ?? CivilDate.monthNames).map {
                TickLabel(position: scale($0.days), text: localized($0.label))
            }
        default:
            let ticks = Ticks.ticks(lo, hi, count: count)
            let format = NumberFormat.number.tickFormatter(step: Ticks.step(lo, hi, count: count), ticks: ticks)
            return ticks.map { TickLabel(position: scale($0), text: localized(format($0))) }
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
                o += RuleMark.line(x1: l.position, x2: l.position, y1: f.plotBottom, y2: f.plotBottom + 4)
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
                    o += TextMark.text(x: cx, y: baseline, titled((lines[0], l.full != nil), full: l.full ?? l.text))
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

    /// The value axis's gridlines and labels, up the left of the plot.
    func valueAxisMarkup(_ axis: ValueAxis, frame f: Frame) -> String {
        let y = axis.scale
        var o = "<g class=\"grid\" aria-hidden=\"true\">"
        for t in axis.ticks where !(t == 0 && y.contains(0)) {
            o += RuleMark.line(x1: f.plotLeft, x2: f.plotRight, y1: y(t), y2: y(t))
        }
        o += "</g>\n"
        o += "<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\">"
        for (t, label) in zip(axis.ticks, axis.labels) {
            o += TextMark.text(x: f.plotLeft - 6, y: y(t) + font * 0.35, Escape.html(label))
        }
        o += "</g>\n"
        return o
    }

    /// An axis title at the top left (over the value axis) or the bottom right (by the x axis).
    func axisTitle(_ title: String, atTop: Bool, frame f: Frame) -> String {
        let t = TextMeasure.truncate(title, size: font, maxWidth: f.width - 2)
        if atTop { return TextMark.text("axis-title", x: 1, y: font, titled(t, full: title)) + "\n" }
        return TextMark.text("axis-title", x: f.width - 1, y: f.height - 4, anchor: "end", titled(t, full: title)) + "\n"
    }
}

extension SVGChart {
    /// A number on an axis in the page's digits and grouping (unchanged without a language).
    func localized(_ label: String) -> String { text.map { $0.number(label) } ?? label }
}
