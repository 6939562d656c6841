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

    /// Kinds whose values sit where `points(_:)` puts them: at their x position (bars: at their
    /// own bar's end) and value. Kinds drawn otherwise (ranges, slopes, timelines, …) get no
    /// point layer until their mark says where its values are.
    static let pointKinds: Set<ChartSpec.Kind> = [.line, .bar, .area, .scatter]

    /// The points of a plot, vertical (x across, values up) or horizontal (bars).
    /// `plot.xAt(row)` is the centre of a row's x position (a band's centre, a point scale's
    /// point or a linear position); bars shift it to the series' own bar.
    func points(_ plot: Plot) -> [Point] {
        let band = plot.band, value = plot.value, stacks = plot.stacks, horizontal = plot.horizontal
        let categoryAt = plot.xAt
        var out: [Point] = []
        let isBar = traits.bands
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
        // Small-multiple panels have one too: `pointPanel` names the panel and maps its series
        // back to the combined data table's columns.
        guard !data.sparse, Self.pointKinds.contains(spec.kind) else { return false }
        var count = 0
        for s in data.series {
            for v in s.values where v != nil {
                count += 1
                if count > Self.maxFocusablePoints { return false }
            }
        }
        return count > 0
    }

    /// The point layer's markup, or "" when the drawing has none.
    func pointLayer(_ makePoints: @autoclosure () -> [Point]) -> String {
        guard hasPointLayer else { return "" }
        let points = makePoints()
        let r = traits.bands ? 4.0 : 5.0
        let t = text ?? .placeholder  // every page sets its language; only a bare drawing has none
        var o = "<g class=\"points\">"
        for p in points {
            let s = data.series[p.series]
            // The figure as the source wrote it (as the data table shows it), in the page's
            // digits, with its unit in the page's language where the format names it.
            let value = spec.format.figure(s.texts[p.row], units: s.unit, in: t, translated: translated)
            // In a panel of small multiples, the series as the data table names it ("Panel: series").
            let seriesName = pointPanel.map { data.series.count == 1 ? $0.name : "\($0.name): \(s.name)" } ?? s.name
            let name = data.series.count > 1 || data.seriesName != nil || pointPanel != nil
                ? t.format("chart.point", ["x": data.xTexts[p.row], "series": seriesName, "value": value])
                : t.format("chart.point_single", ["x": data.xTexts[p.row], "value": value])
            let column = s.index + (pointPanel?.seriesOffset ?? 0)
            o += "<circle class=\"point series-\(s.index + 1)\" role=\"img\" tabindex=\"0\" data-row=\"\(p.row)\" data-series=\"\(column)\""
            o += " cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(r))\"><title>\(Escape.html(name))</title></circle>"
        }
        return o + "</g>\n"
    }
}

extension SVGChart {
    static let pointLayerOpen = Array("<g class=\"points\">".utf8)

    /// Whether a drawing's body holds a point layer (bytes: this runs on every drawing).
    static func hasPoints(_ body: String) -> Bool {
        let p = pointLayerOpen
        var found = false
        var copy = body
        copy.withUTF8 { b in
            guard b.count >= p.count else { return }
            var i = 0
            while i + p.count <= b.count {
                if b[i] == p[0] && b[i..<(i + p.count)].elementsEqual(p) { found = true; return }
                i += 1
            }
        }
        return found
    }
}
