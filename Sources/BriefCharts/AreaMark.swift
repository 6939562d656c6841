/// Filled areas from zero (or stacked), each with its top edge drawn as a line over all fills.
enum AreaMark: Mark {
    static func render(_ plot: Plot) -> String {
        let data = plot.data, y = plot.value
        var fills = "", strokes = ""
        for s in plot.chart.drawOrder {
            let cls = plot.chart.seriesClass(s)
            let bounds: [(lo: Double, hi: Double)?] = plot.stacks?[s.index] ?? s.values.map { $0.map { (0, $0) } }
            var d = ""
            var run: [(x: Double, lo: Double, hi: Double)] = []
            var tops: [(Double, Double)?] = []
            func flush() {
                guard run.count > 1 else { run = []; return }
                // Top and bottom edges reduced separately at screen resolution (M4).
                let top = plot.screen(run.map { ($0.x, $0.hi) })
                let bottom = plot.screen(run.map { ($0.x, $0.lo) })
                d += Paths.path(top) + bottom.reversed().map { "L" + n($0.0) + "," + n($0.1) }.joined() + "Z"
                run = []
            }
            for row in 0..<data.count {
                if let b = bounds[row] {
                    let p = (x: plot.xAt(row), lo: y.clamped(b.lo), hi: y.clamped(b.hi))
                    run.append(p)
                    tops.append((p.x, p.hi))
                } else {
                    flush()
                    tops.append(nil)
                }
            }
            flush()
            if !d.isEmpty { fills += "<path class=\"area \(cls)\" d=\"\(d)\"/>" }
            let parts = Paths.runs(tops)
            let line = parts.filter { $0.count > 1 }.map { Paths.path(plot.screen($0)) }.joined()
            if !line.isEmpty { strokes += "<path class=\"line \(cls)\" fill=\"none\" d=\"\(line)\"/>" }
            for r in parts where r.count == 1 {
                strokes += "<circle class=\"dot \(cls)\" cx=\"\(n(r[0].0))\" cy=\"\(n(r[0].1))\" r=\"3\"/>"
            }
        }
        return fills + strokes
    }
}
