@testable import BriefCharts
import BriefData
import Testing

@Suite struct TableTests {
    @Test func goldenTable() {
        let spec = TableSpec(dataset: "sbp_trade_with_us", columns: ["fiscal_year", "exports_to_us_musd", "imports_from_us_musd"],
                             caption: "Pakistan's trade with the US", formats: ["imports_from_us_musd": .usdMillions])
        let html = TableRenderer.figure(spec, dataset: Fixtures.sbpTrade, context: context("table-1"))
        Golden.check("table", ext: "html", html)
        #expect(html.contains("<th scope=\"col\" class=\"num\">Exports to the US <span class=\"unit\">(USD millions)</span></th>"))
        #expect(html.contains("<td class=\"num\">6,798.982</td>"))
        #expect(html.contains("<td class=\"num\">$3.06B</td>"))
        #expect(xmlError(html.replacingOccurrences(of: " download>", with: " download=\"\">")) == nil)
    }
}

@Suite struct SparklineTests {
    @Test func sparkline() {
        let svg = Sparkline.svg(values: [3860, 4042.701, 3897.852, nil, 6798.982, 5932.358, 5432.929], width: 120, height: 32)
        Golden.check("sparkline", ext: "svg", svg)
        #expect(xmlError(svg) == nil)
        #expect(svg.contains("aria-hidden=\"true\""))
        #expect(xmlError(Sparkline.svg(values: [], width: 10, height: 10)) == nil)
        #expect(xmlError(Sparkline.svg(values: [nil, 1, nil], width: 10, height: 10)) == nil)
    }
}
