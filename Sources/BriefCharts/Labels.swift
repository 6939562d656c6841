import BriefData

/// Labels set beside the marks: series names at the ends of their lines.
extension SVGChart {
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
}
