/// A slope chart (`type: slope`): two x values side by side, one line per series between them,
/// and at both ends a label with the value (and the series name, where it fits). No value
/// axis: the labels carry the figures.
enum SlopeMark: Mark {
    static func render(_ plot: Plot) -> String { "" }

    static func drawChart(_ chart: SVGChart) -> SVGChart.Drawing? {
        let data = chart.data, font = chart.font
        let W = chart.variant.width, H = chart.variant.height
        // The two columns: the rows at category 0 and 1 (decoding checks there are two).
        let left = (0..<data.count).first { data.xPositions[$0] == 0 }
        let right = (0..<data.count).first { data.xPositions[$0] == 1 }
        let rows = [left, right]

        func width(_ t: String) -> Double { TextMeasure.width(t, size: font) }
        let series = data.series
        func label(_ s: PlotData.Series, side: Int, withName: Bool, nameWidth: Double) -> String? {
            guard let row = rows[side], s.values[row] != nil else { return nil }
            let value = chart.valueText(s, row)
            guard withName else { return value }
            let name = TextMeasure.truncate(s.name, size: font, maxWidth: nameWidth).text
            return side == 0 ? name + " " + value : value + " " + name
        }
        // Names on both sides when the lines keep at least 30% of the width; else names only on
        // the right (and on the left where a series has no right-hand value), shortened to fit.
        var namesLeft = true
        var nameWidth = W
        var leftX = 0.0, rightX = 0.0
        for attempt in 0..<3 {
            if attempt == 1 { namesLeft = false }
            if attempt == 2 {
                let valueWidest = series.compactMap { s in rows[1].flatMap { s.values[$0] != nil ? width(chart.valueText(s, $0) + " ") : nil } }.max() ?? 0
                nameWidth = max(40, W - 28 - (leftX + W * 0.3) - valueWidest)
            }
            let lefts = series.compactMap { s in
                label(s, side: 0, withName: namesLeft || rows[1].map { s.values[$0] == nil } ?? true, nameWidth: nameWidth)
            }
            let rights = series.compactMap { label($0, side: 1, withName: true, nameWidth: nameWidth) }
            leftX = ((lefts.map(width).max() ?? 0) + 14).rounded(.up)
            rightX = (W - (rights.map(width).max() ?? 0) - 14).rounded(.down)
            if rightX - leftX >= W * 0.3 { break }
        }
        if rightX - leftX < 40 { rightX = leftX + 40 }

        // The value scale: the data's extent, or the author's y_min / y_max.
        var lo = Double.infinity, hi = -Double.infinity
        for s in series { for case let v? in s.values { lo = min(lo, v); hi = max(hi, v) } }
        if lo > hi { (lo, hi) = (0, 1) }
        if let m = chart.spec.yMin { lo = m }
        if let m = chart.spec.yMax { hi = m }
        if lo >= hi { (lo, hi) = (lo - 1, lo + 1) }
        let top = font * 2 + 14, bottom = H - 10
        let y = LinearScale(d0: lo, d1: hi, r0: bottom, r1: top)

        // The two x values over their columns, each held in its half of the drawing so they
        // never meet.
        var o = "<g class=\"axis axis-x\" aria-hidden=\"true\" text-anchor=\"middle\">"
        let mid = (leftX + rightX) / 2
        for (side, row) in rows.enumerated() {
            guard let row else { continue }
            let (lo, hi) = side == 0 ? (1.0, mid - 4) : (mid + 4, W - 1)
            let t = TextMeasure.truncate(data.xTexts[row], size: font * 1.1, maxWidth: hi - lo)
            let w = TextMeasure.width(t.text, size: font) * 1.1
            let x = min(max(side == 0 ? leftX : rightX, lo + w / 2), hi - w / 2)
            o += TextMark.text("slope-head", x: x, y: font + 2, chart.titled(t, full: data.xTexts[row]))
        }
        o += "</g>\n"
        o += "<g class=\"marks\">"
        for s in chart.drawOrder {
            let cls = chart.seriesClass(s)
            let ends: [(Double, Double)?] = rows.enumerated().map { side, row in
                guard let row, let v = s.values[row] else { return nil }
                return (side == 0 ? leftX : rightX, y.clamped(v))
            }
            if let a = ends[0], let b = ends[1] {
                o += "<path class=\"line \(cls)\" fill=\"none\" d=\"\(Paths.path([a, b]))\"/>"
            }
            for case let p? in ends {
                o += "<circle class=\"dot \(cls)\" cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"4\"/>"
            }
        }
        o += "</g>\n"

        // Labels at each end, spread apart so none overlaps another.
        o += "<g class=\"slope-labels\" aria-hidden=\"true\">"
        let size = font + 3
        for side in 0..<2 {
            guard let row = rows[side] else { continue }
            var items: [(series: PlotData.Series, text: String, wanted: Double)] = []
            for s in series {
                guard let v = s.values[row] else { continue }
                let withName = side == 1 || namesLeft || (rows[1].map { s.values[$0] == nil } ?? true)
                guard let text = label(s, side: side, withName: withName, nameWidth: nameWidth) else { continue }
                items.append((s, text, y.clamped(v) - size / 2))
            }
            let tops = SVGChart.spread(wanted: items.map(\.wanted), sizes: items.map { _ in size }, lo: font + 8, hi: H - 2)
            for (item, t) in zip(items, tops) {
                let x = side == 0 ? leftX - 9 : rightX + 9
                o += TextMark.text("label \(chart.seriesClass(item.series))", x: x, y: t + font * 0.85,
                                   anchor: side == 0 ? "end" : "start", Escape.html(item.text))
            }
        }
        o += "</g>\n"
        let frame = SVGChart.Frame(width: W, height: H, top: top, right: W - rightX, bottom: H - bottom, left: leftX)
        return SVGChart.Drawing(body: o, frame: frame, needsLegend: false)
    }

    static func describe(_ spec: ChartSpec, data: PlotData, text t: InterfaceText, translated: Bool) -> String? {
        let left = (0..<data.count).first { data.xPositions[$0] == 0 }
        let right = (0..<data.count).first { data.xPositions[$0] == 1 }
        guard let left, let right else { return nil }
        let names = data.series.map(\.name)
        var text = t.format("chart.describe.slope", [
            "series": names.isEmpty ? t["chart.describe.no_series"] : t.list(names),
            "first": data.xTexts[left], "last": data.xTexts[right],
        ])
        for s in data.series {
            func figure(_ row: Int) -> String {
                guard s.values[row] != nil else { return t["chart.no_data"] }
                return t.number(Decimal.grouped(s.texts[row])) + (spec.format.unit(s.unit, in: t, translated: translated).map { " " + $0 } ?? "")
            }
            text += t.format("chart.describe.slope_series", [
                "series": s.name, "first": figure(left), "firstX": data.xTexts[left],
                "last": figure(right), "lastX": data.xTexts[right],
            ])
        }
        return text
    }
}
