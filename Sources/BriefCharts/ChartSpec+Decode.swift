import BriefData
import BriefDiagnostics

extension ChartSpec {
    static let keys = [
        "type", "data", "x", "y", "title", "subtitle", "caption", "x_label", "y_label", "format",
        "y_min", "y_max", "stacked", "horizontal", "annotations", "series",
        "facet", "label", "bands", "callouts", "highlight",
    ]

    /// Reads a `chart` block's YAML and checks it against `datasets`, reporting every mistake
    /// at the line and column of the offending key or value.
    public static func decode(_ node: YAMLNode, datasets: [String: Dataset]) throws(DiagnosticError) -> ChartSpec {
        var r = SpecReader(block: "chart")
        guard let entries = r.entries(of: node, known: keys, what: "chart") else {
            throw DiagnosticError(r.diagnostics)
        }
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }

        var kind: Kind?
        if let e = entry("type"), let s = r.text(e) {
            kind = Kind(rawValue: s)
            if kind == nil {
                r.error(e.value.location, "unknown chart type \"\(s)\"",
                        hint: Suggestion.hint(for: s, in: Kind.allCases.map(\.rawValue)) ?? "use \(Kind.spokenList)")
            }
        } else if entry("type")?.value.scalar == nil {
            r.error(entry("type")?.keyLocation ?? node.location, "chart needs a 'type' (\(Kind.spokenList))")
        }

        let title = entry("title").flatMap { r.text($0) }
        if title == nil || title?.trimmingSpaces.isEmpty == true {
            r.error(entry("title")?.keyLocation ?? node.location, "chart needs a 'title'",
                    hint: "a title says what the chart shows, e.g. 'Exports to the US doubled'")
        }

        var dataset: Dataset?
        let dataName = entry("data").flatMap { r.text($0) }
        if let e = entry("data"), let name = dataName {
            dataset = datasets[name]
            if dataset == nil {
                r.error(e.value.location, "unknown dataset \"\(name)\"",
                        hint: SpecReader.hint(for: name, in: datasets.keys.sorted(), listName: "datasets"))
            }
        } else {
            r.error(entry("data")?.keyLocation ?? node.location, "chart needs 'data', the name of a dataset in Content/data")
        }

        // x
        var xName: String?
        if let e = entry("x") {
            xName = r.text(e)
            if let name = xName, let ds = dataset { checkColumn(name, in: ds, key: "x", at: e.value.location, &r) }
            if xName == nil && e.value.isNull { r.error(e.keyLocation, "'x' needs a column name") }
        } else {
            r.error(node.location, "chart needs 'x', the column along the horizontal axis")
        }

        // y: one column or a list
        var yNames: [String] = []
        if let e = entry("y") {
            var items: [(String, SourceLocation)] = []
            switch e.value {
            case .scalar(let s, _, let at): items = [(s, at)]
            case .sequence(let list, _):
                for item in list {
                    if case .scalar(let s, _, let at) = item { items.append((s, at)) } else {
                        r.error(item.location, "each entry of 'y' must be a column name, not \(item.kindName)")
                    }
                }
                if list.isEmpty { r.error(e.value.location, "'y' needs at least one column") }
            case .mapping, .null:
                r.error(e.value.location, "'y' must be a column name or a list of column names, not \(e.value.kindName)")
            }
            for (name, at) in items {
                yNames.append(name)
                guard let ds = dataset else { continue }
                guard let column = checkColumn(name, in: ds, key: "y", at: at, &r) else { continue }
                if column.type != .number {
                    r.error(at, "column \"\(name)\" holds \(column.type == .text ? "text" : column.type.rawValue + "s"); a chart's y needs a number column")
                }
            }
            if yNames.count > 8 {
                r.error(e.value.location, "a chart shows at most 8 series; 'y' lists \(yNames.count)")
            }
        } else if kind?.traits.needsY ?? (entry("type") == nil) {
            // (With a misspelt type, whether 'y' is needed is not known: the type's error says enough.)
            r.error(node.location, "chart needs 'y', a number column or a list of them")
        }
        if let k = kind, !k.traits.needsY, let e = entry("y") {
            r.error(e.keyLocation, "'y' doesn't apply to \(k.rawValue) charts",
                    hint: "a timeline places events by their date ('x') and shows their 'label'")
        }

