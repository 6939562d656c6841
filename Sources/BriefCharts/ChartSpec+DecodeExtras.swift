import BriefData
import BriefDiagnostics

/// The keys of the newer kinds and annotations: `facet`, `label`, `bands`, `callouts`,
/// `highlight`, and the per-kind rules on `x` and `y` (a slope's two x values, a range's two y
/// columns, a timeline's dates). Every mistake is reported at its key or value.
extension ChartSpec {
    struct Extras {
        var facet: String?
        var label: String?
        var bands: [ChartBand] = []
        var callouts: [ChartCallout] = []
        var highlight: String?
    }

    static func decodeExtras(_ entries: [YAMLEntry], node: YAMLNode, kind: Kind?, dataset ds: Dataset?, x xName: String?,
                             y yNames: [String], series seriesName: String?, _ r: inout SpecReader) -> Extras {
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }
        var out = Extras()
        let traits = kind?.traits
        let kindName = kind?.rawValue ?? ""
        let xColumn = xName.flatMap { ds?.column(named: $0) }

        // The kind's rules on x and y.
        if let traits {
            if traits.needsDateX, let xColumn, let xe = entry("x"), xColumn.type != .date {
                r.error(xe.value.location, "a \(kindName) chart's x needs a date column; column \"\(xColumn.name)\" holds \(xColumn.type == .text ? "text" : xColumn.type.rawValue + "s")",
                        hint: "declare the column as {type: date} in the dataset's .yml, or chart a column of YYYY-MM-DD dates")
            }
            if let count = traits.yColumns, let ye = entry("y"), yNames.count != count, !yNames.isEmpty {
                r.error(ye.value.location, "a \(kindName) chart needs 'y: [from_column, to_column]', two columns; it lists \(yNames.count)",
                        hint: "e.g. y: [sbp_goods_musd, commerce_adviser_musd]: one dot each, joined by a line")
            }
            if let count = traits.xValues, let xColumn, let xe = entry("x"), r.diagnostics.isEmpty {
                var distinct: [String] = []
                for v in xColumn.values where !v.isMissing && !distinct.contains(v.text) {
                    distinct.append(v.text)
                    if distinct.count > 12 { break }
                }
                if distinct.count != count {
                    let shown = distinct.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ") + (distinct.count > 6 ? ", …" : "")
                    r.error(xe.value.location, "a \(kindName) chart compares two x values; column \"\(xColumn.name)\" has \(distinct.count > 12 ? "more than 12" : String(distinct.count))\(distinct.isEmpty ? "" : " (\(shown))")",
                            hint: "chart a dataset cut to the two \(xColumn.name) values to compare, or use a line chart")
                }
            }
            if !traits.takesSeries, let e = entry("series") {
                r.error(e.keyLocation, "'series' doesn't apply to \(kindName) charts",
                        hint: traits.yColumns != nil ? "a range chart's two y columns are its two ends" : nil)
            }
        }

        // label: a timeline's event text.
        if let e = entry("label") {
            out.label = r.text(e)
            if out.label == nil && e.value.isNull { r.error(e.keyLocation, "'label' needs a column name") }
            if let traits, !traits.takesLabel {
                r.error(e.keyLocation, "'label' applies to timeline charts, not \(kindName) charts",
                        hint: "annotations label a point or a line: annotations: [{x: …, label: …}]")
            } else if let name = out.label, let ds {
                checkColumn(name, in: ds, key: "label", at: e.value.location, &r)
            }
        } else if let traits, traits.takesLabel {
            r.error(node.location, "a \(kindName) chart needs 'label', the column of event text",
                    hint: "e.g. label: event")
        }

