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

    /// The points of a plot, vertical (x across, values up) or horizontal (bars).
    /// `plot.xAt(row)` is the centre of a row's x position (a band's centre, a point scale's
    /// point or a linear position); bars shift it to the series' own bar.
    func points(_ plot: Plot) -> [Point] {
        let band = plot.band, value = plot.value, stacks = plot.stacks, horizontal = plot.horizontal
        let categoryAt = plot.xAt
        var out: [Point] = []
        let isBar = traits.seriesSideBySide
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
    var hasPointLayer: Bool { Self.hasPointLayer(spec, data: data) }

    static func hasPointLayer(_ spec: ChartSpec, data: PlotData) -> Bool {
        // Small-multiple panels have one too: `pointPanel` names the panel and maps its series
        // back to the combined data table's columns.
        guard !data.sparse, spec.kind.traits.points else { return false }
        var count = 0
        for s in data.series {
            for v in s.values where v != nil {
                count += 1
                if count > maxFocusablePoints { return false }
            }
        }
        return count > 0
    }

    /// Every value's name, escaped, by series and row ("" where a value is missing): x, series
    /// and the value as the source wrote it, as in the data table, in the page's language
    /// (`chart.point`, `chart.point_single`; its digits, and its unit where the format names it).
    /// Both drawings of a figure name the same values, so `ChartRenderer.figure` makes these
    /// once for both. nil `text` (a bare drawing outside any page) writes them as English does.
    static func pointNames(_ data: PlotData, panel: (name: String, seriesOffset: Int)?, format: NumberFormat,
                           text: InterfaceText?, translated: Bool) -> PointNames {
        let named = data.series.count > 1 || data.seriesName != nil || panel != nil
        // The language's pattern, split once into its words and its `{x}`, `{series}`, `{value}`.
        let pattern = text.map { $0[named ? "chart.point" : "chart.point_single"] } ?? (named ? "{x}, {series}: {value}" : "{x}: {value}")
        let pieces = PatternPiece.split(pattern)
        let xs = data.xTexts.map { Escape.html($0) }
        // Digits as English writes them and the dataset's own unit: the figure goes in as bytes.
        let plain = text.map { $0.writesNumbersPlainly && !translated } ?? true
        var names = PointNames(rows: data.count, capacity: data.series.count * data.count * 48)
        for s in data.series {
            // In a panel of small multiples, the series as the data table names it ("Panel: series").
            let seriesName = Escape.html(panel.map { data.series.count == 1 ? $0.name : "\($0.name): \(s.name)" } ?? s.name)
            let unit = s.unit.map { $0.isEmpty ? "" : " " + Escape.html($0) } ?? ""
            for row in 0..<data.count {
                defer { names.end() }
                guard s.values[row] != nil else { continue }
                for piece in pieces {
                    switch piece {
                    case .words(let w): names.text.add(w)
                    case .x: names.text.add(xs[row])
                    case .series: names.text.add(seriesName)
                    case .value:
                        if plain {
                            names.text.figure(s.texts[row])
                            names.text.add(unit)
                        } else if let text {
                            names.text.add(Escape.html(format.figure(s.texts[row], units: s.unit, in: text, translated: translated)))
                        }
                    }
                }
            }
        }
        return names
    }

    /// Every point's name, escaped, in one byte buffer: series by series, row by row.
    struct PointNames {
        var text: MarkupBytes
        /// Where each name ends in `text`, at `series * rows + row`.
        var ends: [Int] = []
        var rows: Int

        init(rows: Int, capacity: Int) {
            self.rows = rows
            text = MarkupBytes(capacity: capacity)
        }

        mutating func end() { ends.append(text.count) }
    }

    /// A point name's pattern in pieces: escaped words and the three values it names.
    enum PatternPiece {
        case words(String), x, series, value

        static func split(_ pattern: String) -> [PatternPiece] {
            var out: [PatternPiece] = []
            let b = Array(pattern.utf8)
            var wordsStart = 0, i = 0
            func flush(_ end: Int) {
                if end > wordsStart { out.append(.words(Escape.html(String(decoding: b[wordsStart..<end], as: UTF8.self)))) }
            }
            while i < b.count {
                guard b[i] == 0x7B, let close = b[(i + 1)...].firstIndex(of: 0x7D) else { i += 1; continue }
                let piece: PatternPiece? = switch String(decoding: b[(i + 1)..<close], as: UTF8.self) {
                case "x": .x
                case "series": .series
                case "value": .value
                default: nil
                }
                guard let piece else { i += 1; continue }
                flush(i)
                out.append(piece)
                i = close + 1
                wordsStart = i
            }
            flush(b.count)
            return out
        }
    }

    /// The point layer's markup, or "" when the drawing has none.
    func pointLayer(_ makePoints: @autoclosure () -> [Point]) -> String {
        guard hasPointLayer else { return "" }
        let points = makePoints()
        let names = pointNames ?? Self.pointNames(data, panel: pointPanel, format: spec.format, text: text, translated: translated)
        let offset = pointPanel?.seriesOffset ?? 0
        // A greyed series' points grey with it (`highlight`). Each series' opening, one buffer.
        var opening = MarkupBytes(capacity: data.series.count * 48)
        var openingEnds: [Int] = []
        for s in data.series {
            opening.add("<circle class=\"point ")
            opening.add(seriesClass(s))
            opening.add("\" role=\"img\" tabindex=\"0\" data-row=\"")
            openingEnds.append(opening.count)
        }
        let close: StaticString = traits.bands ? "\" r=\"4\"><title>" : "\" r=\"5\"><title>"
        var o = MarkupBytes(capacity: points.count * 200)
        o.add("<g class=\"points\">")
        // Raw views of the openings and names for the loop: no reference counting per point.
        opening.withBytes { openings in
            names.text.withBytes { nameBytes in
                openingEnds.withUnsafeBufferPointer { openingEnds in
                    names.ends.withUnsafeBufferPointer { nameEnds in
                        for p in points {
                            let a = p.series == 0 ? 0 : openingEnds[p.series - 1]
                            o.add(UnsafeBufferPointer(rebasing: openings[a..<openingEnds[p.series]]))
                            o.int(p.row)
                            o.add("\" data-series=\"")
                            o.int(p.series + offset)
                            o.add("\" cx=\"")
                            o.coordinate(p.x)
                            o.add("\" cy=\"")
                            o.coordinate(p.y)
                            o.add(close)
                            let i = p.series * names.rows + p.row
                            if i < nameEnds.count {
                                o.add(UnsafeBufferPointer(rebasing: nameBytes[(i == 0 ? 0 : nameEnds[i - 1])..<nameEnds[i]]))
                            }
                            o.add("</title></circle>")
                        }
                    }
                }
            }
        }
        o.add("</g>\n")
        return o.string
    }
}
