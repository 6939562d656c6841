import BriefData

/// Small multiples (`facet: <column>` on a line, bar or area chart): one panel per value of the
/// column, in first-appearance order, laid out in a grid. Every panel has the same x values (the
/// union over all panels), the same value scale and the same series with the same colours, so
/// one legend serves them all and panels compare at a glance.
struct Facets {
    var names: [String]
    var panels: [PlotData]
    /// Every panel's series side by side ("Panel: series"), for the description and data table.
    var combined: PlotData

    init?(spec: ChartSpec, dataset: Dataset) {
        guard let name = spec.facet, let column = dataset.column(named: name) else { return nil }
        var base = spec
        base.facet = nil
        var whole = PlotData(spec: base, dataset: dataset)
        // One plotted row per x value over the whole dataset (wide data repeats x per panel).
        // Positions come sorted: equal ones are neighbours, and a position is found again by
        // binary search; categories by their text.
        var index: [String: Int] = [:]
        var keep: [Int] = []
        let numeric = whole.axis != .categorical
        for row in 0..<whole.count {
            if numeric {
                if let last = keep.last, whole.xPositions[last] == whole.xPositions[row] { continue }
            } else {
                guard index[whole.xTexts[row]] == nil else { continue }
                index[whole.xTexts[row]] = keep.count
            }
            keep.append(row)
        }
        whole.xTexts = keep.map { whole.xTexts[$0] }
        whole.xPositions = keep.map { whole.xPositions[$0] }
        let positions = whole.xPositions
        func plotted(_ key: PlotData.XKey) -> Int? {
            switch key {
            case .text(let text): return numeric ? nil : index[text]
            case .position(let p):
                guard numeric else { return nil }
                var lo = 0, hi = positions.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if positions[mid] < p { lo = mid + 1 } else { hi = mid }
                }
                return lo < positions.count && positions[lo] == p ? lo : nil
            }
        }
        let seriesNames = whole.series.map(\.name)

        let groups = RowGroups(column: column)
        var names: [String] = [], panels: [PlotData] = []
        // Without `series:` each dataset row is one x of one panel: its cells go straight to
        // their panel's plotted row (as a PlotData of the panel's rows would place them).
        let xColumn = dataset.column(named: base.x)
        let yColumns = base.y.compactMap { dataset.column(named: $0) }
        let direct = base.series == nil && xColumn != nil && yColumns.count == whole.series.count
        for (g, group) in groups.keys.enumerated() where direct {
            guard let xColumn else { break }
            var values = [[Double?]](repeating: [Double?](repeating: nil, count: whole.count), count: yColumns.count)
            var texts = [[String]](repeating: [String](repeating: "", count: whole.count), count: yColumns.count)
            for row in groups.rows[g] {
                let x = xColumn.value(at: row)
                guard !x.isMissing else { continue }
                let key: PlotData.XKey
                if whole.axis == .categorical {
                    key = .text(x.text)
                } else if let p = XAxisKind.numeric(x, axis: whole.axis, format: xColumn.dateFormat) {
                    key = PlotData.XKey(p)
                } else { continue }
                guard let at = plotted(key) else { continue }
                for (i, column) in yColumns.enumerated() {
                    let cell = column.value(at: row)
                    values[i][at] = cell.number.flatMap { $0.isFinite ? $0 : nil }
                    texts[i][at] = cell.text
                }
            }
            var panel = whole
            panel.series = whole.series.indices.map { i in
                PlotData.Series(name: seriesNames[i], unit: whole.series[i].unit, values: values[i], texts: texts[i], index: i)
            }
            names.append(group)
            panels.append(panel)
        }
        for (g, group) in groups.keys.enumerated() where !direct {
            var subset = dataset
            let rows = groups.rows[g]
            subset.columns = dataset.columns.map { original in
                var c = original
                c.values = rows.map { original.value(at: $0) }
                return c
            }
            let part = PlotData(spec: base, dataset: subset)
            var panel = whole
            panel.series = seriesNames.enumerated().map { i, seriesName in
                var values = [Double?](repeating: nil, count: whole.count)
                var texts = [String](repeating: "", count: whole.count)
                if let s = part.series.first(where: { $0.name == seriesName }) {
                    for row in 0..<part.count {
                        guard let at = plotted(part.key(row)) else { continue }
                        values[at] = s.values[row]
                        texts[at] = s.texts[row]
                    }
                }
                return PlotData.Series(name: seriesName, unit: whole.series[i].unit, values: values, texts: texts, index: i)
            }
            names.append(group)
            panels.append(panel)
        }
        self.names = names
        self.panels = panels
        var combined = whole
        combined.series = []
        for (p, panel) in panels.enumerated() {
            for s in panel.series {
                var c = s
                c.name = panel.series.count == 1 ? names[p] : "\(names[p]): \(s.name)"
                c.index = combined.series.count
                combined.series.append(c)
            }
        }
        self.combined = combined
    }

    /// Panels per row: at most three on the wide drawing, two on the narrow one.
    static func columns(count: Int, width: Double) -> Int {
        if width < 500 { return count <= 1 ? 1 : 2 }
        return count <= 2 ? 2 : count == 4 ? 2 : 3
    }
}

