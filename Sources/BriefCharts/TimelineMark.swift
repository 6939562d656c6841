/// A timeline (`type: timeline`, `x:` a date column, `label:` its event text): time runs down a
/// vertical axis with year ticks, each event is a dot on it, and its date and text sit to the
/// right, wrapped, spread so no two overlap, with a leader to the dot. Vertical because events'
/// texts are long and a phone's column narrow; the drawing grows as tall as its events need.
enum TimelineMark: Mark {
    /// At most this many events are drawn; the description and table say where the rest are.
    static let maxEvents = 60

    static func render(_ plot: Plot) -> String { "" }

    struct Event {
        var row: Int
        var day: Double
        var date: String
        var lines: [String]
        var full: String?
        var height: Double
    }

    static func drawChart(_ chart: SVGChart) -> SVGChart.Drawing? {
        let data = chart.data, font = chart.font
        let W = chart.variant.width
        let lineHeight = (font * 1.25).rounded()
        let shown = Array((0..<data.count).prefix(maxEvents))
        let lo0 = shown.map { data.xPositions[$0] }.min() ?? 0, hi0 = shown.map { data.xPositions[$0] }.max() ?? 1
        let (lo, hi) = lo0 == hi0 ? (lo0 - 30, hi0 + 30) : (lo0, hi0)

        // Year (or month) ticks down the left; the gutter is as wide as their labels.
        let top = 10.0, bottom = 10.0
        func events(labelX: Double) -> [Event] {
            shown.map { row in
                let text = row < data.labels.count ? data.labels[row] : ""
                let wrapped = TextMeasure.wrap(text, size: font, maxWidth: W - labelX - 4, maxLines: 3)
                // The date in the page's month names and digits.
                let long = chart.text.map { $0.longDate(data.xTexts[row]) } ?? NumberFormat.longDate(data.xTexts[row])
                let date = TextMeasure.truncate(long ?? data.xTexts[row],
                                                size: font, maxWidth: (W - labelX - 4) / 1.1).text
                return Event(row: row, day: data.xPositions[row], date: date, lines: wrapped.lines,
                             full: wrapped.truncated ? text : nil, height: lineHeight * Double(1 + wrapped.lines.count) + 8)
            }
        }
        // First pass for the height, then the ticks for that height, then the gutter.
        var list = events(labelX: 60)
        var H = max(chart.variant.height, top + bottom + list.map(\.height).reduce(0, +) * 1.15).rounded(.up)
        let scale0 = LinearScale(d0: lo, d1: hi, r0: top + font, r1: H - bottom - lineHeight * 2)
        let ticks = DateTicks.ticks(lo, hi, count: max(1, (scale0.r1 - scale0.r0) / 60), months: chart.text?.shortMonths ?? CivilDate.monthNames)
            .map { DateTicks.Tick(days: $0.days, label: chart.localized($0.label)) }
        let gutter = ((ticks.map { TextMeasure.width($0.label, size: font) }.max() ?? 0) + 14).rounded(.up)
        let axisX = max(gutter, 24), labelX = axisX + 18
        list = events(labelX: labelX)
        H = max(chart.variant.height, top + bottom + list.map(\.height).reduce(0, +) * 1.15).rounded(.up)
        // Dots from the first baseline to where the last event's block can still start.
        let t = LinearScale(d0: lo, d1: hi, r0: top + font, r1: H - bottom - (list.last?.height ?? 0) + font)

        var o = "<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\">"
        for tick in ticks where t.contains(tick.days) {
            let y = t(tick.days)
            o += RuleMark.line(x1: axisX - 4, x2: axisX, y1: y, y2: y)
            o += TextMark.text(x: axisX - 7, y: y + font * 0.35, Escape.html(tick.label))
        }
        o += "</g>\n"

        let tops = SVGChart.spread(wanted: list.map { t($0.day) - font * 0.9 }, sizes: list.map(\.height), lo: top - 4, hi: H - 2)
        o += "<g class=\"marks\">"
        o += RuleMark.line("timeline-axis", x1: axisX, x2: axisX, y1: top, y2: H - bottom)
        for (e, blockTop) in zip(list, tops) {
            let y = t(e.day)
            let anchorY = blockTop + font * 0.9 - font * 0.35
            o += RuleMark.line("leader", x1: axisX + 5, x2: labelX - 4, y1: y, y2: anchorY)
            o += "<circle class=\"dot series-1\" cx=\"\(n(axisX))\" cy=\"\(n(y))\" r=\"4\"/>"
        }
        o += "</g>\n"
        o += "<g class=\"timeline-labels\" text-anchor=\"start\">"
        for (e, blockTop) in zip(list, tops) {
            o += "<text class=\"timeline-label\">" + (e.full.map { "<title>\(Escape.html($0))</title>" } ?? "")
            o += "<tspan class=\"timeline-date\" x=\"\(n(labelX))\" y=\"\(n(blockTop + font * 0.9))\">\(Escape.html(e.date))</tspan>"
            for (k, line) in e.lines.enumerated() {
                o += "<tspan x=\"\(n(labelX))\" y=\"\(n(blockTop + font * 0.9 + lineHeight * Double(k + 1)))\">\(Escape.html(line))</tspan>"
            }
            o += "</text>"
        }
        o += "</g>\n"
        let frame = SVGChart.Frame(width: W, height: H, top: top, right: 4, bottom: bottom, left: axisX)
        return SVGChart.Drawing(body: o, frame: frame, needsLegend: false)
    }

