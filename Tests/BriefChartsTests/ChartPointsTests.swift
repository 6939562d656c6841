@testable import BriefCharts
import BriefData
import Foundation
import Testing

/// Values on hover and keyboard focus: every plotted value is one focusable, named point placed
/// on its mark, and the point's name says what the data table says.
@Suite struct ChartPointsTests {
    static func figure(_ yaml: String) throws -> String {
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: GoldenTests.datasets)
        let dataset = try #require(GoldenTests.datasets[spec.dataset])
        return ChartRenderer.figure(spec, dataset: dataset, context: context())
    }

    /// (cx, cy, row, series, name) of every point of one drawing.
    static func points(_ svg: String) -> [(x: Double, y: Double, row: Int, series: Int, name: String)] {
        let rx = try! NSRegularExpression(pattern: "<circle class=\"point series-\\d+(?: muted| highlighted)?\" role=\"img\" tabindex=\"0\" data-row=\"(\\d+)\" data-series=\"(\\d+)\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\" r=\"[0-9.]+\"><title>([^<]*)</title></circle>")
        let ns = svg as NSString
        return rx.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { m in
            (Double(ns.substring(with: m.range(at: 3)))!, Double(ns.substring(with: m.range(at: 4)))!,
             Int(ns.substring(with: m.range(at: 1)))!, Int(ns.substring(with: m.range(at: 2)))!, ns.substring(with: m.range(at: 5)))
        }
    }

    @Test func everyValueOfALineIsAFocusablePointOnTheLine() throws {
        let html = try Self.figure("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports and imports
        """)
        for svg in svgs(in: html) {
            #expect(xmlError(svg) == nil)
            #expect(!svg.contains("role=\"img\" aria-labelledby") && svg.contains("aria-describedby="))
            let points = Self.points(svg)
            // 7 exports and 4 imports are reported; missing values get no point.
            #expect(points.count == 11)
            #expect(points.filter { $0.series == 0 }.count == 7 && points.filter { $0.series == 1 }.count == 4)
            // Each point is a vertex of its series' line.
            for p in points {
                let vertex = "\(Decimal.coordinate(p.x)),\(Decimal.coordinate(p.y))"
                let line = svg.components(separatedBy: "<path class=\"line series-\(p.series + 1)\"").dropFirst().first ?? ""
                #expect(line.prefix(while: { $0 != ">" }).contains(vertex), "point \(vertex) is not on its line")
            }
            // Named as the data table reads: x, series, the source's digits and the unit.
            #expect(points.contains { $0.name == "FY2021-22, Exports to the US: 6,798.982 USD millions" && $0.row == 4 })
            #expect(points.contains { $0.name == "FY2018-19, Imports from the US: 2,097.595 USD millions" && $0.row == 1 && $0.series == 1 })
        }
        #expect(html.contains("<td class=\"num\">6,798.982</td>"))
    }

    @Test func barPointsSitAtTheEndOfTheirBars() throws {
        for (yaml, horizontal) in [("type: bar\ndata: sbp_trade_with_us\nx: fiscal_year\ny: exports_to_us_musd\ntitle: T", false),
                                   ("type: bar\ndata: sbp_trade_with_us\nx: fiscal_year\ny: exports_to_us_musd\nhorizontal: true\ntitle: T", true)] {
            let svg = try #require(svgs(in: try Self.figure(yaml)).first)
            let points = Self.points(svg)
            #expect(points.count == 7)
            let rx = try NSRegularExpression(pattern: "<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([-0-9.]+)\" height=\"([-0-9.]+)\"/>")
            let ns = svg as NSString
            let bars = rx.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { m in
                (1...4).map { Double(ns.substring(with: m.range(at: $0)))! }
            }
            #expect(bars.count == 7)
            for (p, bar) in zip(points, bars) {
                if horizontal {
                    #expect(abs(p.x - (bar[0] + bar[2])) < 0.02 && abs(p.y - (bar[1] + bar[3] / 2)) < 0.6)
                } else {
                    #expect(abs(p.y - bar[1]) < 0.02 && abs(p.x - (bar[0] + bar[2] / 2)) < 0.6)
                }
            }
        }
    }

    @Test func oneSeriesNamesNoSeries() throws {
        let svg = try #require(svgs(in: try Self.figure("type: area\ndata: sbp_trade_with_us\nx: fiscal_year\ny: exports_to_us_musd\ntitle: T")).first)
        #expect(Self.points(svg).first?.name == "FY2017-18: 3,860 USD millions")
    }

    @Test func tooManyValuesGetNoPointsAndStayAnImage() throws {
        let n = SVGChart.maxFocusablePoints + 1
        let ds = Fixtures.dataset("many", [.init("x", .number, (0..<n).map(String.init)), .init("y", .number, (0..<n).map { String($0 % 7) })])
        let spec = ChartSpec(kind: .line, dataset: "many", x: "x", y: ["y"], title: "T")
        let html = ChartRenderer.figure(spec, dataset: ds, context: context())
        #expect(!html.contains("class=\"points\""))
        for svg in svgs(in: html) { #expect(svg.contains("role=\"img\"")) }
        // The data table still holds the values.
        #expect(html.contains("<details class=\"chart-data\">"))
    }

    @Test func smallMultiplesNameTheirPanelAndPointAtTheTablesColumn() throws {
        let yaml = try #require(GoldenTests.cases.first { $0.name == "facet-area-series" }?.yaml)
        let html = try Self.figure(yaml)
        let wide = try #require(svgs(in: html).first)
        let points = Self.points(wide)
        #expect(!points.isEmpty)
        // The table's header row: x, then one column per panel and series.
        let header = html.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0]
        let columns = header.components(separatedBy: "<th scope=\"col\" class=\"num\">").dropFirst().map {
            String($0.prefix { $0 != "<" }).trimmingCharacters(in: .whitespaces)
        }
        #expect(Set(points.map(\.series)).count == columns.count)
        for p in points {
            // "x, Panel: series: value": the column header as the table writes it.
            #expect(p.name.contains(", \(columns[p.series]): "), "\(p.name) is not in column \(columns[p.series])")
        }
    }

    @Test func aHighlightGreysTheOtherSeriesPointsWithTheirLines() throws {
        let html = try Self.figure("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        highlight: exports_to_us_musd
        title: T
        """)
        let wide = try #require(svgs(in: html).first)
        let points = Self.points(wide)
        #expect(points.count > 2)
        let circles = wide.components(separatedBy: "<circle class=\"point ").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(circles.count == points.count)
        // Each point carries its line's classes: the highlighted series' colour, the others' grey.
        for line in wide.components(separatedBy: "<path class=\"line ").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            let series = try #require(line.split(separator: " ").first)
            #expect(circles.contains(line), "points of \(series) do not carry \(line)")
        }
        #expect(circles.contains { $0.hasSuffix(" muted") } && circles.contains { $0.hasSuffix(" highlighted") })
    }

    @Test func aRangesTwoEndsArePointsOnTheirDots() throws {
        let yaml = try #require(GoldenTests.cases.first { $0.name == "range" }?.yaml)
        let html = try Self.figure(yaml)
        for svg in svgs(in: html) {
            let points = Self.points(svg)
            let dots = svg.components(separatedBy: "<circle class=\"dot ").dropFirst().map { String($0.prefix { $0 != "/" }) }
            #expect(!points.isEmpty && points.count == dots.count)
            for p in points {
                // Each end's point sits on its own dot (both ends of a row share the row's centre).
                let at = "series-\(p.series + 1)\" cx=\"\(Decimal.coordinate(p.x))\" cy=\"\(Decimal.coordinate(p.y))\""
                #expect(dots.contains { $0.hasPrefix(at) }, "point \(p.name) is on no dot of its series")
            }
        }
    }
}
