/// Lines through each series' points; a lone point between gaps is a dot.
enum LineMark: Mark {
    static func render(_ plot: Plot) -> String {
        var o = ""
        let data = plot.data, y = plot.value
        for s in plot.chart.drawOrder {
            let points = (0..<data.count).map { row in s.values[row].map { (plot.xAt(row), y.clamped($0)) } }
            let parts = Paths.runs(points)
            // Long runs are drawn at screen resolution (M4): the same pixels, far fewer points.
            let d = parts.filter { $0.count > 1 }.map { Paths.path(plot.screen($0)) }.joined()
            let cls = plot.chart.seriesClass(s)
            if !d.isEmpty { o += "<path class=\"line \(cls)\" fill=\"none\" d=\"\(d)\"/>" }
            for run in parts where run.count == 1 {
                o += "<circle class=\"dot \(cls)\" cx=\"\(n(run[0].0))\" cy=\"\(n(run[0].1))\" r=\"3\"/>"
            }
        }
        return o
    }
}
