import BriefData

/// Shaded x ranges (`bands:`) and callouts (`callouts:`) on the shared x/y layout.
///
/// Band labels sit in a strip above the plot, in up to two lanes, so they never cover a mark;
/// a label that fits no lane is shortened to the room left. A callout's text is tried at
/// growing distances in eight directions from its point and goes to the first place inside
/// the plot that touches no mark (line segments, bars, dots, area fills), no rule, no direct
/// label and no other callout; a leader line joins it to the point.
extension SVGChart {
    /// An axis-aligned box.
    struct Box {
        var left: Double, top: Double, right: Double, bottom: Double

        func padded(_ p: Double) -> Box { Box(left: left - p, top: top - p, right: right + p, bottom: bottom + p) }
        func intersects(_ b: Box) -> Bool { left < b.right && b.left < right && top < b.bottom && b.top < bottom }
        func contains(_ x: Double, _ y: Double) -> Bool { x >= left && x <= right && y >= top && y <= bottom }

        /// True when the segment (x1, y1)–(x2, y2) crosses or lies in the box (Liang–Barsky).
        func meets(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Bool {
            var t0 = 0.0, t1 = 1.0
            let dx = x2 - x1, dy = y2 - y1
            for (p, q) in [(-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)] {
                if p == 0 {
                    if q < 0 { return false }
                } else {
                    let r = q / p
                    if p < 0 { if r > t1 { return false }; t0 = max(t0, r) } else { if r < t0 { return false }; t1 = min(t1, r) }
                }
            }
            return t0 <= t1
        }
    }

    /// What a label must keep clear of: boxes and segments.
    struct Obstacles {
        var boxes: [Box] = []
        var segments: [(Double, Double, Double, Double)] = []

        /// The older annotations' rules, dots and (roughly) their labels.
        mutating func add(annotationsOf chart: SVGChart, frame f: Frame, categoryAt: (String) -> Double?, value: LinearScale) {
            let font = chart.font
            for a in chart.spec.annotations {
                let w = TextMeasure.width(a.label, size: font) + 8
                let c = a.x.flatMap(categoryAt)
                let v = a.y.flatMap { value.contains($0) ? value($0) : nil }
                switch (c, v) {
                case let (c?, v?):
                    boxes.append(Box(left: c - w, top: v - font - 10, right: c + w, bottom: v + font + 10))
                case let (c?, nil):
                    segments.append((c, f.plotTop, c, f.plotBottom))
                    boxes.append(Box(left: c - w, top: f.plotTop, right: c + w, bottom: f.plotTop + font + 4))
                case let (nil, v?):
                    segments.append((f.plotLeft, v, f.plotRight, v))
                    boxes.append(Box(left: f.plotRight - w, top: v - font - 6, right: f.plotRight, bottom: v + font + 6))
                case (nil, nil): break
                }
            }
        }

        func hits(_ b: Box) -> Int {
            boxes.count { $0.intersects(b) } + segments.count { b.meets($0.0, $0.1, $0.2, $0.3) }
        }
    }

    // MARK: - Bands

    /// The pixel span of a band on a settled x axis, held inside the plot.
    func bandSpan(_ b: ChartBand, x: XAxis, frame f: Frame) -> (Double, Double)? {
        var lo: Double, hi: Double
        if let band = x.band {
            guard let i = data.categories.firstIndex(of: b.from), let j = data.categories.firstIndex(of: b.to) else { return nil }
            let half = abs(band.step) / 2
            (lo, hi) = (band.center(min(i, j)) - half, band.center(max(i, j)) + half)
        } else if let lin = x.linear,
                  let p = XAxisKind.position(of: b.from, axis: data.axis, format: data.xFormat, isCategory: { _ in false }),
                  let q = XAxisKind.position(of: b.to, axis: data.axis, format: data.xFormat, isCategory: { _ in false }) {
            (lo, hi) = (min(lin(p), lin(q)), max(lin(p), lin(q)))
        } else {
            return nil
        }
        lo = max(lo, f.plotLeft)
        hi = min(hi, f.plotRight)
        return hi > lo ? (lo, hi) : nil
    }

    /// A band label as placed: its text, left edge, lane (0 nearest the plot) and full text.
    struct BandLabel {
        var text: (text: String, truncated: Bool)
        var full: String
        var x: Double
        var lane: Int
    }

