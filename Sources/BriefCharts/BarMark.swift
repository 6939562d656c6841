/// Bars from zero, grouped side by side or stacked; a missing value draws no bar. Upright in the
/// shared layout, across in `HorizontalLayout`.
enum BarMark: Mark {
    static func render(_ plot: Plot) -> String {
        guard let band = plot.band else { return "" }
        let data = plot.data, value = plot.value, stacks = plot.stacks
        var o = ""
        let groups = stacks == nil ? max(1, data.series.count) : 1
        let sub = band.bandwidth / Double(groups)
        let gap = groups > 1 ? min(1, sub * 0.1) : 0
        for s in data.series {
            o += "<g class=\"bar \(plot.chart.seriesClass(s))\">"
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
                if plot.horizontal {
                    o += "<rect x=\"\(n(min(a, b)))\" y=\"\(n(slot + gap / 2))\" width=\"\(n(abs(b - a)))\" height=\"\(n(sub - gap))\"/>"
                } else {
                    o += "<rect x=\"\(n(slot + gap / 2))\" y=\"\(n(min(a, b)))\" width=\"\(n(sub - gap))\" height=\"\(n(abs(b - a)))\"/>"
                }
            }
            o += "</g>"
        }
        return o
    }
}