        // series: one series per value of a column (long data)
        var seriesName: String?
        if let e = entry("series") {
            seriesName = r.text(e)
            if seriesName == nil && e.value.isNull { r.error(e.keyLocation, "'series' needs a column name") }
            if let name = seriesName, let ds = dataset, let column = checkColumn(name, in: ds, key: "series", at: e.value.location, &r) {
                if name == xName {
                    r.error(e.value.location, "'series' and 'x' are both column \"\(name)\"",
                            hint: "'series' names the column whose values tell the lines apart, e.g. series: source")
                } else if yNames.count > 1, let ye = entry("y") {
                    r.error(ye.value.location, "with 'series', 'y' names one column; it lists \(yNames.count)",
                            hint: "'series: \(name)' already draws one series per value of \(name)")
                } else if yNames.contains(name) {
                    r.error(e.value.location, "'series' and 'y' are both column \"\(name)\"")
                } else {
                    checkSeries(column, dataset: ds, at: e.value.location, &r)
                }
            }
        }
        let extras = decodeExtras(entries, node: node, kind: kind, dataset: dataset, x: xName, y: yNames, series: seriesName, &r)
        if let kind, !kind.traits.repeatedXAllowed, let ds = dataset, let xName, let xColumn = ds.column(named: xName),
           let xe = entry("x"), r.diagnostics.isEmpty {
            checkRepeatedX(kind: kind, x: xColumn, series: seriesName.flatMap { ds.column(named: $0) },
                           facet: extras.facet.flatMap { ds.column(named: $0) },
                           y: yNames, dataset: ds, at: xe.value.location, &r)
        }

        var format = NumberFormat.number
        if let e = entry("format"), let s = r.text(e) {
            if let f = NumberFormat(name: s) { format = f } else {
                r.error(e.value.location, "unknown format \"\(s)\"",
                        hint: SpecReader.hint(for: s, in: NumberFormat.names, listName: "formats"))
            }
        }

        var stacked = false, horizontal = false
        if let e = entry("stacked"), let b = r.bool(e) {
            stacked = b
            if b, let k = kind, k.traits.stacking == nil {
                r.error(e.keyLocation, "'stacked' applies to bar and area charts, not \(k.rawValue) charts")
            }
        }
        if let e = entry("horizontal"), let b = r.bool(e) {
            horizontal = b
            if b, let k = kind, !k.traits.canBeHorizontal {
                r.error(e.keyLocation, "'horizontal' applies to bar charts, not \(k.rawValue) charts")
            }
        }

        let yMin = entry("y_min").flatMap { r.number($0) }
        let yMax = entry("y_max").flatMap { r.number($0) }
        if let lo = yMin, let hi = yMax, lo >= hi, let e = entry("y_max") {
            r.error(e.value.location, "'y_max' (\(Decimal.shortest(hi))) must be greater than 'y_min' (\(Decimal.shortest(lo)))")
        }

        var annotations: [ChartAnnotation] = []
        if let e = entry("annotations") {
            switch e.value {
            case .sequence(let list, _):
                for item in list {
                    if let a = decodeAnnotation(item, kind: kind, x: xName, dataset: dataset, &r) { annotations.append(a) }
                }
            case .null: break
            default:
                r.error(e.value.location, "'annotations' must be a list, e.g. - {y: 5000, label: $5bn}")
            }
        }

        var texts: [String: String] = [:]
        for key in ["subtitle", "caption", "x_label", "y_label"] {
            if let e = entry(key), let t = r.text(e) { texts[key] = t }
        }
        let subtitle = texts["subtitle"], caption = texts["caption"]
        let xLabel = texts["x_label"], yLabel = texts["y_label"]