    /// Band labels in lanes above the plot, left to right, none overlapping another.
    func bandLabels(x: XAxis, frame f: Frame, lanes: Int) -> [BandLabel] {
        var out: [BandLabel] = []
        var laneRight = [Double](repeating: -Double.infinity, count: max(1, lanes))
        let spans = spec.bands.compactMap { b in bandSpan(b, x: x, frame: f).map { (b, $0) } }
            .filter { $0.0.label?.isEmpty == false }
            .sorted { ($0.1.0, $0.1.1) < ($1.1.0, $1.1.1) }
        for (b, span) in spans {
            guard let full = b.label else { continue }
            let start = span.0 + 3
            let w = TextMeasure.width(full, size: font)
            let limit = f.width - 2
            // At the band's left edge, or moved left to end at the edge of the drawing.
            let placedWhole = [start, min(start, limit - w)].lazy.compactMap { x -> (Int, Double)? in
                guard x >= f.plotLeft, x + w <= limit,
                      let lane = laneRight.indices.first(where: { laneRight[$0] + 8 <= x }) else { return nil }
                return (lane, x)
            }.first
            if let (lane, x) = placedWhole {
                out.append(BandLabel(text: (full, false), full: full, x: x, lane: lane))
                laneRight[lane] = x + w
                continue
            }
            // No lane takes it whole: shorten it into the lane with the most room.
            guard let lane = laneRight.indices.min(by: { laneRight[$0] < laneRight[$1] }) else { continue }
            let left = max(start, laneRight[lane] + 8)
            let room = limit - left
            guard room >= 24 else { continue }
            let t = TextMeasure.truncate(full, size: font, maxWidth: room)
            out.append(BandLabel(text: t, full: full, x: left, lane: lane))
            laneRight[lane] = left + TextMeasure.width(t.text, size: font)
        }
        return out
    }

    /// How many label lanes the bands need above the plot (0 without labelled bands).
    func bandLanes(x: XAxis, frame f: Frame) -> Int {
        let placed = bandLabels(x: x, frame: f, lanes: 2)
        return placed.map { $0.lane + 1 }.max() ?? 0
    }

    static let laneHeight = 17.0

    /// The shaded rectangles (drawn under the gridlines) and their labels (above the plot).
    func bandsMarkup(x: XAxis, frame f: Frame, lanes: Int) -> (rects: String, labels: String) {
        guard !spec.bands.isEmpty else { return ("", "") }
        var rects = "<g class=\"bands\" aria-hidden=\"true\">"
        for b in spec.bands {
            guard let (lo, hi) = bandSpan(b, x: x, frame: f) else { continue }
            rects += "<rect class=\"band\" x=\"\(n(lo))\" y=\"\(n(f.plotTop))\" width=\"\(n(hi - lo))\" height=\"\(n(f.plotBottom - f.plotTop))\"/>"
        }
        rects += "</g>\n"
        var labels = "<g class=\"band-labels\">"
        for l in bandLabels(x: x, frame: f, lanes: lanes) {
            let y = f.plotTop - 5 - Double(l.lane) * SVGChart.laneHeight
            labels += TextMark.text("band-label", x: l.x, y: y, titled(l.text, full: l.full))
        }
        labels += "</g>\n"
        return (rects, labels)
    }

    // MARK: - Callouts

    /// The marks' outlines as obstacles: segments of lines, boxes of bars, dots and area fills.
    func markObstacles(_ plot: Plot) -> Obstacles {
        var o = Obstacles()
        let y = plot.value
        if y.contains(0) { o.segments.append((plot.frame.plotLeft, y(0), plot.frame.plotRight, y(0))) }
        let stacks = plot.stacks
        for s in data.series {
            var previous: (Double, Double)?
            for row in 0..<data.count {
                var top: Double?
                var base = y.clamped(0)
                if let stacks, let b = stacks[s.index][row] {
                    top = y.clamped(b.hi)
                    base = y.clamped(b.lo)
                } else if stacks == nil, let v = s.values[row] {
                    top = y.clamped(v)
                }
                guard let t = top else { previous = nil; continue }
                let px = plot.xAt(row)
                switch spec.kind.traits.stacking {
                case .diverging?:
                    if let band = plot.band {
                        let start = band.start(Int(data.xPositions[row]))
                        o.boxes.append(Box(left: start, top: min(t, base), right: start + band.bandwidth, bottom: max(t, base)))
                    }
                case .running?:
                    if let p = previous {
                        o.boxes.append(Box(left: p.0, top: min(p.1, t), right: px, bottom: max(base, y.clamped(0))))
                    }
                default:
                    if let p = previous { o.segments.append((p.0, p.1, px, t)) }
                    o.boxes.append(Box(left: px - 4, top: t - 4, right: px + 4, bottom: t + 4))
                }
                previous = (px, t)
            }
        }
        return o
    }