        // facet: one panel per value of a column.
        if let e = entry("facet") {
            out.facet = r.text(e)
            if out.facet == nil && e.value.isNull { r.error(e.keyLocation, "'facet' needs a column name") }
            if let traits, !traits.facetable {
                r.error(e.keyLocation, "'facet' applies to line, bar and area charts, not \(kindName) charts")
            } else if let name = out.facet, let ds, let column = checkColumn(name, in: ds, key: "facet", at: e.value.location, &r) {
                if name == xName || name == seriesName || yNames.contains(name) {
                    r.error(e.value.location, "'facet' is column \"\(name)\", which the chart already uses as \(name == xName ? "'x'" : name == seriesName ? "'series'" : "'y'")",
                            hint: "'facet' names the column whose values get a panel each, e.g. facet: product")
                } else {
                    let groups = RowGroups(column: column)
                    if !groups.ungrouped.isEmpty {
                        r.error(e.value.location, "column \"\(name)\" is empty in \(rowList(groups.ungrouped)) of \(ds.name); every row needs a panel",
                                hint: "fill in the cells, or remove those rows")
                    } else if groups.count < 2 || groups.count > 12 {
                        r.error(e.value.location, "small multiples need 2 to 12 panels; column \"\(name)\" has \(groups.count) value\(groups.count == 1 ? "" : "s")",
                                hint: groups.count < 2 ? "without a second panel, drop 'facet'" : "chart fewer groups, e.g. in a dataset cut to the ones the text is about")
                    }
                    if entry("horizontal") != nil, entry("horizontal")?.value.scalar == "true" {
                        r.error(e.keyLocation, "'facet' and 'horizontal' can't be combined",
                                hint: "small multiples of bars are drawn upright")
                    }
                }
            }
        }

        // highlight: one series in colour.
        if let e = entry("highlight") {
            out.highlight = r.text(e)
            if let h = out.highlight, let ds {
                var names: [String] = []
                if let seriesName, let column = ds.column(named: seriesName) {
                    names = RowGroups(column: column).keys
                } else {
                    names = yNames.compactMap { ds.column(named: $0)?.displayName }
                }
                let matches = names.contains(h) || yNames.contains(h)
                if names.count < 2 {
                    r.error(e.keyLocation, "'highlight' needs a chart of several series; this one draws \(names.count)")
                } else if !matches {
                    r.error(e.value.location, "highlight \"\(h)\" is not a series of this chart",
                            hint: SpecReader.hint(for: h, in: names, listName: "series"))
                }
            }
        }