extension SVGChart {
    /// The grid of panels: each drawn by the shared x/y layout at the panel's size with the
    /// value extent of all panels, under its name.
    func drawFacets(_ facets: Facets) -> Drawing {
        let W = variant.width
        let count = facets.panels.count
        let columns = Facets.columns(count: count, width: W)
        let rows = (count + columns - 1) / columns
        let gapX = 16.0, gapY = 14.0, head = font + 8
        let panelWidth = ((W - gapX * Double(columns - 1)) / Double(columns)).rounded(.down)
        let panelHeight: Double = W < 500 ? 170 : (rows <= 2 ? 190 : 160)
        // The shared value extent: every panel's (stacked) extent together.
        var lo = Double.infinity, hi = -Double.infinity
        for panel in facets.panels {
            let chart = SVGChart(spec: spec, data: panel, variant: variant, reduce: reduce)
            let e = chart.valueExtent(chart.stacks)
            lo = min(lo, e.0)
            hi = max(hi, e.1)
        }
        let shared = lo <= hi ? (lo, hi) : (0, 1)
        let panelVariant = Variant(name: variant.name, width: panelWidth, height: panelHeight, font: font)
        var o = ""
        o.reserveCapacity(facets.panels.count * (2048 + facets.combined.count * max(1, facets.panels.first?.series.count ?? 1) * 250))
        // Every panel has the same size, x values and value extent: one settled layout and one
        // set of axes serve them all.
        var base: XYBase?
        for (i, panel) in facets.panels.enumerated() {
            let px = Double(i % columns) * (panelWidth + gapX), py = Double(i / columns) * (panelHeight + head + gapY)
            let chart = SVGChart(spec: spec, data: panel, variant: panelVariant, reduce: reduce)
            chart.sharedExtent = shared
            chart.pointPanel = (facets.names[i], i * panel.series.count)
            chart.text = text
            chart.translated = translated
            chart.pointNames = panelPointNames.flatMap { i < $0.count ? $0[i] : nil }
            if base == nil { base = chart.baseXY(directLabels: false) }
            let drawn = chart.drawVertical(directLabels: false, base: base)
            let title = TextMeasure.truncate(facets.names[i], size: font, maxWidth: panelWidth - 2)
            o += "<g class=\"facet\" transform=\"translate(\(n(px)),\(n(py)))\">"
            o += TextMark.text("facet-title", x: 0, y: font, titled(title, full: facets.names[i])) + "\n"
            o += "<g transform=\"translate(0,\(n(head)))\">\n"
            o += drawn.body
            o += "</g></g>\n"
        }
        let H = Double(rows) * (panelHeight + head) + Double(rows - 1) * gapY
        let frame = Frame(width: W, height: H, top: 0, right: 0, bottom: 0, left: 0)
        return Drawing(body: o, frame: frame, needsLegend: (facets.panels.first?.series.count ?? 0) >= 2)
    }
}
