import BriefData

/// Renders a `table` block to a semantic HTML table with its source line.
public enum TableRenderer {
    /// `<figure class="data-table">` holding the table, its caption and the source line.
    public static func figure(_ spec: TableSpec, dataset: Dataset, context: FigureContext) -> String {
        let columns: [Column] = (spec.columns ?? dataset.columnNames).compactMap { dataset.column(named: $0) }
        var h = ""
        h += "<figure class=\"data-table\" id=\"\(Escape.html(context.id))\">\n"
        h += "<div class=\"table-scroll\">\n<table>\n"
        let number = context.label.map { "<span class=\"figure-number\">\(Escape.html($0)).</span> " } ?? ""
        h += "<caption>\(number)\(Escape.html(spec.caption ?? dataset.metadata.title))</caption>\n"
        h += "<thead><tr>"
        for c in columns {
            let format = spec.formats[c.name] ?? .exact
            h += "<th scope=\"col\"\(c.type == .number ? " class=\"num\"" : "")>" + header(c, format: format) + "</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        let shown = TablePage.excerpt(count: dataset.rowCount)
        for (i, row) in shown.rows.enumerated() {
            if i == shown.gapBefore {
                h += TablePage.gapRow(omitted: dataset.rowCount - shown.rows.count, columns: columns.count, text: context.text)
            }
            h += "<tr>"
            for (i, c) in columns.enumerated() {
                let value = row < c.values.count ? c.values[row] : .missing
                let format = spec.formats[c.name] ?? .exact
                h += cell(value, column: c, format: format, rowHeader: i == 0 && c.type != .number, text: context.text)
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        if shown.rows.count < dataset.rowCount {
            h += TablePage.note(total: dataset.rowCount, downloadHref: context.downloadHref, text: context.text)
        }
        h += "<figcaption class=\"figure-source\">" + sourceLine(dataset: dataset, context: context) + "</figcaption>\n"
        h += "</figure>\n"
        return h
    }

    static func header(_ c: Column, format: NumberFormat) -> String {
        var text = Escape.html(c.displayName)
        if let unit = c.unit, !unit.isEmpty, format != .usdMillions && format != .percent {
            text += " <span class=\"unit\">(\(Escape.html(unit)))</span>"
        }
        return text
    }

    static func cell(_ value: Value, column c: Column, format: NumberFormat, rowHeader: Bool, text words: InterfaceText) -> String {
        let numeric = c.type == .number
        let open = rowHeader ? "<th scope=\"row\"" : "<td"
        let close = rowHeader ? "</th>" : "</td>"
        let cls = numeric ? " class=\"num\"" : ""
        if value.isMissing {
            return open + cls + "><span aria-hidden=\"true\">\u{2013}</span><span class=\"sr-only\">" + Escape.html(words["chart.no_data"]) + "</span>" + close
        }
        let text = numeric ? format.format(value, in: words) : value.text
        return open + cls + ">" + Escape.html(text) + close
    }

    /// "Source: <a>…</a> · Download the data (CSV)", shared by tables and charts.
    static func sourceLine(dataset: Dataset, context: FigureContext) -> String {
        "<span class=\"source\">\(Escape.html(context.text["chart.source"])) <a href=\"\(Escape.html(context.datasetHref))\">\(Escape.html(dataset.metadata.source))</a></span>"
            + " <span class=\"download\"><a href=\"\(Escape.html(context.downloadHref))\" download>\(Escape.html(context.text["chart.download_csv"]))</a></span>"
    }
}