        // bands and callouts: drawn on the shared x/y layout only.
        let horizontal = entry("horizontal")?.value.scalar == "true"
        func xyOnly(_ key: String, _ e: YAMLEntry, _ r: inout SpecReader) -> Bool {
            guard let traits else { return false }
            if !traits.xyLayout || (traits.canBeHorizontal && horizontal) {
                r.error(e.keyLocation, "'\(key)' applies to line, bar, area and scatter charts drawn upright, not \(horizontal ? "horizontal " : "")\(kindName) charts")
                return false
            }
            return true
        }
        if let e = entry("bands") {
            switch e.value {
            case .sequence(let list, _):
                if xyOnly("bands", e, &r) {
                    for item in list {
                        if let b = decodeBand(item, kind: kind, x: xColumn, &r) { out.bands.append(b) }
                    }
                }
            case .null: break
            default:
                r.error(e.value.location, "'bands' must be a list, e.g. - {from: FY2021-22, to: FY2022-23, label: Crisis}")
            }
        }
        if let e = entry("callouts") {
            switch e.value {
            case .sequence(let list, _):
                if entry("facet") != nil {
                    r.error(e.keyLocation, "'callouts' can't be combined with 'facet': a callout is about one point of one panel",
                            hint: "use 'bands' or 'annotations', which every panel draws")
                } else if xyOnly("callouts", e, &r) {
                    for item in list {
                        if let c = decodeCallout(item, kind: kind, x: xColumn, &r) { out.callouts.append(c) }
                    }
                }
            case .null: break
            default:
                r.error(e.value.location, "'callouts' must be a list, e.g. - {x: FY2021-22, y: 6798.982, text: Record}")
            }
        }
        return out
    }

    /// Checks an x value written in a spec (annotation, band, callout) against the x column,
    /// reporting "not a value of column …" with the closest value.
    static func checkXValue(_ v: String, what: String, kind: Kind?, x column: Column?, at: SourceLocation, _ r: inout SpecReader) {
        guard let kind, let column else { return }
        let axis = XAxisKind(kind: kind, column: column)
        guard XAxisKind.position(of: v, axis: axis, column: column) == nil else { return }
        switch axis {
        case .categorical:
            let values = column.values.map(\.text).filter { !$0.isEmpty }
            r.error(at, "\(what) x \"\(v)\" is not a value of column \(column.name)",
                    hint: SpecReader.hint(for: v, in: values, listName: "values"))
        case .date:
            let written = column.dateFormat.map { " (YYYY-MM-DD or \($0.pattern))" } ?? " (YYYY-MM-DD)"
            r.error(at, "\(what) x \"\(v)\" is not a date\(written)")
        case .linear, .year:
            r.error(at, "\(what) x \"\(v)\" is not a number")
        }
    }

    static func decodeBand(_ node: YAMLNode, kind: Kind?, x column: Column?, _ r: inout SpecReader) -> ChartBand? {
        let before = r.diagnostics.count
        guard let entries = r.entries(of: node, known: ["from", "to", "label"], what: "band") else { return nil }
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }
        var ends: [String?] = []
        for key in ["from", "to"] {
            guard let e = entry(key) else {
                r.error(node.location, "band needs '\(key)', an x value", hint: "e.g. - {from: FY2021-22, to: FY2022-23, label: Crisis}")
                ends.append(nil)
                continue
            }
            let v = r.text(e)
            if let v { checkXValue(v, what: "band '\(key)'", kind: kind, x: column, at: e.value.location, &r) }
            ends.append(v)
        }
        let label = entry("label").flatMap { r.text($0) }
        guard r.diagnostics.count == before, let from = ends[0], let to = ends[1] else { return nil }
        if let kind, let column, let e = entry("to") {
            let axis = XAxisKind(kind: kind, column: column)
            if axis == .categorical {
                let order = column.values.map(\.text)
                if let a = order.firstIndex(of: from), let b = order.firstIndex(of: to), b < a {
                    r.error(e.value.location, "band 'to' (\(to)) comes before 'from' (\(from)) in column \(column.name)",
                            hint: "swap them")
                    return nil
                }
            } else if let a = XAxisKind.position(of: from, axis: axis, column: column),
                      let b = XAxisKind.position(of: to, axis: axis, column: column), b < a {
                r.error(e.value.location, "band 'to' (\(to)) comes before 'from' (\(from))", hint: "swap them")
                return nil
            }
        }
        return ChartBand(from: from, to: to, label: label, location: node.location)
    }

    static func decodeCallout(_ node: YAMLNode, kind: Kind?, x column: Column?, _ r: inout SpecReader) -> ChartCallout? {
        let before = r.diagnostics.count
        guard let entries = r.entries(of: node, known: ["x", "y", "text"], what: "callout") else { return nil }
        func entry(_ key: String) -> YAMLEntry? { entries.first { $0.key == key } }
        var x: String?
        if let e = entry("x") {
            x = r.text(e)
            if let v = x { checkXValue(v, what: "callout", kind: kind, x: column, at: e.value.location, &r) }
        } else {
            r.error(node.location, "callout needs 'x', the x value of the point it is about")
        }
        var y: Double?
        if let e = entry("y") { y = r.number(e) } else {
            r.error(node.location, "callout needs 'y', the value of the point it is about")
        }
        let text = entry("text").flatMap { r.text($0) }
        if text == nil || text?.trimmingSpaces.isEmpty == true {
            r.error(entry("text")?.keyLocation ?? node.location, "callout needs 'text', the note to show")
        }
        guard r.diagnostics.count == before, let x, let y, let text else { return nil }
        return ChartCallout(x: x, y: y, text: text, location: node.location)
    }
}
