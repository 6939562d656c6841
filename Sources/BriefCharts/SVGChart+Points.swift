/// Values on hover and keyboard focus (issue 14, item 4): one focusable, named element per
/// plotted value, drawn over the marks.
///
/// Without any script each point is reachable with Tab, is named by its `<title>` (x, series and
/// the value as the source wrote it, as in the data table), and shows that name as the browser's
/// tooltip on hover; `static/chart-values.js` adds a tooltip that follows the nearest point.
/// `data-row` and `data-series` say which cell of the chart's data table a point is (tests
/// compare the two).
///
/// The marks themselves are not touched: the point layer is its own group, placed with the same
/// scales the marks use, so it stays independent of how each mark draws.
extension SVGChart {
    /// Past this many values a drawing gets no point layer (Tab would have to cross hundreds of
    /// stops, and the page would carry a focusable element per value): long data is read from
    /// its data table and download instead.
    static let maxFocusablePoints = 120

    /// One value as a point: where it is drawn and what it says.
    struct Point {
        var x: Double
        var y: Double
        var row: Int
        var series: Int
    }

    /// The points of a vertical chart (x across, values up) or of horizontal bars.
    /// `categoryAt(row)` is the centre of a row's x position (a band's centre, a point scale's
    /// point or a linear position); bars shift it to the series' own bar.
    func points(categoryAt: (Int) -> Double, band: BandScale?, value: LinearScale,
                stacks: [[(lo: Double, hi: Double)?]]?, horizontal: Bool) -> [Point] {
        var out: [Point] = []
        let isBar = spec.kind == .bar
        // Bars: the same slots `bars(...)` draws into.
        let groups = stacks == nil ? max(1, data.series.count) : 1
        let sub = (band?.bandwidth ?? 0) / Double(groups)
        for s in data.series {
            for row in 0..<data.count {
                guard let v = s.values[row] else { continue }
                let end: Double
                if let stacks {
                    guard let b = stacks[s.index][row] else { continue }
                    end = v < 0 ? b.lo : b.hi
                } else {
                    end = v
                }
                var along = categoryAt(row)
                if isBar, let band {
                    along = band.start(Int(data.xPositions[row])) + (stacks == nil ? sub * Double(s.index) : 0) + sub / 2
                }
                let across = value.clamped(end)
                out.append(horizontal ? Point(x: across, y: along, row: row, series: s.index)
                                      : Point(x: along, y: across, row: row, series: s.index))
            }
        }
        return out
    }

    /// Whether this drawing has a point layer: some values, and not too many (long data and
    /// binned scatter plots have none).
    var hasPointLayer: Bool {
        guard !data.sparse else { return false }
        var count = 0
        for s in data.series { for v in s.values where v != nil { count += 1 } }
        return count > 0 && count <= Self.maxFocusablePoints
    }

    /// The point layer's markup, or "" when the drawing has none.
    func pointLayer(_ makePoints: @autoclosure () -> [Point]) -> String {
        guard hasPointLayer else { return "" }
        let points = makePoints()
        let r = spec.kind == .bar ? 4.0 : 5.0
        var o = "<g class=\"points\">"
        for p in points {
            let s = data.series[p.series]
            var value = Decimal.grouped(s.texts[p.row])
            if let unit = s.unit, !unit.isEmpty { value += " " + unit }
            let name = data.series.count > 1 || data.seriesName != nil
                ? "\(data.xTexts[p.row]), \(s.name): \(value)"
                : "\(data.xTexts[p.row]): \(value)"
            o += "<circle class=\"point series-\(s.index + 1)\" role=\"img\" tabindex=\"0\" data-row=\"\(p.row)\" data-series=\"\(s.index)\""
            o += " cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(r))\"><title>\(Escape.html(name))</title></circle>"
        }
        return o + "</g>\n"
    }
}
