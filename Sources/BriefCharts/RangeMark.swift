/// A range (dumbbell) chart (`type: range`, `y: [from_column, to_column]`): per category a dot
/// for each of two columns, joined by a line, categories down and values across (the
/// horizontal layout). Two sources for one year, a low and a high estimate.
enum RangeMark: Mark {
    static func render(_ plot: Plot) -> String {
        guard let band = plot.band else { return "" }
        let data = plot.data, x = plot.value
        let ends = Array(data.series.prefix(2))
        let r = plot.chart.variant.width < 500 ? 4.5 : 5
        var rules = "", dots = ""
        for row in 0..<data.count {
            let cy = band.center(Int(data.xPositions[row]))
            let points: [Double?] = ends.map { s in s.values[row].map { x.clamped($0) } }
            if points.count == 2, let a = points[0], let b = points[1] {
                rules += RuleMark.line("range-rule", x1: min(a, b), x2: max(a, b), y1: cy, y2: cy)
            }
            for (s, p) in zip(ends, points) {
                guard let p else { continue }
                dots += "<circle class=\"dot \(plot.chart.seriesClass(s))\" cx=\"\(n(p))\" cy=\"\(n(cy))\" r=\"\(n(r))\"/>"
            }
        }
        return "<g class=\"range\">" + rules + dots + "</g>"
    }

    static func describe(_ spec: ChartSpec, data: PlotData, text t: InterfaceText, translated: Bool) -> String? {
        guard data.series.count == 2, data.count > 0, data.count <= 24 else { return nil }
        let a = data.series[0], b = data.series[1]
        var text = t.format("chart.describe.range", ["a": a.name, "b": b.name, "x": data.xName])
        for row in 0..<data.count {
            func figure(_ s: PlotData.Series) -> String {
                guard s.values[row] != nil else { return t["chart.no_data"] }
                return t.number(Decimal.grouped(s.texts[row])) + (spec.format.unit(s.unit, in: t, translated: translated).map { " " + $0 } ?? "")
            }
            var values = ["x": data.xTexts[row], "a": a.name, "aValue": figure(a), "b": b.name, "bValue": figure(b)]
            if let va = a.values[row], let vb = b.values[row], va != vb {
                values["higher"] = va > vb ? a.name : b.name
                text += t.format("chart.describe.range_row_higher", values)
            } else {
                text += t.format("chart.describe.range_row", values)
            }
        }
        return text
    }
}
