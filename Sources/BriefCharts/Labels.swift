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

    /// Starts for boxes of the given sizes along one axis, each as near its wanted start as the
    /// room allows and none overlapping another: sorted by where they want to be, pushed down
    /// past the one before, then up from `hi` if the last would overflow. Needs the sizes to sum
    /// to at most `hi - lo`; beyond that the boxes run past `hi` rather than overlap.
    static func spread(wanted: [Double], sizes: [Double], lo: Double, hi: Double) -> [Double] {
        let order = wanted.indices.sorted { (wanted[$0], $0) < (wanted[$1], $1) }
        var pos = wanted.indices.map { min(max(wanted[$0], lo), max(lo, hi - sizes[$0])) }
        guard order.count > 1 else { return pos }
        for k in 1..<order.count {
            let a = order[k - 1], b = order[k]
            pos[b] = max(pos[b], pos[a] + sizes[a])
        }
        if let last = order.last, pos[last] + sizes[last] > hi {
            pos[last] = hi - sizes[last]
            for k in stride(from: order.count - 2, through: 0, by: -1) {
                let a = order[k], b = order[k + 1]
                pos[a] = min(pos[a], pos[b] - sizes[a])
            }
            if let first = order.first, pos[first] < lo {
                // Not enough room: stack from the top and let the end overflow, never overlap.
                pos[first] = lo
                for k in 1..<order.count {
                    let a = order[k - 1], b = order[k]
                    pos[b] = max(pos[b], pos[a] + sizes[a])
                }
            }
        }
        return pos
    }

    /// A series' value at a row for a label: the source's digits for plain formats, else the
    /// chart's format (`usd_millions` keeps three significant digits).
    func valueText(_ s: PlotData.Series, _ row: Int) -> String {
        let english: String
        switch spec.format {
        case .number, .exact, .dateLong: english = Decimal.grouped(s.texts[row])
        default: english = s.values[row].map { spec.format.format($0) } ?? ""
        }
        return text.map { spec.format.localize(english, in: $0) } ?? english
    }
}
