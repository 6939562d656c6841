/// A chart drawing for a right-to-left page: the value axis on the right, categories and time
/// running right to left, every label on the mirrored side of what it labels, as Arabic and
/// Urdu publications lay charts out.
///
/// The layout is computed once, left to right, and mirrored as a whole, so every distance (and
/// so every no-overlap guarantee of the layout) is kept: the marks, grid and axes are drawn in a
/// group reflected about the drawing's centre, and each text is reflected back about its own
/// anchor (so glyphs read normally) with its anchor swapped, start for end, and rotated labels
/// turned the other way.
enum ChartMirror {
    /// `svg` (one `<svg>…</svg>` drawing of `width`) laid out right to left.
    static func mirrored(_ svg: String, width: Double) -> String {
        // The title and description stay first, outside the reflected group.
        let closing = "</svg>\n"
        guard let descEnd = svg.firstRange(of: "</desc>\n"), svg.hasSuffix(closing) else { return svg }
        let close = svg.index(svg.endIndex, offsetBy: -closing.count)
        guard descEnd.upperBound <= close else { return svg }
        let body = String(svg[descEnd.upperBound..<close])
        return String(svg[..<descEnd.upperBound])
            + "<g class=\"rtl\" transform=\"matrix(-1 0 0 1 \(Decimal.coordinate(width)) 0)\">\n"
            + texts(body) + "</g>\n" + closing
    }

    /// Every `<text>` reflected back about its anchor, with its anchor swapped; `<g>` anchors are
    /// followed down so a text that inherits one gets it explicitly.
    static func texts(_ body: String) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + body.utf8.count / 8)
        var anchors: [String?] = []
        var rest = Substring(body)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let end = rest[open...].firstIndex(of: ">") else { out += rest[open...]; return out }
            let tag = rest[open...end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("<g") && (tag.hasPrefix("<g ") || tag.hasPrefix("<g>")) {
                if !tag.hasSuffix("/>") { anchors.append(attribute("text-anchor", in: tag)) }
                out += tag
            } else if tag.hasPrefix("</g") {
                _ = anchors.popLast()
                out += tag
            } else if tag.hasPrefix("<text") && !tag.hasSuffix("/>") {
                let inherited = anchors.last(where: { $0 != nil }) ?? nil
                let anchor = attribute("text-anchor", in: tag) ?? inherited ?? "start"
                // The point the text hangs from: its x, its translate(), or its first tspan's x.
                var x = attribute("x", in: tag).flatMap(Double.init)
                var transform = attribute("transform", in: tag)
                if let t = transform, let range = t.firstRange(of: "translate("),
                   let comma = t[range.upperBound...].firstIndex(where: { $0 == "," || $0 == " " }) {
                    x = Double(t[range.upperBound..<comma])
                    transform = rotatedBack(t)
                }
                if x == nil, let tspan = rest.firstRange(of: "<tspan"), let stop = rest.firstRange(of: "</text>"),
                   tspan.lowerBound < stop.lowerBound, let tx = attribute("x", in: rest[tspan.lowerBound...].prefix(200)) {
                    x = Double(tx)
                }
                let counter = "matrix(-1 0 0 1 \(Decimal.coordinate(2 * (x ?? 0))) 0)"
                var rewritten = removing(["text-anchor", "transform"], from: tag)
                rewritten.removeLast()  // ">"
                out += rewritten + " text-anchor=\"\(swapped(anchor))\" transform=\"\(counter)\(transform.map { " " + $0 } ?? "")\">"
            } else {
                out += tag
            }
        }
        return out + rest
    }

    static func swapped(_ anchor: String) -> String {
        anchor == "start" ? "end" : anchor == "end" ? "start" : anchor
    }

    /// A rotated label turned the other way (`rotate(-45)` → `rotate(45)`), so it slopes away
    /// from its tick on the mirrored side.
    static func rotatedBack(_ transform: String) -> String {
        guard let range = transform.firstRange(of: "rotate("), let close = transform[range.upperBound...].firstIndex(of: ")"),
              let angle = Double(transform[range.upperBound..<close]) else { return transform }
        return String(transform[..<range.upperBound]) + Decimal.coordinate(-angle) + String(transform[close...])
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.firstRange(of: " " + name + "=\"") else { return nil }
        let value = tag[start.upperBound...]
        return value.firstIndex(of: "\"").map { String(value[..<$0]) }
    }

    static func removing(_ names: [String], from tag: Substring) -> String {
        var t = String(tag)
        for name in names {
            while let start = t.firstRange(of: " " + name + "=\""), let end = t[start.upperBound...].firstIndex(of: "\"") {
                t.removeSubrange(start.lowerBound...end)
            }
        }
        return t
    }
}
