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
        let data = PlotData(spec: spec, dataset: dataset)
        let id = Escape.html(context.id)
        let description = describe(spec, data: data)
        let drawings = variants.map { SVGChart(spec: spec, data: data, variant: $0).render(id: id, title: spec.title, description: description) }

        var h = "<figure class=\"chart chart-\(spec.kind.rawValue)\(spec.horizontal ? " chart-horizontal" : "")\" id=\"\(id)\">\n"
        h += "<figcaption class=\"chart-heading\">"
        let number = context.label.map { "<span class=\"figure-number\">\(Escape.html($0)).</span> " } ?? ""
        h += "<span class=\"chart-title\">\(number)\(Escape.html(spec.title))</span>"
        if let subtitle = spec.subtitle, !subtitle.isEmpty {
            h += "<span class=\"chart-subtitle\">\(Escape.html(subtitle))</span>"
        }
        h += "</figcaption>\n"
        h += legend(spec, data: data, needed: drawings.map(\.needsLegend))
        for d in drawings { h += d.svg }
        h += "<div class=\"chart-notes\">"
        if let caption = spec.caption, !caption.isEmpty {
            h += "<p class=\"chart-caption\">\(Escape.html(caption))</p>"
        }
        h += "<p class=\"figure-source\">" + TableRenderer.sourceLine(dataset: dataset, context: context) + "</p>"
        h += "</div>\n"
        h += dataTable(spec, data: data, downloadHref: context.downloadHref)
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
            h += "<li><span class=\"\(swatch) series-\(s.index + 1)\"></span>\(Escape.html(s.name))</li>"
        }
        return h + "</ul>\n"
    }

    /// The plotted values, exactly as the source wrote them, for screen readers and the curious.
    /// Past `TablePage.rows` rows it shows the first and last rows and says where the rest are:
    /// the page stays light, the full data stays in the download.
    static func dataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String) -> String {
        if data.sparse { return longDataTable(spec, data: data, downloadHref: downloadHref) }
        var h = "<details class=\"chart-data\"><summary>Data for this chart</summary>\n"
        h += "<div class=\"table-scroll\">\n<table>\n<caption>\(Escape.html(spec.title))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(Escape.html(data.xName))</th>"
        for s in data.series {
            var header = Escape.html(s.name)
            if let unit = s.unit, !unit.isEmpty { header += " <span class=\"unit\">(\(Escape.html(unit)))</span>" }
            h += "<th scope=\"col\" class=\"num\">\(header)</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        let shown = TablePage.excerpt(count: data.count)
        for (i, row) in shown.rows.enumerated() {
            if i == shown.gapBefore {
                h += TablePage.gapRow(omitted: data.count - shown.rows.count, columns: data.series.count + 1)
            }
            h += "<tr><th scope=\"row\">\(Escape.html(data.xTexts[row]))</th>"
            for s in data.series {
                if s.values[row] == nil {
                    h += "<td class=\"num\"><span aria-hidden=\"true\">\u{2013}</span><span class=\"sr-only\">no data</span></td>"
                } else {
                    h += "<td class=\"num\">\(Escape.html(Decimal.grouped(s.texts[row])))</td>"
                }
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < data.count {
            h += TablePage.note(total: data.count, downloadHref: downloadHref)
        }
        h += "</details>\n"
        return h
    }

    /// A scatter plot of long data as its rows: x, series, value.
    static func longDataTable(_ spec: ChartSpec, data: PlotData, downloadHref: String) -> String {
        var h = "<details class=\"chart-data\"><summary>Data for this chart</summary>\n"
        h += "<div class=\"table-scroll\">\n<table>\n<caption>\(Escape.html(spec.title))</caption>\n"
        h += "<thead><tr><th scope=\"col\">\(Escape.html(data.xName))</th>"
        h += "<th scope=\"col\">\(Escape.html(data.seriesName ?? ""))</th>"
        var header = Escape.html(data.valueName ?? "")
        if let unit = data.series.first?.unit, !unit.isEmpty { header += " <span class=\"unit\">(\(Escape.html(unit)))</span>" }
        h += "<th scope=\"col\" class=\"num\">\(header)</th></tr></thead>\n<tbody>\n"
        let rows: [(row: Int, series: PlotData.Series)] = (0..<data.count).compactMap { row in
            data.series.first(where: { $0.values[row] != nil || !$0.texts[row].isEmpty }).map { (row, $0) }
        }
        let shown = TablePage.excerpt(count: rows.count)
        for (i, k) in shown.rows.enumerated() {
            if i == shown.gapBefore { h += TablePage.gapRow(omitted: rows.count - shown.rows.count, columns: 3) }
            let (row, s) = rows[k]
            h += "<tr><th scope=\"row\">\(Escape.html(data.xTexts[row]))</th><td>\(Escape.html(s.name))</td>"
            h += "<td class=\"num\">\(Escape.html(Decimal.grouped(s.texts[row])))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < rows.count { h += TablePage.note(total: rows.count, downloadHref: downloadHref) }
        h += "</details>\n"
        return h
    }

    /// A plain-language summary written from the data: kind, series, span, and for each
    /// series its lowest, highest and latest figure as the source wrote them.
    static func describe(_ spec: ChartSpec, data: PlotData) -> String {
        let traits = spec.kind.traits
        let kind = (spec.stacked && traits.stacking != nil ? "stacked " : "")
            + (spec.horizontal && traits.canBeHorizontal ? "horizontal " : "") + traits.noun
        var names = data.series.map(\.name)
        let list: String
        if names.count <= 1 {
            list = names.first ?? "no series"
        } else {
            let last = names.removeLast()
            list = names.joined(separator: ", ") + " and " + last
        }
        var text = kind.prefix(1).uppercased() + kind.dropFirst() + " of " + list + " by " + data.xName
        if let valueName = data.valueName, let seriesName = data.seriesName {
            text = kind.prefix(1).uppercased() + kind.dropFirst() + " of " + valueName + " by " + data.xName
                + ", one series per " + seriesName + " (" + list + ")"
        }
        if data.count == 0 {
            return text + ". There is no data to plot."
        }
        let first = data.xTexts[0], last = data.xTexts[data.count - 1]
        text += first == last ? ", \(first)." : ", from \(first) to \(last)."
        for s in data.series {
            let defined = (0..<data.count).filter { s.values[$0] != nil }
            func figure(_ row: Int) -> String {
                Decimal.grouped(s.texts[row]) + (s.unit.map { " " + $0 } ?? "")
            }
            guard let firstRow = defined.first, let lastRow = defined.last else {
                text += " \(s.name): no data."
                continue
            }
            if defined.count == 1 {
                text += " \(s.name): \(figure(firstRow)) in \(data.xTexts[firstRow])."
                continue
            }
            var lo = firstRow, hi = firstRow
            for r in defined {
                if let v = s.values[r], let l = s.values[lo], v < l { lo = r }
                if let v = s.values[r], let m = s.values[hi], v > m { hi = r }
            }
            text += " \(s.name): lowest \(figure(lo)) in \(data.xTexts[lo]), highest \(figure(hi)) in \(data.xTexts[hi]), latest \(figure(lastRow)) in \(data.xTexts[lastRow])."
            if defined.count < data.count && !data.sparse {
                text += " \(data.count - defined.count) of \(data.count) values missing."
            }
            if traits.bins && defined.count > Reduction.binThreshold {
                text += " Its \(Decimal.grouped(String(defined.count))) points are drawn binned: points closer than a dot's width share one mark, darker where more points fall."
            }
        }
        return text
    }
}

/// One drawing size.
struct Variant {
    var name: String
    var width: Double
    var height: Double
    var font: Double = 12
}
