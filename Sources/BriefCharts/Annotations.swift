import BriefData

/// Reference lines and labelled points (`annotations:`).
extension SVGChart {
    /// Reference rules and labelled points. `categoryAt` places an x value along the
    /// category axis; `value` is the value scale (vertical, or across for horizontal bars).
    func annotations(frame f: Frame, categoryAt: (String) -> Double?, value: LinearScale, horizontal: Bool) -> String {
        guard !spec.annotations.isEmpty else { return "" }
        var o = "<g class=\"annotations\">"
        let maxLabel = (f.plotRight - f.plotLeft) * 0.6
        for a in spec.annotations {
            let label = TextMeasure.truncate(a.label, size: font, maxWidth: max(40, maxLabel))
            let w = TextMeasure.width(label.text, size: font)
            let text = titled(label, full: a.label)
            let c = a.x.flatMap(categoryAt)
            let v = a.y.flatMap { value.contains($0) ? value($0) : nil }
            if a.x != nil && c == nil { continue }
            if a.y != nil && v == nil { continue }
            switch (c, v) {
            case let (c?, v?):
                let (px, py) = horizontal ? (v, c) : (c, v)
                o += "<circle class=\"annotation-dot\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"4\"/>"
                var tx = px + 7, anchor = "start"
                if tx + w > f.width - 2 { tx = px - 7; anchor = "end" }
                var ty = py - 7
                if ty - font < 1 { ty = py + 7 + font * 0.8 }
                o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(ty))\" text-anchor=\"\(anchor)\">\(text)</text>"
            case let (c?, nil):
                if horizontal {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(c))\" y2=\"\(n(c))\"/>"
                    o += "<text class=\"annotation-label\" x=\"\(n(f.plotRight))\" y=\"\(n(c - 4))\" text-anchor=\"end\">\(text)</text>"
                } else {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(c))\" x2=\"\(n(c))\" y1=\"\(n(f.plotTop))\" y2=\"\(n(f.plotBottom))\"/>"
                    var tx = c + 4, anchor = "start"
                    if tx + w > f.width - 2 { tx = c - 4; anchor = "end" }
                    o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(f.plotTop + font))\" text-anchor=\"\(anchor)\">\(text)</text>"
                }
            case let (nil, v?):
                if horizontal {
                    // The label sits above the plot, in the room drawHorizontal left for it.
                    o += "<line class=\"annotation-rule\" x1=\"\(n(v))\" x2=\"\(n(v))\" y1=\"\(n(f.plotTop - font - 2))\" y2=\"\(n(f.plotBottom))\"/>"
                    var tx = v + 4, anchor = "start"
                    if tx + w > f.width - 2 { tx = v - 4; anchor = "end" }
                    o += "<text class=\"annotation-label\" x=\"\(n(tx))\" y=\"\(n(f.plotTop - 6))\" text-anchor=\"\(anchor)\">\(text)</text>"
                } else {
                    o += "<line class=\"annotation-rule\" x1=\"\(n(f.plotLeft))\" x2=\"\(n(f.plotRight))\" y1=\"\(n(v))\" y2=\"\(n(v))\"/>"
                    var ty = v - 4
                    if ty - font < 1 { ty = v + 4 + font * 0.8 }
                    o += "<text class=\"annotation-label\" x=\"\(n(f.plotRight))\" y=\"\(n(ty))\" text-anchor=\"end\">\(text)</text>"
                }
            case (nil, nil):
                break
            }
        }
        return o + "</g>\n"
    }
}

extension ChartSpec {
    /// True when `highlight` names another series: this one is drawn grey. The highlight may name
    /// a series as shown (a column's label, a `series:` value) or a y column.
    func mutes(_ s: PlotData.Series) -> Bool {
        guard let h = highlight, s.name != h else { return false }
        if series == nil, s.index < y.count, y[s.index] == h { return false }
        return true
    }
}
