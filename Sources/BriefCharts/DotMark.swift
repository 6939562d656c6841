/// Dots (scatter plots); a series denser than the plot can separate is binned.
enum DotMark: Mark {
    static func render(_ plot: Plot) -> String {
        let data = plot.data, y = plot.value, f = plot.frame
        var o = ""
        let r = plot.chart.variant.width < 500 ? 3 : 3.5
        for s in plot.chart.drawOrder {
            let cls = plot.chart.seriesClass(s)
            if s.values.count(where: { $0 != nil }) > Reduction.binThreshold {
                // More points than the plot can separate: one mark per cell of a dot's width,
                // darker where more points fall (the description says so).
                let points = (0..<data.count).compactMap { row in s.values[row].map { (plot.xAt(row), y.clamped($0)) } }
                let bins = Reduction.bins(points, cell: 2 * r, left: f.plotLeft, top: f.plotTop)
                let most = bins.map(\.count).max() ?? 1
                o += "<g class=\"dot binned \(cls)\">"
                for bin in bins {
                    o += "<circle cx=\"\(n(bin.x))\" cy=\"\(n(bin.y))\" r=\"\(n(r))\" fill-opacity=\"\(n(Reduction.opacity(bin.count, max: most)))\"/>"
                }
                o += "</g>"
                continue
            }
            o += "<g class=\"dot \(cls)\">"
            for row in 0..<data.count {
                guard let v = s.values[row] else { continue }
                o += "<circle cx=\"\(n(plot.xAt(row)))\" cy=\"\(n(y.clamped(v)))\" r=\"\(n(r))\"/>"
            }
            o += "</g>"
        }
        return o
    }
}
