@testable import BriefCharts
import BriefData
import Foundation
import Testing

/// A chart's standalone SVG file and a brief's social card.
@Suite struct StandaloneChartTests {
    static let yaml = """
    type: line
    data: sbp_trade_with_us
    x: fiscal_year
    y: [exports_to_us_musd, imports_from_us_musd]
    title: Exports to the US outgrew imports
    format: usd_millions
    y_min: 0
    """

    static func figure() throws -> String {
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: GoldenTests.datasets)
        return ChartRenderer.figure(spec, dataset: Fixtures.sbpTrade, context: context())
    }

    @Test func theFileIsTheWideDrawingWithItsStylesInside() throws {
        let html = try Self.figure()
        let wide = try #require(StandaloneChart.drawing(inFigure: html))
        #expect(wide.contains("class=\"chart-svg chart-wide\""))
        #expect(StandaloneChart.drawing("chart-narrow", inFigure: html)?.contains("chart-narrow") == true)
        let file = StandaloneChart.file(drawing: wide)
        #expect(xmlError(file) == nil, "\(xmlError(file) ?? "")")
        #expect(file.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(file.contains("<style>"))
        // Colours written out: nothing refers to the page's custom properties.
        #expect(!file.contains("var("))
        #expect(file.contains(".line.series-1{stroke:#0072b2}"))
        // The drawing itself is unchanged: everything after its opening tag ends the file.
        let afterOpen = wide[wide.index(after: try #require(wide.firstIndex(of: ">")))...]
        #expect(file.hasSuffix(String(afterOpen)))
    }

    @Test func paletteIsChartsCSSLightColours() throws {
        let css = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Templates/static/charts.css"), encoding: .utf8)
        // The first block of custom properties is the light one.
        let light = String(css[css.range(of: "--chart-text")!.lowerBound..<css.range(of: "}")!.lowerBound])
        func value(_ name: String) -> String? {
            guard let r = light.range(of: "--\(name): ") else { return nil }
            return String(light[r.upperBound...].prefix { $0 != ";" })
        }
        let p = StandaloneChart.Palette.light
        #expect(value("chart-text") == p.text)
        #expect(value("chart-muted") == p.muted)
        #expect(value("chart-grid") == p.grid)
        #expect(value("chart-axis") == p.axis)
        #expect(value("chart-bg") == p.background)
        #expect(value("chart-annotation") == p.annotation)
        for (i, colour) in p.series.enumerated() { #expect(value("series-\(i + 1)") == colour) }
    }

    @Test func socialCardGolden() throws {
        let wide = try #require(StandaloneChart.drawing(inFigure: try Self.figure()))
        let card = SocialCard.svg(title: "Exports to the US rose through the 2022 crisis & after", site: "Pakistan–US Economic Relations", chart: wide)
        Golden.check("social-card", ext: "svg", card)
        #expect(xmlError(card) == nil, "\(xmlError(card) ?? "")")
        #expect(card.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\""))
        // One image with one alt text: the chart's own title and description are left out.
        #expect(!card.contains("<desc"))
        #expect(!card.contains("chart-1-wide-title"))
        #expect(card.contains("&amp; after") && !card.contains("& after"))
        #expect(card.contains("viewBox=\"0 0 640 360\""))
    }

    @Test func socialCardWithoutAChartGivesTheTitleTheRoom() {
        let card = SocialCard.svg(title: String(repeating: "A very long title ", count: 12), site: "Site", chart: nil)
        #expect(xmlError(card) == nil)
        // Wrapped to at most four lines, each inside the card.
        let lines = card.components(separatedBy: "<tspan ").count - 1
        #expect(lines >= 2 && lines <= 4)
    }
}