    /// Callouts placed clear of `obstacles` inside the plot, each with a leader to its point.
    func calloutsMarkup(_ plot: Plot, obstacles start: Obstacles, categoryAt: (String) -> Double?, rightLimit: Double) -> String {
        guard !spec.callouts.isEmpty else { return "" }
        let f = plot.frame, y = plot.value
        var obstacles = start
        var o = "<g class=\"callouts\">"
        let lineHeight = (font * 1.2).rounded()
        let maxWidth = max(90, (f.plotRight - f.plotLeft) * 0.45)
        let area = Box(left: f.plotLeft + 2, top: f.plotTop + 2, right: min(f.plotRight, rightLimit) - 2, bottom: f.plotBottom - 2)
        // Every callout's point is an obstacle for every other's text.
        var points: [(Double, Double)?] = []
        for c in spec.callouts {
            guard let px = categoryAt(c.x), y.contains(c.y) else { points.append(nil); continue }
            let p = (px, y(c.y))
            points.append(p)
            obstacles.boxes.append(Box(left: p.0 - 5, top: p.1 - 5, right: p.0 + 5, bottom: p.1 + 5))
        }
        for (c, point) in zip(spec.callouts, points) {
            guard let (px, py) = point else { continue }
            let wrapped = TextMeasure.wrap(c.text, size: font, maxWidth: maxWidth, maxLines: 3)
            let w = wrapped.lines.map { TextMeasure.width($0, size: font) }.max() ?? 0
            let h = lineHeight * Double(wrapped.lines.count)
            var best: (box: Box, hits: Int, leader: (Double, Double))?
            search: for r in [26.0, 42, 62, 86, 114, 150] {
                for (dx, dy) in [(1.0, -1.0), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1), (1, 0), (-1, 0)] {
                    let left = dx > 0 ? px + r * 0.8 : dx < 0 ? px - r * 0.8 - w : px - w / 2
                    let top = dy < 0 ? py - r * 0.6 - h : dy > 0 ? py + r * 0.6 : py - h / 2
                    let box = Box(left: left, top: top, right: left + w, bottom: top + h)
                    guard area.contains(box.left, box.top), area.contains(box.right, box.bottom) else { continue }
                    let hits = obstacles.hits(box.padded(3))
                    // The leader ends at the box's nearest edge point.
                    let lx = min(max(px, box.left), box.right), ly = min(max(py, box.top), box.bottom)
                    if best == nil || hits < best!.hits { best = (box, hits, (lx, ly)) }
                    if hits == 0 { break search }
                }
            }
            guard let placed = best else { continue }
            let box = placed.box
            obstacles.boxes.append(box)
            let (lx, ly) = placed.leader
            let d = ((lx - px) * (lx - px) + (ly - py) * (ly - py)).squareRoot()
            o += "<circle class=\"callout-dot\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"3\"/>"
            if d > 6 {
                let ux = (lx - px) / d, uy = (ly - py) / d
                o += RuleMark.line("callout-leader", x1: px + ux * 4, x2: lx - ux * 2, y1: py + uy * 4, y2: ly - uy * 2)
            }
            let full = wrapped.truncated ? "<title>\(Escape.html(c.text))</title>" : ""
            o += "<text class=\"callout-label\">" + full
            for (k, line) in wrapped.lines.enumerated() {
                o += "<tspan x=\"\(n(box.left))\" y=\"\(n(box.top + font * 0.9 + lineHeight * Double(k)))\">\(Escape.html(line))</tspan>"
            }
            o += "</text>"
        }
        return o + "</g>\n"
    }
}
