import BriefData

/// The rows a chart draws, in drawing order, with the x position and the series values of each.
///
/// Wide data (one `y` column per series) maps row for row. Long data (`series: <column>`) is
/// pivoted: one plotted row per distinct x value, one series per value of the series column in
/// first-appearance order, so every mark, label, legend and table below draws it the same way.
/// Scatter plots keep every row (a series may have several dots at one x).
struct PlotData {
    struct Series {
        var name: String
        var unit: String?
        /// One per plotted row; nil where the cell is missing.
        var values: [Double?]
        /// The cells as the source wrote them.
        var texts: [String]
        /// 0-based; colour class `series-(index+1)`.
        var index: Int
    }

    var axis: XAxisKind
    var xName: String
    var xTexts: [String]
    /// Numeric position per row; for categorical axes the category's index.
    var xPositions: [Double]
    var categories: [String]
    var series: [Series]
    /// The x column's date format, for placing annotations written the same way.
    var xFormat: DateFormat?
    /// Long data: the y column's and the series column's names (for descriptions and tables).
    var valueName: String?
    var seriesName: String?
    /// True when each plotted row belongs to one series only (a scatter plot of long data).
    var sparse = false
    /// A timeline's event text per plotted row (the `label` column as written).
    var labels: [String] = []
    /// The label column's display name.
    var labelName: String?
    /// Rows with no readable x, which no mark can place (a timeline says how many).
    var unplaced = 0

    var count: Int { xTexts.count }

    /// One plotted x: the dataset rows at it (one per row, or several for long data).
    struct XRow {
        var row: Int
        var text: String
        var position: Double
        /// What makes two rows the same x: the text of a category, else the position.
        var key: XKey
    }

    /// The identity of an x value: a category's text, or a position (0 and −0 the same).
    enum XKey: Hashable {
        case text(String)
        case position(Double)

        init(_ position: Double) { self = .position(position == 0 ? 0 : position) }
    }

    /// The identity of plotted row `row`'s x.
    func key(_ row: Int) -> XKey {
        axis == .categorical ? .text(xTexts[row]) : XKey(xPositions[row])
    }

    /// The rows with an x value, in drawing order: by position on numeric axes, in file order
    /// for categories.
    static func xRows(axis: XAxisKind, column: Column) -> [XRow] {
        var rows: [XRow] = []
        for (r, v) in column.values.enumerated() where !v.isMissing {
            if axis == .categorical {
                rows.append(XRow(row: r, text: v.text, position: 0, key: .text(v.text)))
            } else if let p = XAxisKind.numeric(v, axis: axis, format: column.dateFormat) {
                rows.append(XRow(row: r, text: v.text, position: p, key: XKey(p)))
            }
        }
        if axis != .categorical {
            rows.sort { ($0.position, $0.row) < ($1.position, $1.row) }
        }
        return rows
    }

    init(spec: ChartSpec, dataset: Dataset) {
        let xColumn = dataset.column(named: spec.x)
        let axis = xColumn.map { XAxisKind(kind: spec.kind, column: $0) } ?? .categorical
        self.axis = axis
        xName = xColumn?.displayName ?? spec.x
        xFormat = xColumn?.dateFormat
        var rows = xColumn.map { PlotData.xRows(axis: axis, column: $0) } ?? []
        unplaced = (xColumn?.values.count ?? 0) - rows.count

        // Long data: group the rows by series, then (except for scatter) one plotted row per x.
        var groups: RowGroups?
        var plotted: [[Int]] = []  // dataset rows per plotted row, for long data
        var single: [Int]? = nil  // the dataset row of each plotted row, for wide data
        if let name = spec.series, let seriesColumn = dataset.column(named: name), let yName = spec.y.first,
           let yColumn = dataset.column(named: yName) {
            valueName = yColumn.displayName
            seriesName = seriesColumn.displayName
            let grouped = RowGroups(column: seriesColumn, rows: rows.map(\.row))
            groups = grouped
            let present = Set(grouped.rows.joined())
            rows.removeAll { !present.contains($0.row) }
            if spec.kind.traits.keepsEveryRow {
                sparse = true
                plotted = rows.map { [$0.row] }
            } else {
                var merged: [XRow] = []
                var at: [XKey: Int] = [:]
                plotted = []
                for row in rows {
                    if let k = at[row.key] { plotted[k].append(row.row); continue }
                    at[row.key] = merged.count
                    merged.append(row)
                    plotted.append([row.row])
                }
                rows = merged
            }
        } else {
            single = rows.map(\.row)
        }
        let firstRows = single ?? plotted.map { $0.first ?? -1 }

        var categories: [String] = []
        var index: [String: Int] = [:]
        if axis == .categorical {
            for i in rows.indices {
                if let k = index[rows[i].text] {
                    rows[i].position = Double(k)
                } else {
                    index[rows[i].text] = categories.count
                    rows[i].position = Double(categories.count)
                    categories.append(rows[i].text)
                }
            }
        }
        self.categories = categories
        xTexts = rows.map(\.text)
        xPositions = rows.map(\.position)

        var series: [Series] = []
        if let groups, let yName = spec.y.first, let column = dataset.column(named: yName) {
            for (g, key) in groups.keys.enumerated() {
                let members = Set(groups.rows[g])
                // The first row of this series at each plotted x (decoding refuses repeats).
                let cells: [Value] = plotted.map { candidates in
                    candidates.first(where: members.contains).map { column.value(at: $0) } ?? .missing
                }
                series.append(Series(
                    name: key, unit: column.unit,
                    values: cells.map { $0.number.flatMap { $0.isFinite ? $0 : nil } },
                    texts: cells.map(\.text), index: series.count))
            }
        } else {
            for name in spec.y {
                guard let column = dataset.column(named: name) else { continue }
                let cells = firstRows.map { column.value(at: $0) }
                series.append(Series(
                    name: column.displayName, unit: column.unit,
                    values: cells.map { $0.number.flatMap { $0.isFinite ? $0 : nil } },
                    texts: cells.map(\.text), index: series.count))
            }
        }
        self.series = series
        if let name = spec.label, let column = dataset.column(named: name) {
            labels = firstRows.map { column.value(at: $0).text }
            labelName = column.displayName
        }
    }

    /// Stack bounds per series and row: bars stack positives up and negatives down
    /// (d3's diverging offset); areas stack in order. A missing value has no bounds, and
    /// in an area it also leaves every layer above it undefined, so a gap is never drawn as zero.
    func stacked(_ stacking: KindTraits.Stacking) -> [[(lo: Double, hi: Double)?]] {
        var out = Array(repeating: [(lo: Double, hi: Double)?](repeating: nil, count: count), count: series.count)
        for row in 0..<count {
            var pos = 0.0, neg = 0.0, running = 0.0
            var broken = false
            for s in series.indices {
                guard let v = series[s].values[row] else { broken = true; continue }
                if stacking == .diverging {
                    if v >= 0 { out[s][row] = (pos, pos + v); pos += v } else { out[s][row] = (neg + v, neg); neg += v }
                } else if !broken {
                    out[s][row] = (running, running + v)
                    running += v
                }
            }
        }
        return out
    }
}
