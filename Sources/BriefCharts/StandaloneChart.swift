import BriefDiagnostics
/// A chart's wide drawing as a file of its own (issue 14, item 5): the same SVG the page shows,
/// with its styles inside, so it opens alone in a browser, in an `<img>` elsewhere, or in a
/// slide or document editor, light or dark.
public enum StandaloneChart {
    /// The chart colours of `Templates/static/charts.css`, written out: a file opened alone has no
    /// page stylesheet, and librsvg (social cards) reads no CSS custom properties.
    /// `StandaloneChartTests` checks these against charts.css's light colours.
    public struct Palette: Sendable, Equatable {
        public var text, muted, grid, axis, background, annotation: String
        public var series: [String]

        public static let light = Palette(
            text: "#1b1b1b", muted: "#5a5a5a", grid: "#e4e4e4", axis: "#3a3a3a", background: "#ffffff", annotation: "#4a4a4a",
            series: ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#1b1b1b", "#a89a00"])
    }

    /// The marks' rules of charts.css with the colours of `palette` in place of its variables.
    public static func css(_ p: Palette, font: String = "Helvetica, Arial, \"Liberation Sans\", sans-serif") -> String {
        var css = "svg{background:\(p.background)}"
        css += "text{fill:\(p.text);font-family:\(font);font-variant-numeric:tabular-nums}"
        css += ".axis text,.axis-title{fill:\(p.muted)}.axis line{stroke:\(p.axis);stroke-width:1}"
        css += ".grid line{stroke:\(p.grid);stroke-width:1;shape-rendering:crispEdges}"
        css += ".zero{stroke:\(p.axis);stroke-width:1;shape-rendering:crispEdges}"
        css += ".line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}"
        css += ".area{fill-opacity:0.2;stroke:none}.stacked .area{fill-opacity:0.85}.stacked .line{stroke-width:1}"
        css += ".bar rect{shape-rendering:crispEdges}.label{font-weight:600}"
        for (i, colour) in p.series.enumerated() {
            let s = ".series-\(i + 1)"
            css += ".line\(s){stroke:\(colour)}.bar\(s),.area\(s),.dot\(s),.label\(s){fill:\(colour)}"
            css += ".point\(s):hover,.point\(s):focus{fill:\(colour)}"
        }
        css += ".annotation-rule{stroke:\(p.annotation);stroke-width:1;stroke-dasharray:4 3}"
        css += ".annotation-dot{fill:\(p.background);stroke:\(p.text);stroke-width:1.5}"
        css += ".annotation-label{fill:\(p.text);paint-order:stroke;stroke:\(p.background);stroke-width:3px;stroke-linejoin:round}"
        css += ".point{fill:transparent;stroke:none}.point:hover,.point:focus{stroke:\(p.background);stroke-width:2}"
        css += ".point:focus{outline:none;stroke:\(p.text)}"
        return css
    }

    /// The drawing with the given class (`chart-wide` or `chart-narrow`) cut out of a figure's
    /// HTML, or nil when it has none. Figures are generated markup: their SVG holds no nested
    /// `<svg>`, and author text in it is escaped.
    public static func drawing(_ variant: String = "chart-wide", inFigure html: String) -> String? {
        let open = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg \(variant)\"".utf8)
        let close = Array("</svg>".utf8)
        let b = Array(html.utf8)
        guard let start = firstOffset(of: open, in: b, from: 0), let end = firstOffset(of: close, in: b, from: start) else { return nil }
        return String(decoding: b[start..<(end + close.count)], as: UTF8.self)
    }


    /// The file: an XML declaration, the drawing, and a `<style>` with the light colours. Light
    /// only, on purpose: the file is made to be placed in other people's documents and slides
    /// (as Datawrapper's and OWID's exports are), where a chart turning dark with the reader's
    /// system setting would clash with the page around it.
    public static func file(drawing svg: String) -> String {
        let style = "<style>" + css(.light) + "</style>\n"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + inserting(style, afterOpeningTagOf: svg)
    }

    /// `svg` with `markup` placed right after its root's opening tag.
    static func inserting(_ markup: String, afterOpeningTagOf svg: String) -> String {
        guard let end = svg.utf8.firstIndex(of: UInt8(ascii: ">")) else { return svg }
        let cut = svg.utf8.index(after: end)
        return String(svg[..<cut]) + "\n" + markup + String(svg[cut...])
    }
}
