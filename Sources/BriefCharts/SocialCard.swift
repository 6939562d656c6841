import BriefDiagnostics
/// A brief's social card (issue 14, item 6): a 1200 × 630 SVG (the size Open Graph and Twitter's
/// `summary_large_image` show without cropping) with the site's name, the brief's title and its
/// lead chart, for BriefRaster to draw as the PNG of `og:image`.
///
/// Everything is placed here, with BriefCharts' text measure: the rasteriser only draws. Text is
/// set in Liberation Sans (Arial's metric twin, so the measure holds), falling back to DejaVu
/// Sans for scripts Liberation lacks.
public enum SocialCard {
    public static let width = 1200
    public static let height = 630
    static let margin = 64.0
    public static let font = "\"Liberation Sans\", \"DejaVu Sans\""

    /// The card's SVG. `chart` is the lead chart's wide drawing (`StandaloneChart.drawing`), or
    /// nil for a brief without charts (the title then takes the card).
    public static func svg(title: String, site: String, chart: String?) -> String {
        let p = StandaloneChart.Palette.light
        let W = Double(width), H = Double(height)
        let inner = W - 2 * margin
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        o += "<style>" + StandaloneChart.css(p, font: font) + ".points{display:none}</style>\n"
        o += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(p.background)\"/>\n"
        o += "<rect width=\"\(width)\" height=\"10\" fill=\"\(p.series[0])\"/>\n"
        // Site name, then the title: up to two lines (three without a chart), bold.
        let siteSize = 26.0
        var titleSize = chart == nil ? 64.0 : 46.0
        var y = margin + siteSize * 0.35
        let siteLine = TextMeasure.truncate(site, size: siteSize, maxWidth: inner)
        o += "<text x=\"\(n(margin))\" y=\"\(n(y))\" font-size=\"\(n(siteSize))\" fill=\"\(p.muted)\">\(Escape.html(siteLine.text))</text>\n"
        y += 18
        // Bold runs about 10% wider than the regular widths the measure holds. A title too long
        // for two lines over a chart gets a third, smaller, before it is cut.
        var wrapped = TextMeasure.wrap(title, size: titleSize * 1.1, maxWidth: inner, maxLines: chart == nil ? 4 : 2)
        if wrapped.truncated && chart != nil {
            titleSize = 36
            wrapped = TextMeasure.wrap(title, size: titleSize * 1.1, maxWidth: inner, maxLines: 3)
        }
        let lines = wrapped.lines
        o += "<text font-size=\"\(n(titleSize))\" font-weight=\"700\" fill=\"\(p.text)\">"
        for line in lines {
            y += titleSize * 1.15
            o += "<tspan x=\"\(n(margin))\" y=\"\(n(y))\">\(Escape.html(line))</tspan>"
        }
        o += "</text>\n"
        if let chart, let box = viewBox(of: chart) {
            // The chart fills the rest, scaled to fit and centred.
            let top = y + 28, bottom = H - 36
            let scale = min(inner / box.width, (bottom - top) / box.height)
            let w = box.width * scale, h = box.height * scale
            o += "<svg x=\"\(n(margin + (inner - w) / 2))\" y=\"\(n(top))\" width=\"\(n(w))\" height=\"\(n(h))\""
            o += " viewBox=\"0 0 \(n(box.width)) \(n(box.height))\" font-size=\"12\">"
            o += body(of: chart)
            o += "</svg>\n"
        }
        return o + "</svg>\n"
    }

    /// The width and height of a drawing's viewBox.
    static func viewBox(of svg: String) -> (width: Double, height: Double)? {
        guard let open = openingTag(of: svg),
              let range = attribute("viewBox", in: open) else { return nil }
        let parts = range.split(separator: " ").compactMap { Double(String($0)) }
        guard parts.count == 4, parts[2] > 0, parts[3] > 0 else { return nil }
        return (parts[2], parts[3])
    }

    static func openingTag(of svg: String) -> Substring? {
        guard let end = svg.firstIndex(of: ">") else { return nil }
        return svg[..<end]
    }

    static func attribute(_ name: String, in tag: Substring) -> Substring? {
        let key = " \(name)=\""
        var i = tag.startIndex
        while i < tag.endIndex {
            if tag[i...].hasPrefix(key) {
                let start = tag.index(i, offsetBy: key.count)
                guard let end = tag[start...].firstIndex(of: "\"") else { return nil }
                return tag[start..<end]
            }
            i = tag.index(after: i)
        }
        return nil
    }

    /// What is inside a drawing's root element, without its title and description (the card is
    /// one image with one alt text, in the page's meta tags).
    static func body(of svg: String) -> String {
        var b = Array(svg.utf8)
        let close = Array("</svg>".utf8)
        guard let start = b.firstIndex(of: UInt8(ascii: ">")) else { return "" }
        var end: Int? = nil
        var i = b.count - close.count
        while i > start { if b[i..<(i + close.count)].elementsEqual(close) { end = i; break }; i -= 1 }
        guard let end else { return "" }
        b = Array(b[(start + 1)..<end])
        for tag in ["title", "desc"] {
            if let a = firstOffset(of: Array("<\(tag) ".utf8), in: b, from: 0),
               let e = firstOffset(of: Array("</\(tag)>".utf8), in: b, from: a) {
                b.removeSubrange(a..<(e + tag.utf8.count + 3))
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    static func n(_ v: Double) -> String { Decimal.coordinate(v) }
}
