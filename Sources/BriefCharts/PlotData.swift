import BriefData

/// The rows a chart draws, in drawing order, with the x position and the series values of each.
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

    var count: Int { xTexts.count }

    init(spec: ChartSpec, dataset: Dataset) {
        let xColumn = dataset.column(named: spec.x)
        axis = xColumn.map { XAxisKind(kind: spec.kind, column: $0) } ?? .categorical
        xName = xColumn?.displayName ?? spec.x
        var rows: [(row: Int, text: String, position: Double)] = []
        if let xColumn {
            for (r, v) in xColumn.values.enumerated() where !v.isMissing {
                if axis == .categorical {
                    rows.append((r, v.text, 0))
                } else if let p = XAxisKind.numeric(v, axis: axis) {
                    rows.append((r, v.text, p))
                }
            }
        }
        if axis != .categorical {
            rows.sort { ($0.position, $0.row) < ($1.position, $1.row) }
        }
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
        for name in spec.y {
            guard let column = dataset.column(named: name) else { continue }
            let cells = rows.map { $0.row < column.values.count ? column.values[$0.row] : .missing }
            series.append(Series(
                name: column.displayName, unit: column.unit,
                values: cells.map { $0.number.flatMap { $0.isFinite ? $0 : nil } },
                texts: cells.map(\.text), index: series.count))
        }
        self.series = series
    }

    /// Stack bounds per series and row: bars stack positives up and negatives down
    /// (d3's diverging offset); areas stack in order. A missing value has no bounds, and
    /// in an area it also leaves every layer above it undefined, so a gap is never drawn as zero.
    func stacked(kind: ChartSpec.Kind) -> [[(lo: Double, hi: Double)?]] {
        var out = Array(repeating: [(lo: Double, hi: Double)?](repeating: nil, count: count), count: series.count)
        for row in 0..<count {
            var pos = 0.0, neg = 0.0, running = 0.0
            var broken = false
            for s in series.indices {
                guard let v = series[s].values[row] else { broken = true; continue }
                if kind == .bar {
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
