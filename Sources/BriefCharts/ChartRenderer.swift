import BriefData

/// Renders a chart block to an accessible `<figure>`: title, legend, a wide and a narrow SVG
/// (charts.css shows the one that fits the column), notes with the source, and the plotted
/// values as a table.
public enum ChartRenderer {
    /// The two drawings of every chart. The wide one is shown in columns of 600 px and more
    /// (12 px text is then at least 11.25 px on screen); the narrow one below that, so on a
    /// 360 px phone (about 320 px of column) its 12 px text shows at 11.3 px or more.
    static let variants: [Variant] = [
        Variant(name: "wide", width: 640, height: 360),
        Variant(name: "narrow", width: 340, height: 300),
    ]

    public static func figure(_ spec: ChartSpec, dataset: Dataset, context: FigureContext) -> String {
        let facets = spec.facet != nil ? Facets(spec: spec, dataset: dataset) : nil
        // With facets, the description and table list every panel's series; the legend the series.
        let data = facets?.combined ?? PlotData(spec: spec, dataset: dataset)
        let id = Escape.html(context.id)
        let t = context.text
        var description = describe(spec, data: data, text: t, translated: context.translated)
        if let facets, let name = dataset.column(named: spec.facet ?? "")?.displayName {
            description = t.format("chart.describe.facets", ["facet": name, "panels": t.list(facets.names)]) + description
        }
        // The points' names are the same in both drawings: made once here.
        var pointNames: SVGChart.PointNames?, panelPointNames: [SVGChart.PointNames?]?
        if let facets {
            panelPointNames = facets.panels.enumerated().map { i, panel in
                SVGChart.hasPointLayer(spec, data: panel)
                    ? SVGChart.pointNames(panel, panel: (facets.names[i], i * panel.series.count),
                                         format: spec.format, text: t, translated: context.translated) : nil
            }
        } else if SVGChart.hasPointLayer(spec, data: data) {
            pointNames = SVGChart.pointNames(data, panel: nil, format: spec.format, text: t, translated: context.translated)
        }
        let drawings = variants.map { variant in
            let chart = SVGChart(spec: spec, data: facets?.panels.first ?? data, variant: variant)
            chart.text = context.text
            chart.translated = context.translated
            chart.pointNames = pointNames
            chart.panelPointNames = panelPointNames
            var drawn = chart.render(id: id, title: spec.title, description: description, facets: facets)
            // A right-to-left page's chart is drawn mirrored (ChartMirror.swift).
            if context.text.direction == .rtl, let width = Self.width(of: drawn.svg) {
                drawn.svg = ChartMirror.mirrored(drawn.svg, width: width)
            }
            return drawn
        }

        let table = dataTable(spec, data: data, downloadHref: context.downloadHref, text: t, translated: context.translated)
        var h = ""
        h.reserveCapacity(drawings.reduce(0) { $0 + $1.svg.utf8.count } + table.utf8.count + 2048)
        h += "<figure class=\"chart chart-\(spec.kind.rawValue)\(facets != nil ? " chart-facets" : "")\(spec.horizontal && spec.kind.traits.canBeHorizontal ? " chart-horizontal" : "")\" id=\"\(id)\">\n"
        h += "<figcaption class=\"chart-heading\">"
        let number = context.label.map { "<span class=\"figure-number\">\(Escape.html($0)).</span> " } ?? ""
        h += "<span class=\"chart-title\">\(number)\(Escape.html(spec.title))</span>"
        if let subtitle = spec.subtitle, !subtitle.isEmpty {
            h += "<span class=\"chart-subtitle\">\(Escape.html(subtitle))</span>"
        }
        h += "</figcaption>\n"
        h += legend(spec, data: facets?.panels.first ?? data, needed: drawings.map(\.needsLegend))
        for d in drawings { h += d.svg }
        h += "<div class=\"chart-notes\">"
        if let caption = spec.caption, !caption.isEmpty {
            h += "<p class=\"chart-caption\">\(Escape.html(caption))</p>"
        }
        h += "<p class=\"figure-source\">" + TableRenderer.sourceLine(dataset: dataset, context: context) + "</p>"
        if let page = context.pageHref { h += chartPageLink(page, title: spec.title, text: t) }
        h += "</div>\n"
        h += table
        h += "</figure>\n"
        return h
    }