        if !r.diagnostics.isEmpty { throw DiagnosticError(r.diagnostics.sortedForOutput()) }
        guard let kind, let dataName, let xName, let title else { throw DiagnosticError(r.diagnostics) }
        return ChartSpec(
            kind: kind, dataset: dataName, x: xName, y: yNames, title: title,
            subtitle: subtitle, caption: caption, xLabel: xLabel, yLabel: yLabel,
            stacked: stacked, horizontal: horizontal, format: format, yMin: yMin, yMax: yMax,
            annotations: annotations, location: node.location, series: seriesName,
            facet: extras.facet, label: extras.label, bands: extras.bands, callouts: extras.callouts, highlight: extras.highlight)
    }

    /// A series column must give every row a series, and name at most 8.
    static func checkSeries(_ column: Column, dataset: Dataset, at: SourceLocation, _ r: inout SpecReader) {
        let groups = RowGroups(column: column)
        if !groups.ungrouped.isEmpty {
            r.error(at, "column \"\(column.name)\" is empty in \(rowList(groups.ungrouped)) of \(dataset.name); every row needs a series",
                    hint: "fill in the cells, or remove those rows")
        }
        if groups.count > 8 {
            r.error(at, "a chart shows at most 8 series; column \"\(column.name)\" has \(groups.count) values",
                    hint: "chart fewer groups, e.g. in a dataset cut to the ones the chart is about")
        }
    }

    /// Two rows at one x (one x and one series, with `series:`) would hide one mark behind
    /// another or zig-zag a line back on itself: refuse them, naming the value and the rows.
    static func checkRepeatedX(kind: Kind, x: Column, series: Column?, facet: Column? = nil, y: [String], dataset: Dataset, at: SourceLocation, _ r: inout SpecReader) {
        let axis = XAxisKind(kind: kind, column: x)
        let xRows = PlotData.xRows(axis: axis, column: x)
        // A numeric or date axis comes sorted by position, so a repeat sits next to its twin:
        // most columns have none, and need no dictionary of 200,000 keys to say so.
        if series == nil && facet == nil && axis != .categorical && !zip(xRows, xRows.dropFirst()).contains(where: { $0.position == $1.position }) {
            return
        }
        struct Key: Hashable {
            var x: PlotData.XKey
            var series: String?
            var facet: String?
        }
        var seen: [Key: Int] = [:]
        var repeats: [(text: String, series: String?, facet: String?, rows: [Int])] = []
        var repeatIndex: [Key: Int] = [:]
        for row in xRows.sorted(by: { $0.row < $1.row }) {
            let seriesText = series.map { $0.value(at: row.row).text }
            let facetText = facet.map { $0.value(at: row.row).text }
            let key = Key(x: row.key, series: seriesText, facet: facetText)
            if let first = seen[key] {
                if let k = repeatIndex[key] { repeats[k].rows.append(row.row) } else {
                    repeatIndex[key] = repeats.count
                    repeats.append((row.text, seriesText, facetText, [first, row.row]))
                }
            } else {
                seen[key] = row.row
            }
        }
        guard let first = repeats.first else { return }
        let more = repeats.count > 1 ? " (and \(repeats.count - 1) more repeated value\(repeats.count == 2 ? "" : "s"))" : ""
        let mark = kind.traits.oneMarkPerX
        if let facet, let facetText = first.facet {
            let also = series.flatMap { s in first.series.map { " and \(s.name) \"\($0)\"" } } ?? ""
            r.error(at, "x value \"\(first.text)\" with \(facet.name) \"\(facetText)\"\(also) repeats in \(rowList(first.rows)) of \(dataset.name)\(more); each panel of a \(kind.rawValue) chart draws one \(mark) per x value\(series == nil ? "" : " and series")",
                    hint: series == nil ? "add 'series: <column>' naming the column that tells these rows apart" : "remove the repeated rows")
            return
        }
        if let series, let seriesText = first.series {
            r.error(at, "x value \"\(first.text)\" with \(series.name) \"\(seriesText)\" repeats in \(rowList(first.rows)) of \(dataset.name)\(more); a \(kind.rawValue) chart draws one \(mark) per x value and series",
                    hint: "remove the repeated rows, or chart a dataset with one row per \(x.name) and \(series.name)")
            return
        }
        // The column that tells the repeated rows apart, if one does.
        let candidate = dataset.columns.first { c in
            c.name != x.name && !y.contains(c.name) && c.type == .text
                && Set(first.rows.map { c.value(at: $0).text }).count == first.rows.count
        }
        let hint = candidate.map { "draw one series per \($0.name) with 'series: \($0.name)'" }
            ?? "add 'series: <column>' naming the column that tells these rows apart, or give each series its own column"
        r.error(at, "x value \"\(first.text)\" repeats in \(rowList(first.rows)) of \(dataset.name)\(more); a \(kind.rawValue) chart draws one \(mark) per x value",
                hint: hint)
    }

    /// "data rows 2, 5 and 8" (1-based, as counted below the header), at most six shown.
    static func rowList(_ rows: [Int]) -> String {
        let numbers = rows.prefix(6).map { String($0 + 1) }
        var text = rows.count == 1 ? "data row " : "data rows "
        if numbers.count == 1 { return text + numbers[0] }
        if rows.count > 6 { return text + numbers.joined(separator: ", ") + " and \(rows.count - 6) more" }
        text += numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
        return text
    }

    @discardableResult
    static func checkColumn(_ name: String, in ds: Dataset, key: String, at: SourceLocation, _ r: inout SpecReader) -> Column? {
        if let c = ds.column(named: name) { return c }
        r.error(at, "unknown column \"\(name)\" in chart \(key)",
                hint: SpecReader.hint(for: name, in: ds.columnNames, listName: "columns of \(ds.name)"))
        return nil
    }

    static func decodeAnnotation(_ node: YAMLNode, kind: Kind?, x: String?, dataset: Dataset?, _ r: inout SpecReader) -> ChartAnnotation? {
        let before = r.diagnostics.count
        guard let entries = r.entries(of: node, known: ["x", "y", "label"], what: "annotation") else { return nil }
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }
        let label = entry("label").flatMap { r.text($0) }
        if label == nil { r.error(entry("label")?.keyLocation ?? node.location, "annotation needs a 'label'") }
        var xValue: String?
        if let e = entry("x") {
            xValue = r.text(e)
            if let v = xValue, let x, let ds = dataset, let column = ds.column(named: x) {
                checkXValue(v, what: "annotation", kind: kind, x: column, at: e.value.location, &r)
            }
        }
        let yValue = entry("y").flatMap { r.number($0) }
        if entry("x") == nil && entry("y") == nil {
            r.error(node.location, "annotation needs 'x', 'y' or both")
        }
        guard r.diagnostics.count == before, let label else { return nil }
        return ChartAnnotation(x: xValue, y: yValue, label: label, location: node.location)
    }
}