    static func describe(_ spec: ChartSpec, data: PlotData, text t: InterfaceText, translated: Bool) -> String? {
        guard data.count > 0 else { return t["chart.describe.timeline_empty"] }
        func date(_ row: Int) -> String { t.longDate(data.xTexts[row]) ?? data.xTexts[row] }
        var text = data.count == 1
            ? t.format("chart.describe.timeline_one", ["date": date(0)])
            : t.format("chart.describe.timeline_many", ["count": t.number(String(data.count)), "first": date(0), "last": date(data.count - 1)])
        let listed = min(data.count, maxEvents)
        for row in 0..<listed {
            let label = row < data.labels.count ? data.labels[row] : ""
            text += t.format(row == listed - 1 ? "chart.describe.timeline_last_event" : "chart.describe.timeline_event",
                             ["date": date(row), "label": label])
        }
        if data.count > listed {
            text += t.format("chart.describe.timeline_rest", ["count": t.number(String(data.count - listed))])
        }
        if data.unplaced > 0 {
            text += data.unplaced == 1 ? t["chart.describe.timeline_undated_one"]
                : t.format("chart.describe.timeline_undated_many", ["count": t.number(String(data.unplaced))])
        }
        return text
    }

    static func dataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String, text: InterfaceText) -> String? {
        var h = "<details class=\"chart-data\"><summary>\(Escape.html(text["chart.data_summary"]))</summary>\n"
        h += "<div class=\"table-scroll\">\n<table>\n<caption>\(Escape.html(spec.title))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(Escape.html(data.xName))</th><th scope=\"col\">\(Escape.html(data.labelName ?? ""))</th></tr></thead>\n<tbody>\n"
        let shown = TablePage.excerpt(count: data.count)
        for (i, row) in shown.rows.enumerated() {
            if i == shown.gapBefore { h += TablePage.gapRow(omitted: data.count - shown.rows.count, columns: 2, text: text) }
            let label = row < data.labels.count ? data.labels[row] : ""
            h += "<tr><th scope=\"row\">\(Escape.html(data.xTexts[row]))</th><td>\(Escape.html(label))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < data.count { h += TablePage.note(total: data.count, downloadHref: downloadHref, text: text) }
        return h + "</details>\n"
    }
}