    /// An HTML key to the series colours, for whichever drawings have no direct labels.
    static func legend(_ spec: ChartSpec, data: PlotData, needed: [Bool]) -> String {
        guard data.series.count >= 2, needed.contains(true) else { return "" }
        var cls = "chart-legend"
        if needed.count == 2 && needed[0] != needed[1] {
            cls += needed[0] ? " legend-wide-only" : " legend-narrow-only"
        }
        let swatch = spec.kind.traits.swatch
        var h = "<ul class=\"\(cls)\" aria-hidden=\"true\">"
        for s in data.series {
            h += "<li><span class=\"\(swatch) series-\(s.index + 1)\(spec.highlight == nil ? "" : spec.mutes(s) ? " muted" : " highlighted")\"></span>\(Escape.html(s.name))</li>"
        }
        return h + "</ul>\n"
    }

    /// The plotted values, exactly as the source wrote them, for screen readers and the curious.
    /// Past `TablePage.rows` rows it shows the first and last rows and says where the rest are:
    /// the page stays light, the full data stays in the download.
    static func dataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String, text: InterfaceText, translated: Bool = false) -> String {
        if let own = spec.kind.traits.mark.dataTable(spec, data: data, downloadHref: downloadHref, text: text) { return own }
        if data.sparse { return longDataTable(spec, data: data, downloadHref: downloadHref, text: text, translated: translated) }
        var h = "<details class=\"chart-data\"><summary>\(Escape.html(text["chart.data_summary"]))</summary>\n"
        h += "<div class=\"table-scroll\">\n<table>\n<caption>\(Escape.html(spec.title))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(Escape.html(data.xName))</th>"
        for s in data.series {
            var header = Escape.html(s.name)
            if let unit = spec.format.unit(s.unit, in: text, translated: translated), !unit.isEmpty { header += " <span class=\"unit\">(\(Escape.html(unit)))</span>" }
            h += "<th scope=\"col\" class=\"num\">\(header)</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        let shown = TablePage.excerpt(count: data.count)
        // A cell per value: written as bytes.
        let missing = "<td class=\"num\"><span aria-hidden=\"true\">\u{2013}</span><span class=\"sr-only\">\(Escape.html(text["chart.no_data"]))</span></td>"
        var rows = MarkupBytes(capacity: shown.rows.count * (data.series.count + 1) * 32)
        for (i, row) in shown.rows.enumerated() {
            if i == shown.gapBefore {
                rows.add(TablePage.gapRow(omitted: data.count - shown.rows.count, columns: data.series.count + 1, text: text))
            }
            rows.add("<tr><th scope=\"row\">")
            rows.add(Escape.html(data.xTexts[row]))
            rows.add("</th>")
            for s in data.series {
                if s.values[row] == nil {
                    rows.add(missing)
                } else {
                    rows.add("<td class=\"num\">")
                    if text.writesNumbersPlainly {
                        rows.figure(s.texts[row])
                    } else {
                        rows.add(Escape.html(text.number(Decimal.grouped(s.texts[row]))))
                    }
                    rows.add("</td>")
                }
            }
            rows.add("</tr>\n")
        }
        h += rows.string
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < data.count {
            h += TablePage.note(total: data.count, downloadHref: downloadHref, text: text)
        }
        h += "</details>\n"
        return h
    }

    /// A scatter plot of long data as its rows: x, series, value.
    static func longDataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String, text: InterfaceText, translated: Bool) -> String {
        var h = "<details class=\"chart-data\"><summary>\(Escape.html(text["chart.data_summary"]))</summary>\n"
        h += "<div class=\"table-scroll\">\n<table>\n<caption>\(Escape.html(spec.title))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(Escape.html(data.xName))</th>"
        h += "<th scope=\"col\">\(Escape.html(data.seriesName ?? ""))</th>"
        var header = Escape.html(data.valueName ?? "")
        if let unit = spec.format.unit(data.series.first?.unit, in: text, translated: translated), !unit.isEmpty { header += " <span class=\"unit\">(\(Escape.html(unit)))</span>" }
        h += "<th scope=\"col\" class=\"num\">\(header)</th></tr></thead>\n<tbody>\n"
        let rows: [(row: Int, series: PlotData.Series)] = (0..<data.count).compactMap { row in
            data.series.first(where: { $0.values[row] != nil || !$0.texts[row].isEmpty }).map { (row, $0) }
        }
        let shown = TablePage.excerpt(count: rows.count)
        for (i, k) in shown.rows.enumerated() {
            if i == shown.gapBefore { h += TablePage.gapRow(omitted: rows.count - shown.rows.count, columns: 3, text: text) }
            let (row, s) = rows[k]
            h += "<tr><th scope=\"row\">\(Escape.html(data.xTexts[row]))</th><td>\(Escape.html(s.name))</td>"
            h += "<td class=\"num\">\(Escape.html(text.number(Decimal.grouped(s.texts[row]))))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < rows.count { h += TablePage.note(total: rows.count, downloadHref: downloadHref, text: text) }
        h += "</details>\n"
        return h
    }

    /// A plain-language summary written from the data: kind, series, span, and for each
    /// series its lowest, highest and latest figure as the source wrote them.
    static func describe(_ spec: ChartSpec, data: PlotData, text t: InterfaceText, translated: Bool = false) -> String {
        if let own = spec.kind.traits.mark.describe(spec, data: data, text: t, translated: translated) { return own }
        let traits = spec.kind.traits
        let stacked = spec.stacked && traits.stacking != nil, horizontal = spec.horizontal && traits.canBeHorizontal
        // The kind's name from the language file ("chart.kind.stacked_horizontal_bar"; every
        // combination a kind allows is in `InterfaceText.requiredKeys`).
        let kind = t["chart.kind." + (stacked ? "stacked_" : "") + (horizontal ? "horizontal_" : "") + spec.kind.rawValue]
        let names = data.series.map(\.name)
        let list = names.isEmpty ? t["chart.describe.no_series"] : t.list(names)
        var text = t.format("chart.describe.of", ["kind": kind, "series": list, "x": data.xName])
        if let valueName = data.valueName, let seriesName = data.seriesName {
            text = t.format("chart.describe.per_series", ["kind": kind, "value": valueName, "x": data.xName, "group": seriesName, "series": list])
        }
        if data.count == 0 {
            return text + t["chart.describe.empty"]
        }
        let first = data.xTexts[0], last = data.xTexts[data.count - 1]
        text += first == last ? t.format("chart.describe.single", ["x": first]) : t.format("chart.describe.span", ["first": first, "last": last])
        for s in data.series {
            let defined = (0..<data.count).filter { s.values[$0] != nil }
            func figure(_ row: Int) -> String {
                t.number(Decimal.grouped(s.texts[row])) + (spec.format.unit(s.unit, in: t, translated: translated).map { " " + $0 } ?? "")
            }
            guard let firstRow = defined.first, let lastRow = defined.last else {
                text += t.format("chart.describe.series_none", ["series": s.name])
                continue
            }
            if defined.count == 1 {
                text += t.format("chart.describe.series_one", ["series": s.name, "value": figure(firstRow), "x": data.xTexts[firstRow]])
                continue
            }
            var lo = firstRow, hi = firstRow
            for r in defined {
                if let v = s.values[r], let l = s.values[lo], v < l { lo = r }
                if let v = s.values[r], let m = s.values[hi], v > m { hi = r }
            }
            text += t.format("chart.describe.series", [
                "series": s.name, "lowest": figure(lo), "lowestX": data.xTexts[lo], "highest": figure(hi),
                "highestX": data.xTexts[hi], "latest": figure(lastRow), "latestX": data.xTexts[lastRow],
            ])
            if defined.count < data.count && !data.sparse {
                text += t.format("chart.describe.missing", ["missing": t.number(String(data.count - defined.count)), "count": t.number(String(data.count))])
            }
            if traits.bins && defined.count > Reduction.binThreshold {
                text += t.format("chart.describe.binned", ["count": t.number(Decimal.grouped(String(defined.count)))])
            }
        }
        return text
    }
}

extension ChartRenderer {
    /// The width an `<svg … width="640"` drawing declares.
    static func width(of svg: String) -> Double? {
        guard let start = svg.firstRange(of: " width=\"") else { return nil }
        let rest = svg[start.upperBound...]
        return rest.firstIndex(of: "\"").flatMap { Double(rest[..<$0]) }
    }
}

/// One drawing size.
struct Variant {
    var name: String
    var width: Double
    var height: Double
    var font: Double = 12
}
